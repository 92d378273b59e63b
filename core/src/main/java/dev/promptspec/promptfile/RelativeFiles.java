package dev.promptspec.promptfile;

import dev.promptspec.config.YamlLimits;
import dev.promptspec.internal.util.Utf8;
import dev.promptspec.problem.Position;
import dev.promptspec.problem.ProblemCollector;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Reads files a prompt file references (test data, schemas) relative to it: beside it on disk, or beside it in
 * the same jar when the prompt file comes from one. Every failure is a problem at the reference.
 */
final class RelativeFiles {

    /**
     * @param name      the file as users know it: the prompt file's directory joined with the reference
     * @param localFile the file on disk, or null when it was read from a jar
     */
    record Content(String name, Path localFile, String text) {
    }

    private RelativeFiles() {
    }

    static Optional<Content> read(PromptSource source, String relative, YamlLimits limits, Position at, ProblemCollector problems,
            String what) {
        String name = join(source.name(), relative);
        String fix = "The path is relative to the prompt file (" + source.name() + ")";
        try {
            byte[] bytes;
            Path local = null;
            if (source.directory().isPresent()) {
                local = source.directory().get().resolve(relative).normalize();
                if (Files.isDirectory(local)) {
                    problems.error(at, what + " '" + relative + "' is a directory (" + shown(local) + "), not a file", fix);
                    return Optional.empty();
                }
                long size = Files.size(local);
                if (size > limits.maxFileBytes()) {
                    problems.error(at, what + " '" + relative + "' is " + size + " bytes, over the file size limit of "
                            + limits.maxFileBytes() + " bytes", "Split it, or raise " + YamlLimits.MAX_FILE_BYTES_KEY);
                    return Optional.empty();
                }
                bytes = Files.readAllBytes(local);
            } else if ("jar".equals(source.uri().getScheme())) {
                String uri = source.uri().toString();
                URI sibling = URI.create(uri.substring(0, uri.lastIndexOf('/') + 1) + relative.replace(" ", "%20"));
                try (InputStream in = sibling.toURL().openStream()) {
                    bytes = in.readNBytes(limits.maxFileBytes() + 1);
                }
                if (bytes.length > limits.maxFileBytes()) {
                    problems.error(at, what + " '" + relative + "' is over the file size limit of " + limits.maxFileBytes() + " bytes",
                            "Split it, or raise " + YamlLimits.MAX_FILE_BYTES_KEY);
                    return Optional.empty();
                }
            } else {
                problems.error(at, what + " '" + relative + "' cannot be read: the prompt file has no directory (" + source.uri() + ")",
                        "Load the prompt file from disk or the class path to use files beside it");
                return Optional.empty();
            }
            Utf8.Decoded text = Utf8.decode(bytes, name);
            if (text.malformed().isPresent()) {
                problems.add(text.malformed().get());
                return Optional.empty();
            }
            return Optional.of(new Content(name, local, text.text()));
        } catch (NoSuchFileException | java.io.FileNotFoundException e) {
            problems.error(at, what + " '" + relative + "' does not exist" + (source.directory().isPresent()
                    ? " (looked for " + shown(source.directory().get().resolve(relative)) + ")" : ""), fix);
        } catch (IOException | IllegalArgumentException e) {
            problems.error(at, what + " '" + relative + "' cannot be read: " + e, fix);
        }
        return Optional.empty();
    }

    /** A path relative to the working directory when it is inside it (messages stay the same on every machine). */
    static String shown(Path path) {
        Path abs = path.toAbsolutePath().normalize();
        Path cwd = Path.of("").toAbsolutePath().normalize();
        return (abs.startsWith(cwd) ? cwd.relativize(abs) : abs).toString().replace('\\', '/');
    }

    /** {@code prompts/a.prompt.yml} + {@code data/x.csv} = {@code prompts/data/x.csv}. */
    static String join(String promptName, String relative) {
        int slash = promptName.lastIndexOf('/');
        String joined = (slash < 0 ? "" : promptName.substring(0, slash + 1)) + relative;
        return Path.of(joined).normalize().toString().replace('\\', '/');
    }
}
