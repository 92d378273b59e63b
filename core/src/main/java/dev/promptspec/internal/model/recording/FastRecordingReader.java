package dev.promptspec.internal.model.recording;

import dev.promptspec.config.YamlLimits;
import dev.promptspec.problem.InvalidConfigException;
import dev.promptspec.problem.Position;
import java.util.List;

/**
 * The quick way to read a recordings file, for the common case of a file in the part of YAML that PromptSpec writes
 * (see {@link BlockYaml}): no SnakeYAML node tree, no position per node, no checks for prose around the YAML, which
 * together made reading recordings a third of the CPU time of a replayed run.
 *
 * <p>It reads exactly what the position-keeping reader ({@link dev.promptspec.internal.yaml.YamlReader}) reads, or
 * declines, and that reader reads the file, explaining each problem at its line: a file that uses YAML beyond that part
 * (flow style, anchors, tags, comments after values, duplicate keys...), or that holds anything but recordings.
 */
final class FastRecordingReader {

    private FastRecordingReader() {
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
            return RecordingCodec.recordings(BlockYaml.read(text, Position.of(file), limits.maxDepth(), limits.maxNodes()));
        } catch (BlockYaml.Declined | InvalidConfigException | RuntimeException e) {
            return null; // the full reader reads it again, and reports what is wrong where it is
        }
    }
}
