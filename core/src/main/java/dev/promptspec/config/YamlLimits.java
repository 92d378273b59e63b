package dev.promptspec.config;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import org.apiguardian.api.API;
/**
 * Bounds that keep a hostile or broken file from exhausting memory or time. Each has a configuration
 * key (the engine's {@code Keys.LIMIT_*} use the same names) that the error reporting it names, so
 * users know which limit they hit and how to raise it.
 *
 * @param maxFileBytes   largest file read (prompt files and the test-data files they reference), in bytes;
 *                       SnakeYAML's code-point limit is derived from it
 * @param maxAliases     most aliases ({@code *ref}) to collections, the billion-laughs vector
 * @param maxDepth       deepest nesting of mappings and lists
 * @param maxNodes       most nodes after alias expansion
 */
@API(status = EXPERIMENTAL, since = "0.1")
public record YamlLimits(int maxFileBytes, int maxAliases, int maxDepth, int maxNodes) {

    public static final YamlLimits DEFAULTS = new YamlLimits(4 * 1024 * 1024, 50, 64, 200_000);

    /** Configuration key of {@link #maxFileBytes()}. */
    public static final String MAX_FILE_BYTES_KEY = Keys.LIMIT_FILE_BYTES;
    /** Configuration key of {@link #maxAliases()}. */
    public static final String MAX_ALIASES_KEY = Keys.LIMIT_ALIASES;
    /** Configuration key of {@link #maxDepth()}. */
    public static final String MAX_DEPTH_KEY = Keys.LIMIT_DEPTH;
    /** Configuration key of {@link #maxNodes()}. */
    public static final String MAX_NODES_KEY = Keys.LIMIT_NODES;

    /** How to raise a limit, for the fix part of a message. */
    public static String howToRaise(String key) {
        return "raise " + key + " (a JUnit configuration parameter: junit-platform.properties or -D" + key + "=...)";
    }
}
