package dev.promptspec.internal.model.recording;

import dev.promptspec.internal.yaml.YamlList;
import dev.promptspec.internal.yaml.YamlMap;
import dev.promptspec.internal.yaml.YamlNode;
import dev.promptspec.internal.yaml.YamlScalar;
import dev.promptspec.problem.Position;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.nodes.NodeId;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.resolver.Resolver;

/**
 * A reader for the part of YAML that recordings files are written in: block mappings and block sequences (compact
 * {@code - key: value} items included), keys that are plain words, and values that are plain, single-quoted or
 * double-quoted scalars on one line, literal block scalars ({@code |}, with indentation and chomping indicators), or
 * the empty collections {@code []} and {@code {}}. That is everything SnakeYAML writes for recordings, so every file
 * PromptSpec wrote is read here, several times faster than by SnakeYAML (which keeps marks and reads code point by code
 * point).
 *
 * <p>Anything else (comments after values, flow collections, folded scalars, scalars over several lines, anchors,
 * aliases, tags, directives, document markers, tabs in indentation, duplicate keys, characters YAML does not allow)
 * makes it decline, and the file is read by SnakeYAML with positions. It never reads a text differently from SnakeYAML:
 * plain scalars are typed by SnakeYAML's own resolver, and {@code FastRecordingReaderTest} compares the two readers on
 * every kind of text.
 */
final class BlockYaml {

    private static final Resolver RESOLVER = new Resolver();

    private final String text;
    private final Position position;
    private final int maxDepth;
    private final int maxNodes;
    private final Map<String, String> shared = new HashMap<>();
    /** Start of the current line. */
    private int line;
    private int nodes;

    private BlockYaml(String text, Position position, int maxDepth, int maxNodes) {
        this.text = text;
        this.position = position;
        this.maxDepth = maxDepth;
        this.maxNodes = maxNodes;
    }

    /** Thrown when the text is not in the part of YAML read here. */
    static final class Declined extends Exception {
        private static final long serialVersionUID = 1L;

        Declined() {
            super(null, null, false, false);
        }
    }

    /**
     * The root mapping of {@code text}, every node at {@code position} (no lines are kept).
     *
     * @throws Declined when the text is not in the part of YAML read here, or when the root is not a mapping
     */
    static YamlMap read(String text, Position position, int maxDepth, int maxNodes) throws Declined {
        checkCharacters(text);
        BlockYaml reader = new BlockYaml(text, position, maxDepth, maxNodes);
        reader.skipBlankAndCommentLines();
        if (reader.atEnd() || reader.indentation() != 0) {
            throw new Declined();
        }
        YamlMap root = reader.mapping(0, reader.line, 0);
        reader.skipBlankAndCommentLines();
        if (!reader.atEnd()) {
            throw new Declined();
        }
        return root;
    }

