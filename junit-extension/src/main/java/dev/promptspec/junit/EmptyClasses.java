package dev.promptspec.junit;

import java.util.List;
import org.junit.platform.commons.support.AnnotationSupport;
import org.junit.platform.engine.TestDescriptor;

/**
 * No silent green: a {@code @PromptSpec} class that found no prompt file, or prompt files without a single test
 * case, fails with why instead of passing as "0 tests" (a typo such as {@code testdata:} or a misnamed file would
 * otherwise leave the build green with nothing checked).
 */
final class EmptyClasses {

    private EmptyClasses() {
    }

    /**
     * Fails every class under {@code engine} that holds no test because its files hold none; run once discovery has
     * built the tree. A class whose cases were simply not selected (a unique id of a case renamed since) is left alone,
     * as Jupiter leaves a method id that no longer resolves.
     */
    static void failEach(TestDescriptor engine) {
        for (TestDescriptor child : engine.getChildren()) {
            if (child instanceof PromptClassDescriptor c && !holdsATest(c) && filesHoldNoCase(c)) {
                c.fail(why(c));
                // Empty file containers would be pruned, and the class with them: the class alone is the failing test.
                List.copyOf(c.getChildren()).forEach(c::removeChild);
            }
        }
    }

    private static boolean filesHoldNoCase(PromptClassDescriptor c) {
        return c.getChildren().stream().allMatch(d -> d instanceof PromptFileDescriptor f
                && f.prompt().file().map(file -> file.testData().isEmpty()).orElse(false));
    }

    private static boolean holdsATest(TestDescriptor d) {
        return d.getChildren().stream().anyMatch(c -> c.isTest() || holdsATest(c));
    }

    private static String why(PromptClassDescriptor c) {
        String[] locations = AnnotationSupport.findAnnotation(c.testClass(), PromptSpec.class).map(PromptSpec::value)
                .orElse(new String[0]);
        String owner = "@PromptSpec on " + c.testClass().getName();
        if (locations.length == 0) {
            return owner + " names no prompt file, so it has no test. Name a classpath file or folder,"
                    + " e.g. @PromptSpec(\"prompts\") for src/test/resources/prompts";
        }
        List<String> files = c.getChildren().stream().filter(PromptFileDescriptor.class::isInstance)
                .map(d -> ((PromptFileDescriptor) d).prompt().source().name()).toList();
        if (files.isEmpty()) {
            return owner + " found no prompt file in " + String.join(", ", locations) + ", so it has no test."
                    + " Prompt files are named *.prompt.yml or *.prompt.yaml and live on the test class path (src/test/resources)";
        }
        return owner + " found " + files.size() + (files.size() == 1 ? " prompt file" : " prompt files") + " ("
                + String.join(", ", files) + ") but no test case: " + (files.size() == 1 ? "it has no" : "none has")
                + " testData entries. Add testData: with one entry per test (check its spelling: testData)";
    }
}
