package dev.promptspec.it;

import dev.promptspec.junit.PromptSpec;
import dev.promptspec.jupiter.PromptCases;
import dev.promptspec.run.PromptRun;
import dev.promptspec.springai.PromptSpecSpringAi;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;

/** This build's jars and poms, laid out as a Maven repository for the forked builds (what `install` would write). */
final class PromptSpecArtifacts {

    private PromptSpecArtifacts() {
    }

    /** Replaces PromptSpec's artifacts in {@code repository} with this build's; leaves what was downloaded there. */
    static void publish(Path repository) throws IOException {
        Path root = ForkedMaven.root();
        String version = ForkedMaven.version();
        deleteRecursively(repository.resolve("dev/promptspec"));
        publish(repository, "promptspec-parent", version, root.resolve("pom.xml"), null);
        publish(repository, "promptspec-bom", version, root.resolve("bom/pom.xml"), null);
        publish(repository, "promptspec-core", version, root.resolve("core/pom.xml"), jarOf(PromptRun.class));
        publish(repository, "promptspec-junit", version, root.resolve("junit-extension/pom.xml"), jarOf(PromptSpec.class));
        publish(repository, "promptspec-jupiter", version, root.resolve("jupiter/pom.xml"), jarOf(PromptCases.class));
        publish(repository, "promptspec-spring-ai", version, root.resolve("spring-ai/pom.xml"), jarOf(PromptSpecSpringAi.class));
    }

    private static void publish(Path repository, String artifactId, String version, Path pom, Path jar) throws IOException {
        Path dir = repository.resolve("dev/promptspec").resolve(artifactId).resolve(version);
        Files.createDirectories(dir);
        Files.copy(pom, dir.resolve(artifactId + "-" + version + ".pom"), StandardCopyOption.REPLACE_EXISTING);
        if (jar != null) {
            Files.copy(jar, dir.resolve(artifactId + "-" + version + ".jar"), StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** The jar a class was loaded from; when it was loaded from a folder (an IDE run), that folder jarred. */
    private static Path jarOf(Class<?> c) throws IOException {
        Path location;
        try {
            location = Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IOException(e);
        }
        if (Files.isRegularFile(location)) {
            return location;
        }
        Path jar = Path.of("target", "it-jars", c.getSimpleName() + ".jar").toAbsolutePath();
        Files.createDirectories(jar.getParent());
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar)); Stream<Path> files = Files.walk(location)) {
            for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
                out.putNextEntry(new JarEntry(location.relativize(f).toString().replace('\\', '/')));
                try (InputStream in = Files.newInputStream(f)) {
                    in.transferTo(out);
                }
                out.closeEntry();
            }
        }
        return jar;
    }

    static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
