package dev.promptspec.junit;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.platform.engine.TestDescriptor;

/**
 * A prompt file found both through a {@code @PromptSpec} class and on its own runs once, through its class, where its
 * {@code @PromptEvaluator} and {@code @PromptModel} methods are: a package or class-path root selection finds every
 * prompt file in it, among them the files its classes name.
 */
final class StandaloneFiles {

    private StandaloneFiles() {
    }

    /** Removes from {@code engine} each class-path file also under one of its classes; run once discovery built the tree. */
    static void dropThoseAClassRuns(TestDescriptor engine) {
        Set<String> runByClasses = engine.getChildren().stream().filter(PromptClassDescriptor.class::isInstance)
                .flatMap(c -> c.getChildren().stream()).filter(StandaloneFiles::isClasspathFile).map(StandaloneFiles::fileName)
                .collect(Collectors.toSet());
        List.copyOf(engine.getChildren()).stream().filter(d -> isClasspathFile(d) && runByClasses.contains(fileName(d)))
                .forEach(engine::removeChild);
    }

    private static boolean isClasspathFile(TestDescriptor d) {
        return d instanceof PromptFileDescriptor
                && d.getUniqueId().getLastSegment().getType().equals(PromptFileDescriptor.SEGMENT);
    }

    private static String fileName(TestDescriptor d) {
        return d.getUniqueId().getLastSegment().getValue();
    }
}
