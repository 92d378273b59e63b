package dev.promptspec.internal.yaml;

import dev.promptspec.config.YamlLimits;
import dev.promptspec.problem.Position;
import dev.promptspec.problem.Problem;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;

/** Rewrites SnakeYAML's parser messages into a position, a plain message and a fix. */
final class YamlErrors {

    private YamlErrors() {
    }

    static Problem fromMarked(String file, String text, MarkedYAMLException e) {
        Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
        Position pos = YamlReader.position(file, mark);
        String problem = e.getProblem() == null ? "invalid YAML" : e.getProblem().trim();
        if (problem.contains("(TAB)")) {
            return Problem.error(pos, "invalid YAML: this line is indented with a tab",
                    "YAML does not allow tabs for indentation; indent with spaces (two per level)");
        }
        if (problem.startsWith("mapping values are not allowed")) {
            String quoted = quotedValue(mark);
            if (quoted != null) {
                return Problem.error(pos, "invalid YAML: the value contains ': ', which YAML reads as the start of another key",
                        "Quote the value: " + quoted);
            }
        }
        String context = e.getContext() == null ? "" : e.getContext().trim();
        if (e.getContextMark() != null) {
            Optional<Problem> specific = unindentedBlock(file, text, problem, e.getContextMark().getLine())
                    .or(() -> unclosedQuote(file, problem, context, e.getContextMark()));
            if (specific.isPresent()) {
                return specific.get();
            }
        }
        String message = "invalid YAML: " + problem
                + (context.isEmpty() || e.getContextMark() == null ? ""
                        : " (" + context + " at line " + (e.getContextMark().getLine() + 1) + ")");
        return Problem.error(pos, message, fixFor(problem));
    }

    /** @param text the text SnakeYAML read, to find the alias that crossed the alias limit */
    static Problem fromUnmarked(String file, String text, YAMLException e, YamlLimits limits) {
        String msg = e.getMessage() == null ? "invalid YAML" : e.getMessage();
        String lower = msg.toLowerCase(Locale.ROOT);
        if (lower.contains("number of aliases")) {
            Optional<AliasLimit.Crossing> crossing = AliasLimit.crossing(text, limits.maxAliases(), file);
            return Problem.error(crossing.map(AliasLimit.Crossing::position).orElse(Position.of(file)), "the file uses more than "
                    + limits.maxAliases() + " aliases (*ref) to lists and mappings, the alias limit" + crossing.map(c -> " (alias "
                    + c.number() + ", *" + c.anchor() + ", is on line " + c.position().line() + ")").orElse(""),
                    "Aliases that repeat collections are how 'billion laughs' files exhaust memory; use fewer, or "
                            + YamlLimits.howToRaise(YamlLimits.MAX_ALIASES_KEY));
        }
        if (lower.contains("code points") || lower.contains("exceeds the limit")) {
            return Problem.error(Position.of(file), "the file is longer than the file size limit of " + limits.maxFileBytes() + " bytes",
                    "Split it, or " + YamlLimits.howToRaise(YamlLimits.MAX_FILE_BYTES_KEY));
        }
        if (lower.contains("nesting depth")) {
            return Problem.error(Position.of(file), "nesting is deeper than " + limits.maxDepth() + " levels, the nesting depth limit",
                    "Flatten the structure, or " + YamlLimits.howToRaise(YamlLimits.MAX_DEPTH_KEY));
        }
        return Problem.error(Position.of(file), "invalid YAML: " + msg, "Fix the YAML syntax");
    }

    /** {@code key: |} followed by a line that starts at or left of the key's column. */
    private static final Pattern BLOCK_HEADER = Pattern.compile("^(\\s*)(?:-\\s+)?([^\\s#:'\"][^:#]*?):\\s*[|>][-+0-9]*\\s*(?:#.*)?$");

