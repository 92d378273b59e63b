package dev.promptspec.internal.yaml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.promptspec.config.YamlLimits;
import dev.promptspec.problem.Position;
import dev.promptspec.problem.Problem;
import dev.promptspec.problem.ProblemCollector;
import org.junit.jupiter.api.Test;

/**
 * Hostile or broken files are rejected by bounds, each naming its limit and the key that raises it. The bounds are
 * counts (aliases, nodes, depth, bytes), so these tests assert which bound stopped the file, never how long it took.
 */
class YamlLimitsTest {

    /** The classic document: 9 levels of 9 aliases expand to 9^9 (387 million) strings. */
    static final String BILLION_LAUGHS = """
            a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]
            b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]
            c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]
            d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]
            e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]
            f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]
            g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]
            h: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]
            i: &i [*h,*h,*h,*h,*h,*h,*h,*h,*h]
            """;

    @Test
    void billion_laughs_stops_at_the_alias_limit() {
        Problem p = rejection(YamlLimits.DEFAULTS, BILLION_LAUGHS);
        // 9 aliases on each of lines 2 to 6 make 45: the 6th on line 7 is the 51st
        assertThat(p.format()).isEqualTo("laughs.yml:7:23: error: the file uses more than 50 aliases (*ref) to lists and"
                + " mappings, the alias limit (alias 51, *f, is on line 7). Aliases that repeat collections are how 'billion"
                + " laughs' files exhaust memory; use fewer, or raise promptspec.limits.max-aliases (a JUnit configuration"
                + " parameter: junit-platform.properties or -Dpromptspec.limits.max-aliases=...)");
    }

    @Test
    void the_alias_that_crosses_a_lower_limit_is_named_and_aliases_of_scalars_do_not_count() {
        String text = """
                defaults: &defaults {channel: email, tone: warm}
                greeting: &greeting Hello
                testData:
                  - {<<: *defaults, text: "*greeting is not an alias in quotes", salutation: *greeting}
                  - {<<: *defaults, text: second}
                  - {<<: *defaults, text: third}
                """;
        YamlLimits two = new YamlLimits(YamlLimits.DEFAULTS.maxFileBytes(), 2, YamlLimits.DEFAULTS.maxDepth(),
                YamlLimits.DEFAULTS.maxNodes());
        Problem p = rejection(two, text);
        assertThat(p.position()).isEqualTo(new Position("laughs.yml", 6, 10));
        assertThat(p.message()).endsWith("the alias limit (alias 3, *defaults, is on line 6)");
    }

    @Test
    void with_the_alias_limit_raised_the_node_limit_still_stops_the_expansion() {
        // 72 aliases pass a raised alias limit; converting the expansion would visit ~430 million nodes. The reader
        // counts nodes as it converts and stops at the limit, so this test ends after about 200,000 of them.
        YamlLimits lenient = new YamlLimits(YamlLimits.DEFAULTS.maxFileBytes(), 1000, YamlLimits.DEFAULTS.maxDepth(),
                YamlLimits.DEFAULTS.maxNodes());
        Problem p = rejection(lenient, BILLION_LAUGHS);
        assertThat(p.message()).isEqualTo("the document expands to more than 200000 nodes, the node limit (aliases such as *ref"
                + " repeat what they point to: this is how 'billion laughs' files exhaust memory)");
        assertThat(p.fix()).contains("raise promptspec.limits.max-nodes");
        assertThat(p.position().line()).isBetween(1, 9);
    }

    @Test
    void a_smaller_node_limit_stops_earlier_at_the_node_it_counts() {
        YamlLimits tight = new YamlLimits(YamlLimits.DEFAULTS.maxFileBytes(), 1000, 64, 30);
        Problem p = rejection(tight, BILLION_LAUGHS);
        assertThat(p.message()).startsWith("the document expands to more than 30 nodes");
        // Node 31: root, a (1+9), b, b's first *a (1+9), b's second *a (1+8): its 8th "lol", written where &a is.
        assertThat(p.position()).isEqualTo(new Position("laughs.yml", 1, 50));
    }

    @Test
    void nesting_depth_is_bounded() {
        String deep = "a: " + "[".repeat(80) + "]".repeat(80) + "\n";
        Problem p = rejection(YamlLimits.DEFAULTS, deep);
        assertThat(p.message()).isEqualTo("nesting is deeper than 64 levels, the nesting depth limit");
        assertThat(p.fix()).isEqualTo("Flatten the structure, or raise promptspec.limits.max-depth (a JUnit configuration parameter:"
                + " junit-platform.properties or -Dpromptspec.limits.max-depth=...)");
    }

    @Test
    void file_size_is_bounded_before_parsing() {
        YamlLimits small = new YamlLimits(1024, 50, 64, 1000);
        Problem p = rejection(small, "a: " + "x".repeat(2000) + "\n");
        assertThat(p.format()).isEqualTo("laughs.yml: error: the file is 2004 bytes, over the file size limit of 1024 bytes."
                + " Split it, move test data to a CSV/JSON Lines file, or raise promptspec.limits.max-file-bytes (a JUnit"
                + " configuration parameter: junit-platform.properties or -Dpromptspec.limits.max-file-bytes=...)");
    }

    @Test
    void tags_never_create_objects() throws YamlSyntaxException {
        Problem global = rejection(YamlLimits.DEFAULTS, "a: !!java.io.File /etc/passwd\n");
        assertThat(global.message()).contains("Global tag is not allowed");
        ProblemCollector problems = new ProblemCollector();
        YamlNode node = new YamlReader(YamlLimits.DEFAULTS).read("a: !include secrets.yml\n", "laughs.yml", problems);
        assertThat(((YamlMap) node).get("a")).contains(new YamlScalar("secrets.yml", YamlScalar.Type.STRING, new Position("laughs.yml", 1, 4)));
        assertThat(problems.problems()).extracting(Problem::message).containsExactly("the tag '!include' is ignored: PromptSpec reads"
                + " plain YAML values and never gives tags a meaning (no includes, no objects)");
    }

    private static Problem rejection(YamlLimits limits, String text) {
        ProblemCollector problems = new ProblemCollector();
        YamlReader reader = new YamlReader(limits);
        assertThatThrownBy(() -> reader.read(text, "laughs.yml", problems)).isInstanceOf(YamlSyntaxException.class);
        try {
            reader.read(text, "laughs.yml", new ProblemCollector());
            throw new AssertionError("not rejected");
        } catch (YamlSyntaxException e) {
            return e.problem();
        }
    }
}
