package dev.promptspec.internal.util;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.promptspec.problem.Position;
import dev.promptspec.problem.Problem;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;
import org.apiguardian.api.API;

/**
 * Reads the bytes of a file that must be UTF-8 (prompt files, their data files, recordings). A lenient decoder would
 * turn a Latin-1 {@code é} into U+FFFD and send that to the model; this one reports the first byte that is not
 * UTF-8 at its line and column, naming the character it is in Windows-1252, the usual other encoding.
 */
@API(status = INTERNAL, since = "0.1")
public final class Utf8 {

    private static final Charset WINDOWS_1252 = Charset.forName("windows-1252");
    private static final char BYTE_ORDER_MARK = '\uFEFF';

    /**
     * A file's text.
     *
     * @param text      the text, a leading byte-order mark dropped; where the bytes are not UTF-8, decoded with U+FFFD
     *                  for them, so that names and messages can still show it
     * @param malformed the error at the first byte that is not UTF-8, if any
     */
    public record Decoded(String text, Optional<Problem> malformed) {
    }

    private Utf8() {
    }

    /** The text of {@code bytes}; {@code file} names the file in the problem, as users know it. */
    public static Decoded decode(byte[] bytes, String file) {
        CharsetDecoder strict = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(bytes.length); // UTF-8 never decodes to more chars than bytes
        CoderResult result = strict.decode(in, out, true);
        if (!result.isError()) {
            strict.flush(out);
            return new Decoded(withoutByteOrderMark(out.flip().toString()), Optional.empty());
        }
        int bad = in.position(); // the decoder stops at the first byte of the malformed sequence
        String before = out.flip().toString();
        String lenient = withoutByteOrderMark(new String(bytes, StandardCharsets.UTF_8));
        return new Decoded(lenient, Optional.of(problem(file, withoutByteOrderMark(before), bytes[bad])));
    }

    private static Problem problem(String file, String before, byte bad) {
        int lineStart = before.lastIndexOf('\n') + 1;
        int line = (int) before.chars().filter(c -> c == '\n').count() + 1;
        int column = before.codePointCount(lineStart, before.length()) + 1;
        String hex = String.format(Locale.ROOT, "0x%02X", bad & 0xFF);
        String other = new String(new byte[] {bad}, WINDOWS_1252);
        String known = other.codePointAt(0) == 0xFFFD || Character.isISOControl(other.codePointAt(0)) ? "" : ", '" + other
                + "' in Windows-1252";
        return Problem.error(new Position(file, line, column), "the file is not valid UTF-8 at line " + line + ", column " + column
                + " (byte " + hex + known + ")", "Save the file as UTF-8");
    }

    private static String withoutByteOrderMark(String text) {
        return !text.isEmpty() && text.charAt(0) == BYTE_ORDER_MARK ? text.substring(1) : text;
    }
}
