package dev.promptspec.internal.model.recording;

import dev.promptspec.config.YamlLimits;
import dev.promptspec.internal.yaml.YamlList;
import dev.promptspec.internal.yaml.YamlMap;
import dev.promptspec.internal.yaml.YamlNode;
import dev.promptspec.internal.yaml.YamlScalar;
import dev.promptspec.problem.InvalidConfigException;
import dev.promptspec.problem.Position;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.events.Event;
import org.yaml.snakeyaml.events.MappingStartEvent;
import org.yaml.snakeyaml.events.ScalarEvent;
import org.yaml.snakeyaml.events.SequenceStartEvent;
import org.yaml.snakeyaml.nodes.NodeId;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.resolver.Resolver;

/**
 * The quick way to read a recordings file, for the common case of a plain file (as PromptSpec writes it, or edited by
 * hand without YAML's rarer features): SnakeYAML's parser events go straight into the tree {@link RecordingCodec} reads
 * recordings from, without SnakeYAML's node tree, without a position per node and without the checks for prose around
 * the YAML, which together made reading recordings a third of the CPU time of a replayed run.
 *
 * <p>It reads exactly what the position-keeping reader ({@link dev.promptspec.internal.yaml.YamlReader}) reads, or
 * declines: a file with anchors, aliases, tags, merge keys, duplicate keys, keys that are not plain text, several
 * documents, or anything it cannot read as a recording is left to that reader, which explains each problem at its
 * line. Scalars are typed by the same resolver as in that reader, and equal texts share one string (a file repeats its
 * system prompt once per case).
 */
final class FastRecordingReader {

    private static final Resolver RESOLVER = new Resolver();

    private final YamlLimits limits;
    private final Position position;
    private final Iterator<Event> events;
    private final Map<String, String> texts = new HashMap<>();
    private int nodes;

    private FastRecordingReader(String text, String file, YamlLimits limits) {
        this.limits = limits;
        this.position = Position.of(file);
        LoaderOptions options = new LoaderOptions();
        options.setCodePointLimit(Math.max(text.length() + 1, 1));
        options.setNestingDepthLimit(limits.maxDepth());
        this.events = new Yaml(options).parse(new StringReader(text)).iterator();
    }

    /**
     * The recordings in {@code text}, or null when the position-keeping reader must read it (see the class comment):
     * never a different result from that reader, never an error of its own.
     */
    static List<Recording> read(String text, String file, YamlLimits limits) {
        // Beyond a third of the byte limit a text may be over it: the full reader measures it and says so.
        if (text.length() > limits.maxFileBytes() / 3) {
            return null;
        }
        try {
            YamlNode root = new FastRecordingReader(text, file, limits).document();
            return root == null ? null : RecordingCodec.recordings(root);
        } catch (Declined | InvalidConfigException | RuntimeException e) {
            return null; // the full reader reads it again, and reports what is wrong where it is
        }
    }

    /** The one document's root, or null for a stream of no document or of several. */
    private YamlNode document() throws Declined {
        expect(Event.ID.StreamStart);
        if (!next().is(Event.ID.DocumentStart)) {
            return null;
        }
        YamlNode root = node(next(), 0);
        expect(Event.ID.DocumentEnd);
        expect(Event.ID.StreamEnd);
        return root;
    }

    private YamlNode node(Event e, int depth) throws Declined {
        if (++nodes > limits.maxNodes() || depth > limits.maxDepth()) {
            throw new Declined();
        }
        if (e instanceof ScalarEvent s) {
            if (s.getAnchor() != null || s.getTag() != null) {
                throw new Declined();
            }
            String value = texts.computeIfAbsent(s.getValue(), v -> v);
            return new YamlScalar(value, type(RESOLVER.resolve(NodeId.scalar, value, s.getImplicit().canOmitTagInPlainScalar())),
                    position);
        }
        if (e instanceof SequenceStartEvent s) {
            if (s.getAnchor() != null || s.getTag() != null) {
                throw new Declined();
            }
            List<YamlNode> items = new ArrayList<>();
            for (Event item = next(); !item.is(Event.ID.SequenceEnd); item = next()) {
                items.add(node(item, depth + 1));
            }
            return new YamlList(items, position);
        }
        if (e instanceof MappingStartEvent m) {
            if (m.getAnchor() != null || m.getTag() != null) {
                throw new Declined();
            }
            Map<String, YamlMap.Entry> entries = new LinkedHashMap<>();
            for (Event key = next(); !key.is(Event.ID.MappingEnd); key = next()) {
                if (!(key instanceof ScalarEvent k) || k.getAnchor() != null || k.getTag() != null) {
                    throw new Declined();
                }
                String name = k.getValue();
                if (k.getImplicit().canOmitTagInPlainScalar() && name.equals("<<")) {
                    throw new Declined(); // a merge key
                }
                ++nodes;
                YamlNode value = node(next(), depth + 1);
                if (entries.put(name, new YamlMap.Entry(name, position, value)) != null) {
                    throw new Declined(); // a duplicate key: the full reader keeps the first and says so
                }
            }
            return new YamlMap(entries, position);
        }
        throw new Declined(); // an alias
    }

    private Event next() throws Declined {
        if (!events.hasNext()) {
            throw new Declined();
        }
        return events.next();
    }

    private void expect(Event.ID id) throws Declined {
        if (!next().is(id)) {
            throw new Declined();
        }
    }

    /** As {@link dev.promptspec.internal.yaml.YamlReader} types scalars. */
    private static YamlScalar.Type type(Tag tag) {
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

    /** The text is left to the full reader. */
    private static final class Declined extends Exception {
        private static final long serialVersionUID = 1L;

        Declined() {
            super(null, null, false, false);
        }
    }
}
