package dev.promptspec.promptfile;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.apiguardian.api.API;

/**
 * Prompt files read from the class path, by their resource name ({@code prompts/x.prompt.yml}), strictly as UTF-8 (see
 * {@link PromptSource#fromBytes}). A file read from a build's output folder points at its source
 * ({@code src/test/resources/...}), which is what an IDE should open and where relative references resolve.
 */
@API(status = EXPERIMENTAL, since = "0.1")
public final class PromptResources {

    private PromptResources() {
    }

    /** One class-path resource by its exact name, if present. */
    public static Optional<PromptSource> read(String name, ClassLoader loader) {
        String normalized = normalize(name);
        URL url = loader.getResource(normalized);
        return url == null ? Optional.empty() : Optional.of(read(normalized, url));
    }

    private static PromptSource read(String name, URL url) {
        try (InputStream in = url.openStream()) {
            URI uri = toUri(url);
            Optional<Path> local = "file".equals(url.getProtocol()) ? Optional.of(sourceFileFor(Path.of(uri), name)) : Optional.empty();
            return PromptSource.fromBytes(name, uri, local, in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + url, e);
        }
    }

    /**
     * The file an IDE should open: the build copies {@code src/test/resources/x} to {@code target/test-classes/x};
     * users edit the former. Falls back to the file that was read.
     */
    public static Path sourceFileFor(Path compiled, String resourceName) {
        Path abs = compiled.toAbsolutePath().normalize();
        String s = abs.toString().replace('\\', '/');
        String[][] layouts = {
            {"/target/test-classes/", "src/test/resources/"},
            {"/target/classes/", "src/main/resources/"},
            {"/build/resources/test/", "src/test/resources/"},
            {"/build/resources/main/", "src/main/resources/"},
        };
        for (String[] layout : layouts) {
            int at = s.lastIndexOf(layout[0]);
            if (at >= 0) {
                Path module = Path.of(s.substring(0, at));
                Path candidate = module.resolve(layout[1]).resolve(resourceName);
                if (Files.isRegularFile(candidate)) {
                    return candidate;
                }
            }
        }
        return abs;
    }

    /** A class-path location as the class loader names it: no leading or trailing slash, forward slashes. */
    public static String normalize(String location) {
        String l = location.trim().replace('\\', '/');
        while (l.startsWith("/")) {
            l = l.substring(1);
        }
        while (l.endsWith("/") && l.length() > 1) {
            l = l.substring(0, l.length() - 1);
        }
        return l;
    }

    private static URI toUri(URL url) {
        try {
            return url.toURI();
        } catch (java.net.URISyntaxException e) {
            throw new IllegalArgumentException(url.toString(), e);
        }
    }
}
