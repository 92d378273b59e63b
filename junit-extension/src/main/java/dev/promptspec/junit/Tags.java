package dev.promptspec.junit;

import java.util.LinkedHashSet;
import java.util.Set;
import org.junit.platform.engine.TestTag;

/** Prompt-file tags as JUnit tags; tags JUnit cannot represent are left out (and reported at discovery). */
final class Tags {

    private Tags() {
    }

    static Set<TestTag> of(Set<String> names) {
        Set<TestTag> tags = new LinkedHashSet<>();
        for (String n : names) {
            if (TestTag.isValid(n)) {
                tags.add(TestTag.create(n));
            }
        }
        return tags;
    }

    static Set<String> invalid(Set<String> names) {
        Set<String> bad = new LinkedHashSet<>();
        for (String n : names) {
            if (!TestTag.isValid(n)) {
                bad.add(n);
            }
        }
        return bad;
    }
}
