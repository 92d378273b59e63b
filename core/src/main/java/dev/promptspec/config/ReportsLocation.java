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
 */
@API(status = EXPERIMENTAL, since = "0.1")
public record ReportsLocation(Optional<Path> directory, boolean enabled) {

    /** Wherever the driver puts build outputs. */
    public static final ReportsLocation DEFAULT = new ReportsLocation(Optional.empty(), true);
    /** No reports. */
    public static final ReportsLocation NONE = new ReportsLocation(Optional.empty(), false);

    /** Reports in {@code directory}. */
    public static ReportsLocation at(Path directory) {
        return new ReportsLocation(Optional.of(directory), true);
    }
}
