package dev.promptspec.promptfile;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.promptspec.internal.util.Utf8;
import dev.promptspec.problem.Problem;
import java.net.URI;
import java.nio.file.Path;
import java.util.Optional;
import org.apiguardian.api.API;

/**
 * Where a prompt file comes from.
 *
 * @param name          how users know it: the classpath resource name ({@code prompts/x.prompt.yml}) or the
 *                      path as given; used in every message and in unique ids, so it is stable across machines
 * @param uri           where it was read from
 * @param localFile     the file on disk, when there is one (an IDE can then jump to its lines)
 * @param text          the file's content
 * @param encodingError why the file's bytes are not its text (they are not UTF-8), if so: the loader then reports
 *                      this error of the file and reads nothing else
 */
@API(status = EXPERIMENTAL, since = "0.1")
public record PromptSource(String name, URI uri, Optional<Path> localFile, String text, Optional<Problem> encodingError) {

    /** A file whose text is known. */
    public PromptSource(String name, URI uri, Optional<Path> localFile, String text) {
        this(name, uri, localFile, text, Optional.empty());
    }

    /**
     * A file from its bytes, which must be UTF-8 (a leading byte-order mark is dropped). A byte that is not UTF-8
     * (a Latin-1 {@code é}) is the file's {@link #encodingError()}, at its line and column.
     */
    public static PromptSource fromBytes(String name, URI uri, Optional<Path> localFile, byte[] bytes) {
        Utf8.Decoded decoded = Utf8.decode(bytes, name);
        return new PromptSource(name, uri, localFile, decoded.text(), decoded.malformed());
    }

    /** The directory that relative references in the file (schemas, data files) are resolved against. */
    public Optional<Path> directory() {
        return localFile.map(Path::getParent);
    }
}
