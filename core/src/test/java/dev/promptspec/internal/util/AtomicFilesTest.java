package dev.promptspec.internal.util;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Files PromptSpec writes (recordings, reports) are replaced whole, never seen half-written, and get the permissions
 * the user's other files get: a CI job that uploads them as another user must be able to read them.
 */
class AtomicFilesTest {

    @TempDir
    Path dir;

    @Test
    void a_new_file_gets_the_permissions_of_any_file_created_in_its_directory() throws IOException {
        assumeTrue(posix());
        Path written = dir.resolve("promptspec-summary.md");

        AtomicFiles.write(written, "# PromptSpec\n\n3 tests: 2 passed, 1 failed\n");

        assertThat(Files.getPosixFilePermissions(written)).isEqualTo(Files.getPosixFilePermissions(Files.createFile(dir.resolve("probe"))));
        assertThat(Files.readString(written)).isEqualTo("# PromptSpec\n\n3 tests: 2 passed, 1 failed\n");
    }

    @Test
    void a_replaced_file_keeps_its_permissions() throws IOException {
        assumeTrue(posix());
        Path recordings = Files.writeString(dir.resolve("triage.recordings.yml"), "format: 1\n");
        Files.setPosixFilePermissions(recordings, PosixFilePermissions.fromString("rw-r-----"));

        AtomicFiles.write(recordings, "format: 1\nprompt: prompts/triage.prompt.yml\nrecordings: []\n");

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(recordings))).isEqualTo("rw-r-----");
        assertThat(Files.readString(recordings)).endsWith("recordings: []\n");
    }

    @Test
    void a_write_that_fails_keeps_the_old_file_and_leaves_no_temporary_file() throws IOException {
        Path target = dir.resolve("promptspec-report.json");
        Files.createDirectories(target.resolve("in-the-way")); // a non-empty directory where the file goes: the rename fails

        assertThatThrownBy(() -> AtomicFiles.write(target, "{}")).isInstanceOf(IOException.class);

        assertThat(target.resolve("in-the-way")).isDirectory();
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files).containsExactly(target);
        }
    }

    private static boolean posix() {
        return FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    }
}
