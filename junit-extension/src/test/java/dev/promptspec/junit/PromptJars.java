package dev.promptspec.junit;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;

/** Prompt files in a jar on the context class loader, where the platform and PromptSpec look for class-path resources. */
final class PromptJars {

    /** What each {@code *.prompt.yml} entry holds: one case, at line 6. */
    static final String ECHO = """
            model: gpt-4o-mini
            messages:
              - role: user
                content: "Repeat after me: {{phrase}}"
            testData:
              - phrase: ship it
            """;

    interface Body {
        void run() throws Exception;
    }

    private PromptJars() {
    }

    /** Writes {@code jar} with {@code entries} (folders end with {@code /}); each prompt file holds {@link #ECHO}. */
    static Path write(Path jar, String... entries) throws IOException {
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
            for (String entry : entries) {
                out.putNextEntry(new JarEntry(entry));
                if (PromptFiles.isPromptFile(entry)) {
                    out.write(ECHO.getBytes(StandardCharsets.UTF_8));
                }
                out.closeEntry();
            }
        }
        return jar;
    }

    /** Runs {@code body} with {@code jar} on the context class loader. */
    static void onClassPath(Path jar, Body body) throws Exception {
        ClassLoader previous = Thread.currentThread().getContextClassLoader();
        try (URLClassLoader loader = new URLClassLoader(new URL[] {jar.toUri().toURL()}, previous)) {
            Thread.currentThread().setContextClassLoader(loader);
            body.run();
        } finally {
            Thread.currentThread().setContextClassLoader(previous);
        }
    }
}
