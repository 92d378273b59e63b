package dev.promptspec.it;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The output file of {@code mvn dependency:list}: {@code groupId:artifactId:type[:classifier]:version:scope} per line. */
final class DependencyList {

    private static final Pattern LINE = Pattern.compile(
            "^\\s+([\\w.\\-]+):([\\w.\\-]+):(\\w[\\w\\-]*)(?::([\\w.\\-]+))?:([\\w.\\-]+):(compile|runtime|test|provided|system)\\b.*$");

    private DependencyList() {
    }

    /** {@code groupId:artifactId} (with {@code :classifier} when there is one) to version, sorted. */
    static Map<String, String> read(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new AssertionError("dependency:list wrote no " + file);
        }
        Map<String, String> versions = new TreeMap<>();
        for (String line : Files.readAllLines(file)) {
            Matcher m = LINE.matcher(line);
            if (m.matches()) {
                String key = m.group(1) + ":" + m.group(2) + (m.group(4) == null ? "" : ":" + m.group(4));
                versions.put(key, m.group(5));
            }
        }
        return versions;
    }
}
