package dev.promptspec.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectFile;

import dev.promptspec.run.PromptRun;
import dev.promptspec.testing.FakeOpenAiServer;
import dev.promptspec.testing.Prompts;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * A user's project, built by real Maven: its pom has only {@code promptspec-junit} (test scope) and pinned plugins,
 * one {@code @PromptSpec} class, a prompt file and its recordings. Plain Surefire must find and run it offline.
 *
 * <p>Runs in the {@code integration-test} phase (Failsafe) because it needs this build's jars. They reach the forked
 * build through a temporary local repository holding only PromptSpec's artifacts, chained in front of the shared
 * one ({@code maven.repo.local.tail}, read-only), so nothing is installed and nothing is downloaded ({@code -o}).
 */
class UserProjectBuildIT {

    private static final String USER_CLASS = "com.example.support.TriagePromptTest";
    private static final Path ROOT = Path.of(System.getProperty("promptspec.it.root", "..")).toAbsolutePath().normalize();
    private static final Path WORK = Path.of("target", "user-project-it").toAbsolutePath();

    @Test
    void plain_surefire_runs_the_prompt_file_of_a_project_that_depends_only_on_promptspec_junit() throws Exception {
        deleteRecursively(WORK);
        Path repository = WORK.resolve("repository");
        Path project = WORK.resolve("support-bot");
        String version = projectVersion();
        publishArtifacts(repository, version);
        writeProject(project, version);
        recordWithAFakeModel(project);
        Optional<List<String>> promptspecInSharedRepoBefore = listing(sharedRepository().resolve("dev/promptspec"));

        Process maven = new ProcessBuilder(mavenExecutable().toString(), "-B", "-o", "-ntp", "-Dstyle.color=never",
                "-Dmaven.repo.local=" + repository, "-Dmaven.repo.local.tail=" + sharedRepository(),
                "-Dmaven.test.failure.ignore=true", "test")
                .directory(project.toFile())
                .redirectErrorStream(true)
                .redirectOutput(WORK.resolve("build.log").toFile())
                .start();
        boolean done = maven.waitFor(5, TimeUnit.MINUTES);
        if (!done) {
            maven.destroyForcibly();
        }
        String log = Files.readString(WORK.resolve("build.log"));
        assertThat(done).as("the forked build finished; its log:\n" + log).isTrue();
        assertThat(maven.exitValue()).as("the forked build succeeded (test failures ignored); its log:\n" + log).isZero();

        Element suite = surefireReport(project.resolve("target/surefire-reports/TEST-" + USER_CLASS + ".xml"));
        assertThat(suite.getAttribute("name")).isEqualTo(USER_CLASS);
        assertThat(suite.getAttribute("tests")).isEqualTo("5");
        assertThat(suite.getAttribute("failures")).as("evaluator verdicts").isEqualTo("1");
        assertThat(suite.getAttribute("errors")).as("no recording, missing variable").isEqualTo("2");
        assertThat(suite.getAttribute("skipped")).isEqualTo("0");

        List<Element> cases = children(suite, "testcase");
        assertThat(cases).extracting(c -> c.getAttribute("classname")).containsOnly(USER_CLASS);
        assertThat(cases).extracting(c -> c.getAttribute("name")).containsExactly("wrong VAT", "dashboard down",
                "A feature request is other", "#4 ticket=\"Where do I change the email address that receives invoices?\" …",
                "no ticket");
        assertThat(outcome(cases.get(0))).isEqualTo("passed");
        assertThat(outcome(cases.get(1))).isEqualTo("failure org.opentest4j.AssertionFailedError");
        assertThat(children(cases.get(1), "failure").get(0).getAttribute("message"))
                .startsWith("1 of 2 checks failed for 'dashboard down' (prompts/triage.prompt.yml:24:5)")
                .contains("[FAIL] expected (contains): does not contain the expected \"incident\"")
                .contains("Response (gpt-4o-mini-2024-07-18, replayed, ");
        assertThat(outcome(cases.get(2))).isEqualTo("error dev.promptspec.model.ModelCallException");
        assertThat(children(cases.get(2), "error").get(0).getAttribute("message"))
                .startsWith("prompts/triage.prompt.yml [#3]: no recorded response");
        assertThat(outcome(cases.get(3))).isEqualTo("passed");
        assertThat(outcome(cases.get(4))).isEqualTo("error dev.promptspec.run.TestCaseInputException");

        assertThat(log).contains("Tests run: 5, Failures: 1, Errors: 2, Skipped: 0");
        assertThat(listing(sharedRepository().resolve("dev/promptspec")))
                .as("the shared local repository gets no PromptSpec artifact").isEqualTo(promptspecInSharedRepoBefore);
    }

