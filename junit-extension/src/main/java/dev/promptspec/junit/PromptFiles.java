package dev.promptspec.junit;

import dev.promptspec.promptfile.PromptResources;
import dev.promptspec.promptfile.PromptSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Finds prompt files on the class path (through the platform's scanning, see {@link ResourceScanning}) and on disk, and
 * reads them strictly as UTF-8: a byte that is not UTF-8 is reported at its line ({@link PromptSource#fromBytes}).
 */
final class PromptFiles {

    private PromptFiles() {
    }

    static boolean isPromptFile(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        return n.endsWith(".prompt.yml") || n.endsWith(".prompt.yaml");
    }

    /**
     * The prompt files in a class-path folder and below it, by resource name, sorted; found by the platform's scanning,
     * in directories and jars alike (a folder in several of them is searched in each, a name found twice kept once).
     */
    static List<String> inFolder(String folder, ResourceScanning scanning) {
        String base = normalize(folder);
        String prefix = base.isEmpty() ? "" : base + "/";
        return scanning.inPackage(packageOf(base), name -> name.startsWith(prefix) && isPromptFile(name)).stream()
                .map(ResourceScanning.Found::name).distinct().sorted().toList();
    }

    /**
     * The package whose path holds {@code folder} ({@code prompts.support} for {@code prompts/support}): its leading
     * segments up to one with a dot, which a package name cannot carry ({@code v1.2}); the caller keeps what is below
     * the folder itself.
     */
    private static String packageOf(String folder) {
        List<String> segments = new ArrayList<>();
        for (String segment : folder.split("/")) {
            if (segment.isEmpty() || segment.contains(".")) {
                break;
            }
            segments.add(segment);
        }
        return String.join(".", segments);
    }

    /** Whether {@code location} names something on the class path that is not a prompt file (a folder, say). */
    static boolean isFolder(String location, ClassLoader loader) {
        String name = normalize(location);
        return !name.isEmpty() && !isPromptFile(name) && loader.getResource(name) != null;
    }

    /** One classpath resource by its exact name, if present. */
    static Optional<PromptSource> classpathResource(String name, ClassLoader loader) {
        return PromptResources.read(name, loader);
    }

    /**
     * A file on disk. Inside a resources folder it is named by its classpath name, as when a {@code @PromptSpec}
     * class runs it, so both runs share its recordings and speak of it alike; elsewhere by {@code displayName}.
     */
    static PromptSource onDisk(Path file, String displayName) {
        try {
            String name = resourceNameOf(file).orElse(displayName);
            return PromptSource.fromBytes(name, file.toUri(), Optional.of(file.toAbsolutePath().normalize()), Files.readAllBytes(file));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    /** Prompt files in a directory tree, sorted. */
    static List<Path> inDirectory(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).filter(p -> isPromptFile(p.getFileName().toString())).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir, e);
        }
    }

    /**
     * The file an IDE should open: the build copies {@code src/test/resources/x} to {@code target/test-classes/x};
     * users edit the former. Falls back to the file that was read.
     */
    static Path sourceFileFor(Path compiled, String resourceName) {
        return PromptResources.sourceFileFor(compiled, resourceName);
    }

    /** The classpath name of a file under a resources or build output folder (the inverse of {@link #sourceFileFor}). */
    static Optional<String> resourceNameOf(Path file) {
        String s = file.toAbsolutePath().normalize().toString().replace('\\', '/');
        for (String root : RESOURCE_ROOTS) {
            int at = s.lastIndexOf(root);
            if (at >= 0 && at + root.length() < s.length()) {
                return Optional.of(s.substring(at + root.length()));
            }
        }
        return Optional.empty();
    }

    private static final List<String> RESOURCE_ROOTS = List.of("/src/test/resources/", "/src/main/resources/",
            "/target/test-classes/", "/target/classes/", "/build/resources/test/", "/build/resources/main/");

    /** A class-path location as the class loader names it: no leading or trailing slash, forward slashes. */
    static String normalize(String location) {
        return PromptResources.normalize(location);
    }
}
