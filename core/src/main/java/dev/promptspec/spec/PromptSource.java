package dev.promptspec.spec;

import java.net.URI;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Where a prompt file comes from.
 *
 * @param name      how users know it: the classpath resource name ({@code prompts/x.prompt.yml}) or the
 *                  path as given; used in every message and in unique ids, so it is stable across machines
 * @param uri       where it was read from
 * @param localFile the file on disk, when there is one (an IDE can then jump to its lines)
 * @param text      the file's content
 */
public record PromptSource(String name, URI uri, Optional<Path> localFile, String text) {

    /** The directory that relative references in the file (schemas, data files) are resolved against. */
    public Optional<Path> directory() {
        return localFile.map(Path::getParent);
    }
}