    /** What {@code mvn test -Dpromptspec.mode=record} with a key would write, here against a fake model. */
    private static void recordWithAFakeModel(Path project) throws Exception {
        try (FakeOpenAiServer server = FakeOpenAiServer.start(EngineKit::answer)) {
            EngineKit.engine(Map.of("OPENAI_API_KEY", EngineKit.KEY))
                    .configurationParameter(Constants.OPENAI_BASE_URL, server.baseUrl())
                    .configurationParameter(Constants.MODE, "record")
                    .configurationParameter(Constants.RECORDINGS_DIR, project.resolve("src/test/promptspec/recordings").toString())
                    .selectors(selectFile(project.resolve("src/test/resources/prompts/triage.prompt.yml").toString()))
                    .execute()
                    .testEvents().assertStatistics(s -> s.started(5).succeeded(2).failed(3));
        }
        assertThat(project.resolve("src/test/promptspec/recordings/prompts/triage.recordings.yml")).exists();
    }

    private static void writeProject(Path project, String version) throws IOException {
        Map<String, String> plugins = pinnedPluginVersions();
        write(project.resolve("pom.xml"), """
                <?xml version="1.0" encoding="UTF-8"?>
                <project xmlns="http://maven.apache.org/POM/4.0.0"
                         xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
                         xsi:schemaLocation="http://maven.apache.org/POM/4.0.0 https://maven.apache.org/xsd/maven-4.0.0.xsd">
                  <modelVersion>4.0.0</modelVersion>
                  <groupId>com.example</groupId>
                  <artifactId>support-bot</artifactId>
                  <version>1.0.0-SNAPSHOT</version>

                  <properties>
                    <maven.compiler.release>17</maven.compiler.release>
                    <project.build.sourceEncoding>UTF-8</project.build.sourceEncoding>
                  </properties>

                  <dependencies>
                    <dependency>
                      <groupId>dev.promptspec</groupId>
                      <artifactId>promptspec-junit</artifactId>
                      <version>%s</version>
                      <scope>test</scope>
                    </dependency>
                  </dependencies>

                  <build>
                    <plugins>
                      <plugin>
                        <artifactId>maven-compiler-plugin</artifactId>
                        <version>%s</version>
                      </plugin>
                      <plugin>
                        <artifactId>maven-surefire-plugin</artifactId>
                        <version>%s</version>
                      </plugin>
                      <!-- Only because this build is offline: the version PromptSpec's own build has already downloaded. -->
                      <plugin>
                        <artifactId>maven-resources-plugin</artifactId>
                        <version>%s</version>
                      </plugin>
                    </plugins>
                  </build>
                </project>
                """.formatted(version, plugins.get("maven-compiler-plugin"), plugins.get("maven-surefire-plugin"),
                plugins.get("maven-resources-plugin")));
        write(project.resolve("src/test/java/com/example/support/TriagePromptTest.java"), """
                package com.example.support;

                import dev.promptspec.junit.PromptSpec;

                /** Each testData entry of the triage prompt is a test. */
                @PromptSpec("prompts/triage.prompt.yml")
                class TriagePromptTest {
                }
                """);
        write(project.resolve("src/test/resources/prompts/triage.prompt.yml"), Prompts.resource("prompts/triage/triage.prompt.yml"));
        write(project.resolve("src/test/resources/junit-platform.properties"), """
                # CI runs offline from the recordings; record with -Dpromptspec.mode=record and an API key.
                promptspec.mode=replay
                """);
    }

