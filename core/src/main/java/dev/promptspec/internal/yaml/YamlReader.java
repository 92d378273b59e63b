package dev.promptspec.internal.yaml;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.promptspec.config.YamlLimits;
import dev.promptspec.problem.Position;
import dev.promptspec.problem.Problem;
import dev.promptspec.problem.ProblemCollector;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apiguardian.api.API;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Reads one YAML document into {@link YamlNode}s that keep their positions.
 *
 * <p>Uses SnakeYAML's composer only (no object construction, so no tag can instantiate a class), with
 * its alias, nesting and code-point limits set from {@link YamlLimits}; the node count is bounded
 * here, since the composer shares aliased nodes and only expansion into our tree multiplies them.
 */
@API(status = INTERNAL, since = "0.1")
public final class YamlReader {

    private final YamlLimits limits;

    public YamlReader(YamlLimits limits) {
        this.limits = limits;
    }

    /**
     * Reads {@code text}. Syntax errors throw; duplicate keys and other recoverable problems go to
     * {@code problems} and reading continues, so one run shows them all.
     */
    public YamlNode read(String text, String file, ProblemCollector problems) throws YamlSyntaxException {
        int bytes = text.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > limits.maxFileBytes()) {
            throw new YamlSyntaxException(Problem.error(Position.of(file),
                    "the file is " + bytes + " bytes, over the file size limit of " + limits.maxFileBytes() + " bytes",
                    "Split it, move test data to a CSV/JSON Lines file, or " + YamlLimits.howToRaise(YamlLimits.MAX_FILE_BYTES_KEY)));
        }
        String yamlText = text;
        List<String> lines = text.lines().toList();
        Optional<SourceLayout.Preamble> preamble = SourceLayout.preamble(lines);
        if (preamble.isPresent()) {
            // Read the rest as if the prose were blank lines, so every later line number stays true. The prose is
            // reported below: on its own, or inside the one message of a file whose indentation was flattened too.
            yamlText = blankLines(text, preamble.get().firstLine(), preamble.get().lastLine());
        }
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(true); // we report duplicates ourselves, with both positions
        options.setMaxAliasesForCollections(limits.maxAliases());
        options.setNestingDepthLimit(limits.maxDepth());
        // The byte limit above already bounds the text; this keeps SnakeYAML's own bound consistent with it.
        options.setCodePointLimit(Math.max(yamlText.length() + 1, 1));
        options.setAllowRecursiveKeys(false);
        options.setMergeOnCompose(true);
        Yaml yaml = new Yaml(new SafeConstructor(options));
        List<Node> documents = new ArrayList<>();
        try {
            Iterator<Node> it = yaml.composeAll(new StringReader(yamlText)).iterator();
            while (it.hasNext()) {
                Node doc = it.next();
                if (doc != null) {
                    documents.add(doc);
                }
            }
        } catch (MarkedYAMLException e) {
            Problem syntax = YamlErrors.fromMarked(file, text, e);
            String note = syntax.position().hasLine() ? "line " + syntax.position().line() + ": " + e.getProblem() : null;
            Optional<Problem> flattened = SourceLayout.flattened(text, file, note);
            if (preamble.isPresent() && flattened.isPresent()) {
                // Both come from one copy out of a page or a chat: one message, so the author fixes both at once.
                throw new YamlSyntaxException(preamble.get().alsoIn(flattened.get()));
            }
            preamble.ifPresent(p -> problems.add(p.problem(file)));
            Optional<Problem> cause = preamble.isPresent() ? Optional.empty() : SourceLayout.leadingProse(lines, file, note);
            throw new YamlSyntaxException(cause.or(() -> flattened).orElse(syntax));
        } catch (YAMLException e) {
            preamble.ifPresent(p -> problems.add(p.problem(file)));
            throw new YamlSyntaxException(YamlErrors.fromUnmarked(file, yamlText, e, limits));
        }
        preamble.ifPresent(p -> problems.add(p.problem(file)));
        if (documents.isEmpty()) {
            return YamlMap.empty(new Position(file, 1, 1));
        }
        if (documents.size() > 1) {
            Node second = documents.get(1);
            throw new YamlSyntaxException(Problem.error(position(file, second.getStartMark()),
                    "the file holds " + documents.size() + " YAML documents separated by '---'; a prompt file holds exactly one",
                    "Remove the text before the '---' line (a leading '---' alone is fine) or split the file"));
        }
        return new Converter(file, problems).convert(documents.get(0), 0);
    }

    /** {@code text} with lines {@code first..last} (1-based) emptied. */
    private static String blankLines(String text, int first, int last) {
        String[] lines = text.split("\n", -1);
        for (int i = first - 1; i < last && i < lines.length; i++) {
            lines[i] = "";
        }
        return String.join("\n", lines);
    }

    static Position position(String file, Mark mark) {
        return mark == null ? Position.of(file) : new Position(file, mark.getLine() + 1, mark.getColumn() + 1);
    }

    /** Turns SnakeYAML nodes into ours, counting nodes to bound alias expansion. */
    private final class Converter {
        private final String file;
        private final ProblemCollector problems;
        private int nodes;

        Converter(String file, ProblemCollector problems) {
            this.file = file;
            this.problems = problems;
        }

        YamlNode convert(Node node, int depth) throws YamlSyntaxException {
            if (++nodes > limits.maxNodes()) {
                throw new YamlSyntaxException(Problem.error(position(file, node.getStartMark()),
                        "the document expands to more than " + limits.maxNodes() + " nodes, the node limit"
                                + " (aliases such as *ref repeat what they point to: this is how 'billion laughs' files exhaust memory)",
                        "Use fewer aliases, or " + YamlLimits.howToRaise(YamlLimits.MAX_NODES_KEY) + " if the file is legitimately that large"));
            }
            if (depth > limits.maxDepth()) {
                throw new YamlSyntaxException(Problem.error(position(file, node.getStartMark()),
                        "nesting is deeper than " + limits.maxDepth() + " levels, the nesting depth limit",
                        "Flatten the structure, or " + YamlLimits.howToRaise(YamlLimits.MAX_DEPTH_KEY)));
            }
            Position pos = position(file, node.getStartMark());
            Tag tag = node.getTag();
            if (!tag.getValue().startsWith(Tag.PREFIX) && !tag.getValue().equals("!")) {
                problems.warning(pos, "the tag '" + tag.getValue() + "' is ignored: PromptSpec reads plain YAML values and never"
                        + " gives tags a meaning (no includes, no objects)", "Remove the tag; write the value itself");
            }
            if (node instanceof ScalarNode s) {
                return new YamlScalar(s.getValue(), typeOf(s), pos);
            }
            if (node instanceof SequenceNode seq) {
                List<YamlNode> items = new ArrayList<>(seq.getValue().size());
                for (Node item : seq.getValue()) {
                    items.add(convert(item, depth + 1));
                }
                return new YamlList(items, pos);
            }
            MappingNode map = (MappingNode) node;
            Map<String, YamlMap.Entry> entries = new LinkedHashMap<>();
            for (NodeTuple tuple : map.getValue()) {
                Node keyNode = tuple.getKeyNode();
                Position keyPos = position(file, keyNode.getStartMark());
                if (!(keyNode instanceof ScalarNode keyScalar)) {
                    problems.error(keyPos, "a key must be a plain text, not " + describe(keyNode),
                            "Write the key as a plain word followed by ':'");
                    continue;
                }
                String key = keyScalar.getValue();
                YamlMap.Entry first = entries.get(key);
                if (first != null) {
                    problems.error(keyPos, "duplicate key '" + key + "' (first at line " + first.keyPosition().line() + ")",
                            "Remove one of them: YAML keeps only one value per key");
                    continue;
                }
                entries.put(key, new YamlMap.Entry(key, keyPos, convert(tuple.getValueNode(), depth + 1)));
            }
            return new YamlMap(entries, pos);
        }
    }

    private static String describe(Node node) {
        return node instanceof SequenceNode ? "a list" : node instanceof MappingNode ? "a mapping" : "a scalar";
    }

    private static YamlScalar.Type typeOf(ScalarNode s) {
        Tag tag = s.getTag();
        if (Tag.NULL.equals(tag)) {
            return YamlScalar.Type.NULL;
        }
        if (Tag.BOOL.equals(tag)) {
            return YamlScalar.Type.BOOLEAN;
        }
        if (Tag.INT.equals(tag)) {
            return YamlScalar.Type.INTEGER;
        }
        if (Tag.FLOAT.equals(tag)) {
            return YamlScalar.Type.FLOAT;
        }
        return YamlScalar.Type.STRING;
    }
}
