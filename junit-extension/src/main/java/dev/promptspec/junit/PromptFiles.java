package dev.promptspec.junit;

import dev.promptspec.promptfile.PromptSource;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.JarURLConnection;
import java.net.URI;
import java.net.URL;
import java.net.URLConnection;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.TreeMap;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/** Finds prompt files on the class path and on disk, and reads them. */
final class PromptFiles {

    private PromptFiles() {
    }

    static boolean isPromptFile(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        return n.endsWith(".prompt.yml") || n.endsWith(".prompt.yaml");
    }

    /** A classpath location: one prompt file, or a folder searched recursively. Sorted by name; empty when absent. */
    static List<PromptSource> onClasspath(String location, ClassLoader loader) {
        String base = normalize(location);
        TreeMap<String, PromptSource> found = new TreeMap<>();
        Enumeration<URL> roots;
        try {
            roots = loader.getResources(base);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot search the class path for " + location, e);
        }
        for (URL url : Collections.list(roots)) {
            if (isPromptFile(base)) {
                found.putIfAbsent(base, read(base, url));
            } else if ("file".equals(url.getProtocol())) {
                Path dir = Path.of(toUri(url));
                if (Files.isDirectory(dir)) {
                    try (Stream<Path> files = Files.walk(dir)) {
                        files.filter(Files::isRegularFile).filter(p -> isPromptFile(p.getFileName().toString())).forEach(p -> {
                            String name = join(base, dir.relativize(p).toString().replace('\\', '/'));
                            found.putIfAbsent(name, read(name, toUrl(p)));
                        });
                    } catch (IOException e) {
                        throw new UncheckedIOException("cannot list " + dir, e);
                    }
                }
            } else if ("jar".equals(url.getProtocol())) {
                scanJar(base, url, found);
            }
        }
        return new ArrayList<>(found.values());
    }

    /** Whether {@code location} names something on the class path that is not a prompt file (a folder, say). */
    static boolean isFolder(String location, ClassLoader loader) {
        String name = normalize(location);
        return !name.isEmpty() && !isPromptFile(name) && loader.getResource(name) != null;
    }

    /** One classpath resource by its exact name, if present. */
    static Optional<PromptSource> classpathResource(String name, ClassLoader loader) {
        URL url = loader.getResource(normalize(name));
        return url == null ? Optional.empty() : Optional.of(read(normalize(name), url));
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

    private static void scanJar(String base, URL url, TreeMap<String, PromptSource> found) {
        try {
            URLConnection c = url.openConnection();
            if (!(c instanceof JarURLConnection jc)) {
                return;
            }
            jc.setUseCaches(false);
            try (JarFile jar = jc.getJarFile()) {
                String prefix = base.endsWith("/") || base.isEmpty() ? base : base + "/";
                for (JarEntry e : Collections.list(jar.entries())) {
                    if (!e.isDirectory() && e.getName().startsWith(prefix) && isPromptFile(e.getName())) {
                        try (InputStream in = jar.getInputStream(e)) {
                            URI uri = URI.create("jar:" + jc.getJarFileURL() + "!/" + e.getName());
                            found.putIfAbsent(e.getName(), PromptSource.fromBytes(e.getName(), uri, Optional.empty(), in.readAllBytes()));
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + url, e);
        }
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
    static Path sourceFileFor(Path compiled, String resourceName) {
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

    private static String normalize(String location) {
        String l = location.trim().replace('\\', '/');
        while (l.startsWith("/")) {
            l = l.substring(1);
        }
        while (l.endsWith("/") && l.length() > 1) {
            l = l.substring(0, l.length() - 1);
        }
        return l;
    }

    private static String join(String base, String rel) {
        return base.isEmpty() ? rel : base + "/" + rel;
    }

    private static URI toUri(URL url) {
        try {
            return url.toURI();
        } catch (java.net.URISyntaxException e) {
            throw new IllegalArgumentException(url.toString(), e);
        }
    }

    private static URL toUrl(Path p) {
        try {
            return p.toUri().toURL();
        } catch (java.net.MalformedURLException e) {
            throw new IllegalArgumentException(p.toString(), e);
        }
    }
}
