package dev.promptspec.problem;

import static org.apiguardian.api.API.Status.INTERNAL;

import org.apiguardian.api.API;

/**
 * Where something is in a source file: 1-based line and column, as editors and compilers print them.
 *
 * @param file   the file as users know it (a classpath resource name or a path), never null
 * @param line   1-based line, or 0 when unknown
 * @param column 1-based column, or 0 when unknown
 */
@API(status = INTERNAL, since = "0.1")
public record Position(String file, int line, int column) {

    /** A position for the file as a whole, when no line is known. */
    public static Position of(String file) {
        return new Position(file, 0, 0);
    }

    public boolean hasLine() {
        return line > 0;
    }

    /** {@code file:line:column}, the form IDEs and terminals turn into links. */
    @Override
    public String toString() {
        if (!hasLine()) {
            return file;
        }
        return column > 0 ? file + ":" + line + ":" + column : file + ":" + line;
    }
}
