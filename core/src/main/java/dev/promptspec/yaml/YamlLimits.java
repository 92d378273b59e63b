package dev.promptspec.yaml;

/**
 * Bounds that keep a hostile or broken file from exhausting memory or time. Each has a configuration
 * key (see the engine's constants) named in the error that reports it, so users know how to raise it.
 *
 * @param maxFileBytes   largest file read, in bytes
 * @param maxAliases     most aliases ({@code *ref}) to collections, the billion-laughs vector
 * @param maxDepth       deepest nesting of mappings and lists
 * @param maxNodes       most nodes after alias expansion
 */
public record YamlLimits(int maxFileBytes, int maxAliases, int maxDepth, int maxNodes) {

    public static final YamlLimits DEFAULTS = new YamlLimits(4 * 1024 * 1024, 50, 64, 200_000);
}
