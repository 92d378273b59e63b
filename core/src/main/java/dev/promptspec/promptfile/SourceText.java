package dev.promptspec.promptfile;

import dev.promptspec.internal.template.Template;
import dev.promptspec.problem.Position;
import java.util.ArrayList;
import java.util.List;

/**
 * A file's text with its line starts, to turn a placeholder inside a YAML value into the line and column where
 * it is written. YAML values lose their layout (block scalars are unindented, folded ones joined), so the
 * placeholder is searched for in the raw text from the value's start: placeholders are copied verbatim by
 * every scalar style, which makes the n-th occurrence after the start the n-th of the value.
 */
final class SourceText {

    private final String text;
    private final String file;
    private final List<Integer> lineStarts = new ArrayList<>();

    SourceText(String text, String file) {
        this.text = text;
        this.file = file;
        lineStarts.add(0);
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                lineStarts.add(i + 1);
            }
        }
    }

    /** Where {@code placeholder} of {@code template} is written; the template's own position when it cannot be found. */
    Position positionOf(Template template, Template.Placeholder placeholder) {
        Position start = template.position();
        if (!start.hasLine() || !start.file().equals(file) || start.line() > lineStarts.size()) {
            return start;
        }
        int from = lineStarts.get(start.line() - 1) + Math.max(0, start.column() - 1);
        int skip = 0;
        for (Template.Placeholder p : template.placeholders()) {
            if (p == placeholder) {
                break;
            }
            if (p.raw().equals(placeholder.raw())) {
                skip++;
            }
        }
        int at = from - 1;
        for (int i = 0; i <= skip; i++) {
            at = text.indexOf(placeholder.raw(), at + 1);
            if (at < 0) {
                return start;
            }
        }
        return positionAt(at);
    }

    Position positionAt(int offset) {
        int line = 0;
        int lo = 0;
        int hi = lineStarts.size() - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            if (lineStarts.get(mid) <= offset) {
                line = mid;
                lo = mid + 1;
            } else {
                hi = mid - 1;
            }
        }
        return new Position(file, line + 1, offset - lineStarts.get(line) + 1);
    }
}
