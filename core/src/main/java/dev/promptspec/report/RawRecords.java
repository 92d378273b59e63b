package dev.promptspec.report;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;

/**
 * A report file written by a generator on a {@link #writer()}, into which records already formatted as UTF-8 JSON (the
 * spooled cases) are copied as bytes: decoding 30 MB of records into strings only to encode them again took most of
 * the time of writing a large run's reports.
 */
final class RawRecords {

    private final OutputStream file;
    private final Writer writer;

    /** @param file where the report goes (not closed) */
    RawRecords(OutputStream file) {
        // The generator flushes its text into the file before each copied record; that flush must not reach the disk.
        this.file = new FilterOutputStream(file) {
            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                out.write(b, off, len);
            }

            @Override
            public void flush() {
                // only the writer's buffer matters here: the file's own flush comes when it is closed
            }
        };
        this.writer = new OutputStreamWriter(this.file, StandardCharsets.UTF_8);
    }

    /** Where the generator writes: UTF-8 into the same file. */
    Writer writer() {
        return writer;
    }

    /**
     * Writes {@code record}'s bytes from {@code from} to {@code to} as the next value of {@code g} (with the separator
     * and indentation {@code g} puts before a value); further bytes of the same value follow with {@link #append}.
     */
    void value(JsonGenerator g, byte[] record, int from, int to) throws IOException {
        g.writeRawValue(""); // the separator, and the generator counts the value
        g.flush(); // all the generator's text is in the file before the bytes
        file.write(record, from, to - from);
    }

    /** More bytes of the value just begun with {@link #value}. */
    void append(byte[] bytes, int from, int to) throws IOException {
        file.write(bytes, from, to - from);
    }
}
