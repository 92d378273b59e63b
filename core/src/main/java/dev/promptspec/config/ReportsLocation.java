package dev.promptspec.config;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.nio.file.Path;
import java.util.Optional;
import org.apiguardian.api.API;

/**
 * Where a run writes its reports ({@value Keys#REPORTS_DIR}): where the driver puts build outputs (JUnit's output
 * directory, say), a directory of the user's, or nowhere.
 *
 * @param directory the directory the user set, if any
 * @param enabled   false for {@code none}: no reports are written
 * @param stepSummary where the Markdown summary is also appended: the file GitHub Actions names in the environment
 *                    variable {@value #STEP_SUMMARY_VARIABLE}, when it is set
 */
@API(status = EXPERIMENTAL, since = "0.1")
public record ReportsLocation(Optional<Path> directory, boolean enabled, Optional<Path> stepSummary) {

    /** The environment variable GitHub Actions sets to the file of a job step's summary. */
    public static final String STEP_SUMMARY_VARIABLE = "GITHUB_STEP_SUMMARY";

    public ReportsLocation {
        stepSummary = stepSummary == null ? Optional.empty() : stepSummary;
    }

    public ReportsLocation(Optional<Path> directory, boolean enabled) {
        this(directory, enabled, Optional.empty());
    }

    /** Wherever the driver puts build outputs. */
    public static final ReportsLocation DEFAULT = new ReportsLocation(Optional.empty(), true);
    /** No reports. */
    public static final ReportsLocation NONE = new ReportsLocation(Optional.empty(), false);

    /** Reports in {@code directory}. */
    public static ReportsLocation at(Path directory) {
        return new ReportsLocation(Optional.of(directory), true);
    }

    /** These reports, the summary also appended to {@code file} (a CI job's summary). */
    public ReportsLocation withStepSummary(Path file) {
        return new ReportsLocation(directory, enabled, Optional.ofNullable(file));
    }
}
