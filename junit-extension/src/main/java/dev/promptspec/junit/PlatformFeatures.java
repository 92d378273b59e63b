package dev.promptspec.junit;

import java.nio.file.Path;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import org.junit.platform.engine.ExecutionRequest;
import org.junit.platform.engine.TestEngine;

/**
 * What the running JUnit Platform offers. PromptSpec compiles against the newest platform but runs on every one from
 * {@value #MINIMUM} (JUnit 5.12, Spring Boot 3.5) on, because the platform is the user's ({@code provided}): features
 * of newer platforms (discovery issues in 1.13, resource scanning and output directories in their 1.14 form, cancellation
 * in 6.0) are used when present, and skipped or replaced by their older form when absent.
 *
 * <p>The rule that keeps this safe: a type or method newer than {@value #MINIMUM} is named only inside a nested class
 * of this file (or of {@link DiscoveryProblems} or {@link ResourceScanning}) that is loaded after its feature was
 * detected; the JVM resolves a class's references when they first run, so an older platform never meets them.
 * {@code JUnit512ApiTest} checks the rule against the 1.12 jars.
 */
final class PlatformFeatures {

    /** The oldest platform PromptSpec runs on. */
    static final String MINIMUM = "1.12";

    private static final boolean DISCOVERY_ISSUES = present("org.junit.platform.engine.DiscoveryIssue");
    private static final boolean CANCELLATION = present("org.junit.platform.engine.CancellationToken");
    /** {@code ResourceSupport} and {@code ResourceFilter}: 1.14 (JUnit 5.14) and newer. */
    private static final boolean RESOURCE_SUPPORT = present("org.junit.platform.commons.support.ResourceSupport");
    /** {@code OutputDirectoryCreator}, which replaces the {@code OutputDirectoryProvider} of 1.12: 1.14 and newer. */
    private static final boolean OUTPUT_DIRECTORY_CREATOR = present("org.junit.platform.engine.OutputDirectoryCreator");
    /** Added in 1.12, still in 6.x: the platform is at least {@value #MINIMUM}. */
    private static final boolean AT_LEAST_MINIMUM = present("org.junit.platform.engine.reporting.OutputDirectoryProvider");

    private PlatformFeatures() {
    }

    /** Discovery issues ({@code DiscoveryIssue}, {@code DiscoveryIssueReporter}): platform 1.13 (JUnit 5.13) and newer. */
    static boolean discoveryIssues() {
        return DISCOVERY_ISSUES;
    }

    /** The platform's resource scanning in its 1.14+ form (see {@link ResourceScanning}). */
    static boolean resourceSupport() {
        return RESOURCE_SUPPORT;
    }

    /**
     * The root of the output directory the launcher gives this run (where {@code junit.platform.reporting.output.dir}
     * points; by default {@code target} beside a {@code pom.xml}, {@code build} beside a Gradle build, else the working
     * directory); empty when there is none to be had: EngineTestKit's default, or a launcher older than this platform.
     */
    static Optional<Path> outputRoot(ExecutionRequest request) {
        try {
            return Optional.of(OUTPUT_DIRECTORY_CREATOR ? OutputDirectories.root(request) : outputDirectoryProviderRoot(request));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    @SuppressWarnings("removal") // deprecated for removal from 1.14 on, where OutputDirectories is used instead
    private static Path outputDirectoryProviderRoot(ExecutionRequest request) {
        return request.getOutputDirectoryProvider().getRootDirectory();
    }

    /** Loaded only where {@code OutputDirectoryCreator} exists (platform 1.14+). */
    private static final class OutputDirectories {
        static Path root(ExecutionRequest request) {
            return request.getOutputDirectoryCreator().getRootDirectory();
        }
    }

    /**
     * Why PromptSpec cannot run on this platform, naming the versions found and the fix; empty when it can.
     * The check is by feature, the version only names what was found.
     */
    static Optional<String> unsupported() {
        if (AT_LEAST_MINIMUM) {
            return Optional.empty();
        }
        String found = platformVersion().map(v -> "JUnit Platform " + v + jupiterOf(v)).orElse("an older JUnit Platform");
        return Optional.of("PromptSpec needs JUnit Platform " + MINIMUM + " or newer (JUnit 5.12+; Spring Boot 3.5+), but the"
                + " test class path has " + found + ". Your other tests still run. Fix: import org.junit:junit-bom 5.12.2 or"
                + " newer in <dependencyManagement> (Spring Boot 3.4 or older: set the property junit-jupiter.version to 5.12.2,"
                + " or upgrade to Spring Boot 3.5), so that every JUnit artifact moves together.");
    }

    /** The junit-platform-engine version, from its jar's manifest (absent when run from classes, as some IDEs do). */
    static Optional<String> platformVersion() {
        return Optional.ofNullable(TestEngine.class.getPackage()).map(Package::getImplementationVersion);
    }

    /** " (JUnit 5.11.4)" for platform 1.11.4: Jupiter 5.x goes with Platform 1.x. */
    private static String jupiterOf(String platformVersion) {
        return platformVersion.startsWith("1.") ? " (JUnit 5" + platformVersion.substring(1) + ")" : "";
    }

    /** Whether the run was asked to stop (JUnit 6's cancellation); never, on platforms without it. */
    static BooleanSupplier cancellation(ExecutionRequest request) {
        return CANCELLATION ? Cancellation.of(request) : () -> false;
    }


    /** Loaded only where {@code CancellationToken} exists (platform 6.0+). */
    private static final class Cancellation {
        static BooleanSupplier of(ExecutionRequest request) {
            return request.getCancellationToken()::isCancellationRequested;
        }
    }

    private static boolean present(String className) {
        try {
            Class.forName(className, false, TestEngine.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }
}
