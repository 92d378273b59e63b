package dev.promptspec.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The README stays a first screen for users (the details live in {@code docs/}, one page per topic), and every link
 * between the pages leads somewhere: the file exists and, for {@code page.md#section}, so does the section.
 */
class DocumentationTest {

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final Pattern LINK = Pattern.compile("\\]\\(([^)\\s]+)\\)");
    private static final Pattern HEADING = Pattern.compile("(?m)^#{1,6} (.+)$");
    private static final Pattern FENCE = Pattern.compile("(?ms)^```.*?^```");

    @Test
    void the_readme_is_short_and_starts_with_what_a_user_needs() throws IOException {
        String readme = Files.readString(ROOT.resolve("README.md"));
        assertThat(readme.getBytes(java.nio.charset.StandardCharsets.UTF_8).length).as("README bytes").isLessThan(30_000);
        assertThat(headings(readme)).containsSubsequence("Requirements", "Install", "Quick start");
        assertThat(readme).contains("./mvnw -B -pl examples -am verify", "./mvnw -B verify");
    }

    @Test
    void every_relative_link_of_the_readme_contributing_and_docs_resolves() throws IOException {
        List<Path> pages = new ArrayList<>(List.of(ROOT.resolve("README.md"), ROOT.resolve("CONTRIBUTING.md")));
        try (Stream<Path> docs = Files.list(ROOT.resolve("docs"))) {
            docs.filter(p -> p.toString().endsWith(".md")).sorted().forEach(pages::add);
        }
        List<String> broken = new ArrayList<>();
        int checked = 0;
        for (Path page : pages) {
            String text = FENCE.matcher(Files.readString(page)).replaceAll("");
            Matcher m = LINK.matcher(text);
            while (m.find()) {
                String target = m.group(1);
                if (target.matches("^[a-z]+:.*")) {
                    continue; // https:, mailto:
                }
                checked++;
                String file = target.contains("#") ? target.substring(0, target.indexOf('#')) : target;
                String anchor = target.contains("#") ? target.substring(target.indexOf('#') + 1) : null;
                Path resolved = file.isEmpty() ? page : page.getParent().resolve(file).normalize();
                if (!Files.exists(resolved)) {
                    broken.add(ROOT.relativize(page) + ": " + target + " (no such file)");
                } else if (anchor != null && Files.isRegularFile(resolved) && !anchors(Files.readString(resolved)).contains(anchor)) {
                    broken.add(ROOT.relativize(page) + ": " + target + " (no such section)");
                }
            }
        }
        assertThat(checked).as("relative links checked").isGreaterThan(50);
        assertThat(broken).isEmpty();
    }

    private static List<String> headings(String markdown) {
        Matcher m = HEADING.matcher(FENCE.matcher(markdown).replaceAll(""));
        List<String> out = new ArrayList<>();
        while (m.find()) {
            out.add(m.group(1).trim());
        }
        return out;
    }

    /** GitHub's anchors: lower case, punctuation dropped (hyphens and underscores kept), spaces as hyphens. */
    private static Set<String> anchors(String markdown) {
        return headings(markdown).stream()
                .map(h -> h.toLowerCase(Locale.ROOT).replaceAll("[`*]", "").replaceAll("[^\\p{L}\\p{N} _-]", "").replace(' ', '-'))
                .collect(Collectors.toSet());
    }
}