    /** Only characters YAML allows, none that YAML 1.1 reads as a line break besides {@code \n}, no byte order mark first. */
    private static void checkCharacters(String text) throws Declined {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c >= 0x20 && c <= 0x7E || c == '\n' || c == '\t') {
                continue;
            }
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++; // U+10000 and above: allowed
                continue;
            }
            if (c >= 0xA0 && c <= 0xD7FF && c != 0x2028 && c != 0x2029 || c >= 0xE000 && c <= 0xFFFD && (c != 0xFEFF || i > 0)) {
                continue;
            }
            throw new Declined(); // \r, U+0085, U+2028, U+2029 (line breaks to YAML 1.1), control characters, lone surrogates, BOM
        }
    }

    // ---- lines

    private boolean atEnd() {
        return line >= text.length();
    }

    /** End of the current line (the index of its '\n', or the text's length). */
    private int lineEnd() {
        int end = text.indexOf('\n', line);
        return end < 0 ? text.length() : end;
    }

    private void nextLine() {
        int end = lineEnd();
        line = end < text.length() ? end + 1 : text.length();
    }

    /** Spaces at the start of the current line; a tab among them declines. */
    private int indentation() throws Declined {
        int i = line;
        while (i < text.length() && text.charAt(i) == ' ') {
            i++;
        }
        if (i < text.length() && text.charAt(i) == '\t') {
            throw new Declined();
        }
        return i - line;
    }

    /** Whether the current line is empty, only spaces, or a comment: what YAML skips between nodes. */
    private boolean blankOrComment() {
        int end = lineEnd();
        for (int i = line; i < end; i++) {
            char c = text.charAt(i);
            if (c == '#') {
                return true;
            }
            if (c != ' ') {
                return false;
            }
        }
        return true;
    }

    private void skipBlankAndCommentLines() throws Declined {
        while (!atEnd() && blankOrComment()) {
            nextLine();
        }
        if (!atEnd() && (text.startsWith("---", line) || text.startsWith("...", line) || text.charAt(line) == '%')) {
            throw new Declined(); // document markers and directives
        }
    }

    private void count(int depth) throws Declined {
        if (++nodes > maxNodes || depth > maxDepth) {
            throw new Declined();
        }
    }

    // ---- collections

    /**
     * The block mapping whose keys are at {@code column}, the first of them on the current line at {@code start} (after a
     * sequence's "- " when the mapping is an item).
     */
    private YamlMap mapping(int column, int start, int depth) throws Declined {
        count(depth);
        Map<String, YamlMap.Entry> entries = new LinkedHashMap<>();
        int at = start;
        while (true) {
            int end = lineEnd();
            int colon = keyEnd(at, end);
            String key = shared(text.substring(at, colon));
            YamlNode value;
            int valueStart = colon + 1;
            while (valueStart < end && text.charAt(valueStart) == ' ') {
                valueStart++;
            }
            if (valueStart < end && text.charAt(valueStart) == '\t') {
                throw new Declined();
            }
            if (valueStart >= end) {
                nextLine();
                value = blockValue(column, depth + 1);
            } else {
                value = inlineValue(valueStart, end, column, depth + 1);
            }
            if (entries.put(key, new YamlMap.Entry(key, position, value)) != null) {
                throw new Declined(); // a duplicate key: SnakeYAML's reader keeps the first and reports it
            }
            skipBlankAndCommentLines();
            if (atEnd()) {
                break;
            }
            int indent = indentation();
            if (indent < column) {
                break;
            }
            if (indent > column || text.charAt(line + indent) == '-' && isDash(line + indent)) {
                if (indent == column) {
                    break; // a sequence at the mapping's column belongs to the key before it, which is done
                }
                throw new Declined(); // more indented than the keys: a continued scalar, or an error
            }
            at = line + indent;
        }
        return new YamlMap(entries, position);
    }

    /** The index of the ':' that ends the plain-word key starting at {@code at}; declines any other key. */
    private int keyEnd(int at, int end) throws Declined {
        int i = at;
        while (i < end) {
            char c = text.charAt(i);
            if (c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || i > at && (c == '-' || c == '.')) {
                i++;
            } else {
                break;
            }
        }
        if (i == at || i >= end || text.charAt(i) != ':' || i + 1 < end && text.charAt(i + 1) != ' ') {
            throw new Declined();
        }
        return i;
    }

    /** "- " or a "-" ending its line, at {@code i}: a sequence entry. */
    private boolean isDash(int i) {
        return text.charAt(i) == '-' && (i + 1 >= text.length() || text.charAt(i + 1) == ' ' || text.charAt(i + 1) == '\n');
    }

    /**
     * A value written below its key (the current line): a mapping indented more than the key, a sequence at the key's
     * column or more, or nothing (an empty value).
     */
    private YamlNode blockValue(int keyColumn, int depth) throws Declined {
        skipBlankAndCommentLines();
        if (atEnd()) {
            return scalar("", true, depth);
        }
        int indent = indentation();
        int first = line + indent;
        if (indent >= keyColumn && isDash(first)) {
            return sequence(indent, depth);
        }
        if (indent > keyColumn) {
            return mapping(indent, first, depth);
        }
        return scalar("", true, depth); // the next key: this one has no value
    }

    /** The block sequence whose dashes are at {@code column}, the first on the current line. */
    private YamlList sequence(int column, int depth) throws Declined {
        count(depth);
        List<YamlNode> items = new ArrayList<>();
        while (true) {
            int end = lineEnd();
            int dash = line + column;
            int itemStart = dash + 1;
            while (itemStart < end && text.charAt(itemStart) == ' ') {
                itemStart++;
            }
            if (itemStart >= end || text.charAt(itemStart) == '\t') {
                throw new Declined(); // "-" alone on its line: the item is below it
            }
            int itemColumn = itemStart - line;
            if (isDash(itemStart)) {
                throw new Declined(); // a sequence in a sequence
            }
            if (startsMapping(itemStart, end)) {
                items.add(mapping(itemColumn, itemStart, depth + 1));
            } else {
                items.add(inlineValue(itemStart, end, column, depth + 1));
                skipBlankAndCommentLines();
            }
            if (atEnd()) {
                break;
            }
            int indent = indentation();
            if (indent < column || indent == column && !isDash(line + indent)) {
                break;
            }
            if (indent > column) {
                throw new Declined();
            }
        }
        return new YamlList(items, position);
    }

    /** Whether the item starting at {@code at} is a compact mapping ("- key: value"). */
    private boolean startsMapping(int at, int end) {
        char c = text.charAt(at);
        if (!(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_')) {
            return false;
        }
        for (int i = at; i < end; i++) {
            char d = text.charAt(i);
            if (d == ':') {
                return i + 1 >= end || text.charAt(i + 1) == ' ';
            }
            if (!(d >= 'a' && d <= 'z' || d >= 'A' && d <= 'Z' || d >= '0' && d <= '9' || d == '_' || d == '-' || d == '.')) {
                return false;
            }
        }
        return false;
    }

    // ---- scalars

    /**
     * The value written on the current line from {@code at} to {@code end}; the current line moves past it (past a literal
     * block's lines too).
     *
     * @param base the indentation YAML measures a literal block from: the column of its mapping's keys, or of its
     *             sequence's dashes
     */
    private YamlNode inlineValue(int at, int end, int base, int depth) throws Declined {
        int last = end;
        while (last > at && text.charAt(last - 1) == ' ') {
            last--;
        }
        char c = text.charAt(at);
        YamlNode value;
        switch (c) {
            case '\'' -> value = scalar(singleQuoted(at, last), false, depth);
            case '"' -> value = scalar(doubleQuoted(at, last), false, depth);
            case '|' -> {
                return literal(at, last, base, depth);
            }
            case '[', '{' -> {
                if (last - at != 2 || text.charAt(at + 1) != (c == '[' ? ']' : '}')) {
                    throw new Declined(); // a flow collection that is not empty
                }
                count(depth);
                value = c == '[' ? new YamlList(List.of(), position) : new YamlMap(Map.of(), position);
            }
            default -> value = scalar(plain(at, last), true, depth);
        }
        nextLine();
        return value;
    }

    /** A plain scalar on one line, or decline when YAML would read more (or something else) into it. */
    private String plain(int at, int last) throws Declined {
        char c = text.charAt(at);
        boolean indicator = "-?:".indexOf(c) >= 0 ? at + 1 >= last || text.charAt(at + 1) == ' '
                : ",[]{}#&*!|>'\"%@`".indexOf(c) >= 0;
        if (indicator) {
            throw new Declined(); // YAML reads an indicator here, not a plain scalar
        }
        for (int i = at; i < last; i++) {
            char d = text.charAt(i);
            if (d == ':' && (i + 1 == last || text.charAt(i + 1) == ' ') || d == '#' && text.charAt(i - 1) == ' ' || d == '\t') {
                throw new Declined(); // a key, a comment, or tabs (left to SnakeYAML's rules for them)
            }
        }
        // A scalar continued on the next lines is declined by the collection reading it: that line is indented too far.
        return text.substring(at, last);
    }

    /** Where the quote that opens the value at {@code at} closes: its last character, else decline. */
    private int closingQuote(int at, int last) throws Declined {
        if (last - at < 2 || text.charAt(last - 1) != text.charAt(at)) {
            throw new Declined(); // over several lines, or something after the closing quote
        }
        return last - 1;
    }

    private String singleQuoted(int at, int last) throws Declined {
        int end = closingQuote(at, last);
        StringBuilder out = new StringBuilder(end - at);
        for (int i = at + 1; i < end; i++) {
            char c = text.charAt(i);
            if (c == '\'') {
                if (i + 1 >= end || text.charAt(i + 1) != '\'') {
                    throw new Declined(); // the scalar closed earlier
                }
                i++; // '' is one quote
            }
            out.append(c);
        }
        return out.toString();
    }

    private String doubleQuoted(int at, int last) throws Declined {
        int end = closingQuote(at, last);
        StringBuilder out = new StringBuilder(end - at);
        int i = at + 1;
        while (i < end) {
            char c = text.charAt(i);
            if (c == '"') {
                throw new Declined(); // the scalar closed earlier
            }
            if (c != '\\') {
                out.append(c);
                i++;
                continue;
            }
            if (i + 1 >= end) {
                throw new Declined(); // an escaped line break, or an escaped closing quote
            }
            char e = text.charAt(i + 1);
            i += 2;
            switch (e) {
                case '0' -> out.append('\0');
                case 'a' -> out.append('\u0007');
                case 'b' -> out.append('\b');
                case 't' -> out.append('\t');
                case 'n' -> out.append('\n');
                case 'v' -> out.append('\u000B');
                case 'f' -> out.append('\f');
                case 'r' -> out.append('\r');
                case 'e' -> out.append('\u001B');
                case ' ' -> out.append(' ');
                case '"' -> out.append('"');
                case '\\' -> out.append('\\');
                case 'N' -> out.append('\u0085');
                case '_' -> out.append('\u00A0');
                case 'L' -> out.append('\u2028');
                case 'P' -> out.append('\u2029');
                case 'x', 'u', 'U' -> {
                    int digits = e == 'x' ? 2 : e == 'u' ? 4 : 8;
                    if (i + digits > end) {
                        throw new Declined();
                    }
                    int code = 0;
                    for (int k = 0; k < digits; k++) {
                        int d = Character.digit(text.charAt(i + k), 16);
                        if (d < 0) {
                            throw new Declined();
                        }
                        code = code * 16 + d;
                    }
                    if (!Character.isValidCodePoint(code)) {
                        throw new Declined();
                    }
                    out.appendCodePoint(code);
                    i += digits;
                }
                default -> throw new Declined();
            }
        }
        return out.toString();
    }

    /**
     * A literal block scalar: its header from {@code at} to {@code last} on the current line, its lines below, indented
     * by the header's indicator over {@code base}, or else as much as its first line.
     */
    private YamlNode literal(int at, int last, int base, int depth) throws Declined {
        int increment = 0;
        char chomping = ' ';
        for (int i = at + 1; i < last; i++) {
            char c = text.charAt(i);
            if (c >= '1' && c <= '9' && increment == 0) {
                increment = c - '0';
            } else if ((c == '-' || c == '+') && chomping == ' ') {
                chomping = c;
            } else {
                throw new Declined(); // a comment after the header, or a header YAML does not have
            }
        }
        nextLine();
        int minIndent = Math.max(base + 1, 1);
        int indent;
        if (increment > 0) {
            indent = base + increment;
        } else {
            int probe = line;
            indent = -1;
            while (probe < text.length()) {
                int end = text.indexOf('\n', probe);
                end = end < 0 ? text.length() : end;
                if (end > probe) {
                    int spaces = 0;
                    while (probe + spaces < end && text.charAt(probe + spaces) == ' ') {
                        spaces++;
                    }
                    if (probe + spaces == end) {
                        throw new Declined(); // a line of spaces only: YAML's rules for those are subtle
                    }
                    indent = spaces;
                    break;
                }
                probe = end + 1;
            }
            if (indent < minIndent) {
                throw new Declined(); // an empty block
            }
        }
        StringBuilder out = new StringBuilder();
        int breaks = 0; // line breaks not yet written: after the last line with content
        boolean content = false;
        while (!atEnd()) {
            int end = lineEnd();
            int length = end - line;
            if (length == 0) {
                breaks++;
                nextLine();
                continue;
            }
            int spaces = 0;
            while (spaces < length && text.charAt(line + spaces) == ' ') {
                spaces++;
            }
            if (spaces == length) {
                throw new Declined(); // spaces only
            }
            if (spaces < indent) {
                break; // the block ends
            }
            if (content) {
                out.append('\n'); // the previous line's break
            }
            out.append("\n".repeat(breaks)); // the empty lines before this one
            out.append(text, line + indent, end);
            content = true;
            breaks = 0;
            if (end >= text.length()) {
                throw new Declined(); // the last line has no line break: chomping rules for it are not read here
            }
            nextLine();
        }
        if (!content) {
            // Only empty lines (as written for "\n"): all trailing, kept or dropped by the chomping indicator.
            if (chomping == '+') {
                out.append("\n".repeat(breaks));
            }
        } else {
            // The line break after the last line with content, and the empty lines after it, by the chomping indicator.
            switch (chomping) {
                case '+' -> out.append("\n".repeat(1 + breaks));
                case '-' -> { }
                default -> out.append('\n');
            }
        }
        skipBlankAndCommentLines();
        return scalar(out.toString(), false, depth);
    }

    /** A scalar node: typed by SnakeYAML's resolver when plain, else a string. */
    private YamlScalar scalar(String value, boolean plain, int depth) throws Declined {
        count(depth);
        String v = shared(value);
        Tag tag = plain ? RESOLVER.resolve(NodeId.scalar, v, true) : Tag.STR;
        YamlScalar.Type type;
        if (Tag.NULL.equals(tag)) {
            type = YamlScalar.Type.NULL;
        } else if (Tag.BOOL.equals(tag)) {
            type = YamlScalar.Type.BOOLEAN;
        } else if (Tag.INT.equals(tag)) {
            type = YamlScalar.Type.INTEGER;
        } else if (Tag.FLOAT.equals(tag)) {
            type = YamlScalar.Type.FLOAT;
        } else {
            type = YamlScalar.Type.STRING;
        }
        return new YamlScalar(v, type, position);
    }

    /** Equal texts share one string: a file repeats its system prompt, model and keys in every entry. */
    private String shared(String s) {
        String known = shared.putIfAbsent(s, s);
        return known != null ? known : s;
    }
}
