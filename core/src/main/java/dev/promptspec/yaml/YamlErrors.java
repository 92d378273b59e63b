package dev.promptspec.yaml;

import dev.promptspec.problem.Problem;
import java.util.Locale;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;

/** Rewrites SnakeYAML's parser messages into a position, a plain message and a fix. */
final class YamlErrors {

    private YamlErrors() {
    }

    static Problem fromMarked(String file, MarkedYAMLException e) {
        Position pos = YamlReader.position(file, e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark());
        String problem = e.getProblem() == null ? "invalid YAML" : e.getProblem().trim();
        String context = e.getContext() == null ? "" : e.getContext().trim();
        String message = "invalid YAML: " + problem
                + (context.isEmpty() || e.getContextMark() == null ? ""
                        : " (" + context + " at line " + (e.getContextMark().getLine() + 1) + ")");
        return Problem.error(pos, message, fixFor(problem));
    }

    static Problem fromUnmarked(String file, YAMLException e) {
        String msg = e.getMessage() == null ? "invalid YAML" : e.getMessage();
        String lower = msg.toLowerCase(Locale.ROOT);
        if (lower.contains("number of aliases")) {
            return Problem.error(Position.of(file), "too many aliases (*ref) in the document: " + msg,
                    "Files with many aliases are how 'billion laughs' attacks work; use fewer, or raise promptspec.limits.max-aliases");
        }
        if (lower.contains("code points") || lower.contains("exceeds the limit")) {
            return Problem.error(Position.of(file), "the document is too large: " + msg,
                    "Raise promptspec.limits.max-file-bytes");
        }
        if (lower.contains("nesting depth")) {
            return Problem.error(Position.of(file), "nesting is too deep: " + msg, "Raise promptspec.limits.max-depth");
        }
        return Problem.error(Position.of(file), "invalid YAML: " + msg, "");
    }

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
        return "Fix the YAML syntax at this position";
    }
}
