package dev.promptspec.it;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Runs Maven on a user's project the way the user would, with what this build was given: the same Maven distribution,
 * online (or offline) as this build is, resolving from the same remote repositories through the user's settings.
 *
 * <p>Local repositories: PromptSpec's freshly built artifacts sit in a repository of their own (the head, where the
 * forked build also downloads what it lacks); this build's local repository is chained behind it read-only (the
 * tail, Maven 3.9's {@code maven.repo.local.tail}), so what this build already downloaded is not fetched again and
 * nothing is installed into it. Nothing relies on what an earlier build left anywhere.
 */
final class ForkedMaven {

    private static final long TIMEOUT_MINUTES = 8;

    private ForkedMaven() {
    }

    /** The project's root (the parent pom's folder). */
    static Path root() {
        return Path.of(System.getProperty("promptspec.it.root", "..")).toAbsolutePath().normalize();
    }

    /** PromptSpec's version, as the parent pom has it. */
    static String version() {
        String v = System.getProperty("promptspec.it.version");
        if (v == null || v.isBlank() || v.startsWith("${")) {
            throw new IllegalStateException("run through Maven (./mvnw verify): the version comes from promptspec.it.version");
        }
        return v;
    }

    /** Where forked builds find PromptSpec's artifacts and download the rest; kept across runs, like ~/.m2. */
    static Path headRepository() {
        return Path.of("target", "it-repository").toAbsolutePath();
    }

    /**
     * {@code mvn -B <args>} in {@code project}, its output in {@code project/build.log}.
     *
     * @param environment added to this process's environment (an API key for a fake model, say)
     */
    static BuildResult run(Path project, Map<String, String> environment, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(executable().toString(), "-B", "-ntp", "-Dstyle.color=never",
                "-Dmaven.repo.local=" + headRepository(), "-Dmaven.repo.local.tail=" + sharedRepository()));
        if (Boolean.getBoolean("promptspec.it.offline")) {
            command.add("-o");
        }
        command.addAll(List.of(args));
        Path log = project.resolve("build.log");
        ProcessBuilder pb = new ProcessBuilder(command).directory(project.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile());
        pb.environment().putAll(environment);
        // The forked Maven must not inherit this JVM's test-only settings through MAVEN_OPTS beyond the user home.
        Process maven = pb.start();
        boolean done = maven.waitFor(TIMEOUT_MINUTES, TimeUnit.MINUTES);
        if (!done) {
            maven.destroyForcibly().waitFor();
        }
        return new BuildResult(project, done ? maven.exitValue() : -1, Files.readString(log));
    }

    /** The Maven running this build ({@code maven.home}, passed by Failsafe), else the wrapper's distribution. */
    private static Path executable() throws IOException {
        String windows = System.getProperty("os.name").toLowerCase(Locale.ROOT).contains("win") ? ".cmd" : "";
        String home = System.getProperty("promptspec.it.maven-home");
        if (home != null && !home.isBlank() && !home.startsWith("${")) {
            return Path.of(home, "bin", "mvn" + windows);
        }
        Path dists = Path.of(System.getProperty("user.home"), ".m2", "wrapper", "dists");
        try (Stream<Path> found = Files.exists(dists) ? Files.walk(dists, 3) : Stream.empty()) {
            return found.map(d -> d.resolve("bin").resolve("mvn" + windows)).filter(Files::isRegularFile)
                    .max(Comparator.naturalOrder())
                    .orElseThrow(() -> new IOException("no Maven to run: set promptspec.it.maven-home, or run ./mvnw once"));
        }
    }

    /** This build's local repository, read-only for the forked builds. */
    static Path sharedRepository() {
        String configured = System.getProperty("promptspec.it.local-repository");
        return configured != null && !configured.isBlank() && !configured.startsWith("${") ? Path.of(configured)
                : Path.of(System.getProperty("user.home"), ".m2", "repository");
    }

    /** What a forked build left: its exit code, its log, and its project folder. */
    record BuildResult(Path project, int exitCode, String log) {

        /** Surefire's XML report of one test class. */
        SurefireReport report(String testClass) throws Exception {
            return SurefireReport.read(project.resolve("target/surefire-reports/TEST-" + testClass + ".xml"));
        }

        /** {@code dependency:list}'s output file, as {@code groupId:artifactId -> version}. */
        Map<String, String> dependencyList(String file) throws IOException {
            return DependencyList.read(project.resolve(file));
        }
    }
}