    /** The jars and poms of this build, laid out as a local repository. */
    private static void publishArtifacts(Path repository, String version) throws IOException {
        publish(repository, "promptspec-parent", version, ROOT.resolve("pom.xml"), null);
        publish(repository, "promptspec-bom", version, ROOT.resolve("bom/pom.xml"), null);
        publish(repository, "promptspec-core", version, ROOT.resolve("core/pom.xml"), jarOf(PromptRun.class));
        publish(repository, "promptspec-junit", version, ROOT.resolve("junit-extension/pom.xml"), jarOf(PromptSpecTestEngine.class));
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
        } catch (java.net.URISyntaxException e) {
            throw new IOException(e);
        }
        if (Files.isRegularFile(location)) {
            return location;
        }
        Path jar = WORK.resolve("jars").resolve(c.getSimpleName() + ".jar");
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

    private static String projectVersion() throws Exception {
        Element project = parse(ROOT.resolve("pom.xml")).getDocumentElement();
        return children(project, "version").get(0).getTextContent().trim();
    }

    /** The versions PromptSpec's parent pom pins, which its own build has therefore resolved. */
    private static Map<String, String> pinnedPluginVersions() throws IOException {
        try {
            Map<String, String> versions = new java.util.HashMap<>();
            NodeList plugins = parse(ROOT.resolve("pom.xml")).getElementsByTagName("plugin");
            for (int i = 0; i < plugins.getLength(); i++) {
                Element p = (Element) plugins.item(i);
                List<Element> id = children(p, "artifactId");
                List<Element> v = children(p, "version");
                if (!id.isEmpty() && !v.isEmpty()) {
                    versions.putIfAbsent(id.get(0).getTextContent().trim(), v.get(0).getTextContent().trim());
                }
            }
            return versions;
        } catch (Exception e) {
            throw new IOException("cannot read the parent pom", e);
        }
    }

    /** The Maven running this build ({@code maven.home}, passed by Failsafe), else the wrapper's distribution. */
    private static Path mavenExecutable() throws IOException {
        String windows = System.getProperty("os.name").toLowerCase(java.util.Locale.ROOT).contains("win") ? ".cmd" : "";
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

    private static Path sharedRepository() {
        String configured = System.getProperty("promptspec.it.local-repository");
        return configured != null && !configured.isBlank() && !configured.startsWith("${") ? Path.of(configured)
                : Path.of(System.getProperty("user.home"), ".m2", "repository");
    }

    private static Element surefireReport(Path xml) throws Exception {
        assertThat(xml).as("Surefire's XML report").exists();
        return parse(xml).getDocumentElement();
    }

    private static String outcome(Element testcase) {
        for (String kind : List.of("failure", "error", "skipped")) {
            List<Element> found = children(testcase, kind);
            if (!found.isEmpty()) {
                return (kind + " " + found.get(0).getAttribute("type")).trim();
            }
        }
        return "passed";
    }

    private static Document parse(Path xml) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return f.newDocumentBuilder().parse(xml.toFile());
    }

    private static List<Element> children(Element parent, String tag) {
        List<Element> out = new ArrayList<>();
        for (org.w3c.dom.Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && e.getTagName().equals(tag)) {
                out.add(e);
            }
        }
        return out;
    }

    private static Optional<List<String>> listing(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return Optional.empty();
        }
        try (Stream<Path> files = Files.walk(dir)) {
            return Optional.of(files.map(p -> dir.relativize(p) + " " + p.toFile().lastModified()).sorted().toList());
        }
    }

    private static void write(Path file, String text) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, text, StandardCharsets.UTF_8);
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