    /**
     * The text of a block ({@code content: |}) that is not indented under its key: YAML ends the block at
     * once and reads the text as keys, and SnakeYAML then complains one line later about a missing ':'.
     * Files copied from pages that strip indentation look exactly like this, so name the real cause.
     */
    private static Optional<Problem> unindentedBlock(String file, String text, String problem, int contextLine) {
        String[] lines = text.split("\r?\n", -1);
        if (!problem.contains("expected ':'") || contextLine <= 0 || contextLine >= lines.length) {
            return Optional.empty();
        }
        int header = contextLine - 1;
        while (header >= 0 && lines[header].isBlank()) {
            header--;
        }
        if (header < 0) {
            return Optional.empty();
        }
        Matcher m = BLOCK_HEADER.matcher(lines[header]);
        String body = lines[contextLine];
        int bodyIndent = body.length() - body.stripLeading().length();
        if (!m.matches() || bodyIndent > m.start(2)) {
            return Optional.empty();
        }
        String key = m.group(2).trim();
        return Optional.of(Problem.error(new Position(file, contextLine + 1, bodyIndent + 1),
                "invalid YAML: the text under '" + lines[header].strip() + "' (line " + (header + 1)
                        + ") is not indented, so YAML reads it as keys",
                "Indent every line of that text by more spaces than '" + key + "' (2 more is usual). If the whole file lost its"
                        + " indentation (copied from a page that flattened it), re-indent it: nested keys and list items go"
                        + " under their parent key"));
    }

    /** A quote never closed: point at where it opens, not at the end of the file. */
    private static Optional<Problem> unclosedQuote(String file, String problem, String context, Mark contextMark) {
        if (!problem.contains("end of stream") || !context.contains("quoted scalar")) {
            return Optional.empty();
        }
        return Optional.of(Problem.error(YamlReader.position(file, contextMark), "invalid YAML: the quoted text that starts here is never closed",
                "Add the closing quote; inside \"...\" write a quote as \\\", inside '...' as ''"));
    }

    /** For "key: some: text": the line with its value quoted, or null when the line is not that shape. */
    private static String quotedValue(Mark mark) {
        if (mark == null || mark.getBuffer() == null) {
            return null;
        }
        int[] buffer = mark.getBuffer();
        int start = Math.min(mark.getPointer(), buffer.length);
        while (start > 0 && buffer[start - 1] != '\n') {
            start--;
        }
        int end = Math.min(mark.getPointer(), buffer.length);
        while (end < buffer.length && buffer[end] != '\n' && buffer[end] != '\r') {
            end++;
        }
        String line = new String(buffer, start, end - start);
        Matcher m = KEY_AND_VALUE.matcher(line);
        if (!m.matches() || mark.getPointer() - start < m.start(2)) {
            // The parser stopped at this line's own key, not inside its value: the line is indented under a
            // scalar (a continuation of the previous value), which quoting would not fix.
            return null;
        }
        String value = m.group(2).strip();
        return m.group(1).strip() + " \"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    private static final Pattern KEY_AND_VALUE = Pattern.compile("^(\\s*(?:- )?[A-Za-z_][\\w.-]*:)\\s+([^'\"|>\\s].*)$");

    private static String fixFor(String problem) {
        String p = problem.toLowerCase(Locale.ROOT);
        if (p.contains("'\\t'") || p.contains("tab")) {
            return "YAML does not allow tabs for indentation; indent with spaces";
        }
        if (p.contains("mapping values are not allowed")) {
            return "A value that contains ': ' must be quoted, or this line is indented wrongly: nested keys go under their parent, indented by more spaces";
        }
        if (p.contains("could not find expected ':'") || p.contains("expected <block end>")) {
            return "Check the indentation: nested keys, list items and block text (after '|' or '>') must be indented under their parent key";
        }
        if (p.contains("found undefined alias") ) {
            return "Define the anchor (&name) before using the alias (*name)";
        }
        if (p.contains("found unexpected end of stream") || p.contains("found unexpected end")) {
            return "A quoted string or a bracket is not closed";
        }
        if (p.contains("found character '@'") || p.contains("found character '`'")) {
            return "Quote values that start with @ or `";
        }
        if (p.contains("global tag is not allowed")) {
            return "Remove the tag: PromptSpec reads plain YAML values and never creates objects from tags";
        }
        if (p.contains("nesting depth")) {
            return "Flatten the structure, or " + YamlLimits.howToRaise(YamlLimits.MAX_DEPTH_KEY);
        }
        if (p.contains("number of aliases")) {
            return "Use fewer aliases, or " + YamlLimits.howToRaise(YamlLimits.MAX_ALIASES_KEY);
        }
        return "Fix the YAML syntax at this position";
    }
}
