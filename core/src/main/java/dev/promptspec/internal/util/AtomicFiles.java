package dev.promptspec.internal.util;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.util.concurrent.ThreadLocalRandom;
import org.apiguardian.api.API;

/**
 * Writes files so that readers see the old content or the new, never half of either, with the permissions the user's
 * other files get: the umask decides for a new file, and a replaced file keeps its own. (A temporary file made by
 * {@code Files.createTempFile} is readable by its owner only, and renamed over the target it would make recordings and
 * reports unreadable to a CI job that uploads them as another user.)
 */
@API(status = INTERNAL, since = "0.1")
public final class AtomicFiles {

    private AtomicFiles() {
    }

    /** What writes a file's content to a stream (which it need not close). */
    @FunctionalInterface
    public interface Content {
        void writeTo(OutputStream out) throws IOException;
    }

    /** Writes {@code text} to a new file beside {@code target}, then renames it over the target. */
    public static void write(Path target, String text) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        write(target, out -> out.write(bytes));
    }

    /** Streams {@code content} to a new file beside {@code target}, then renames it over the target. */
    public static void write(Path target, Content content) throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = null;
        try {
            tmp = writeSibling(dir, target.getFileName().toString(), content);
            keepPermissions(target, tmp);
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            if (tmp != null) {
                Files.deleteIfExists(tmp);
            }
        }
    }

    /** A new file beside the target holding {@code content}, created with default permissions under a name no one else uses. */
    private static Path writeSibling(Path dir, String name, Content content) throws IOException {
        while (true) {
            Path tmp = dir.resolve(name + "." + Long.toUnsignedString(ThreadLocalRandom.current().nextLong(), 36) + ".tmp");
            OutputStream out;
            try {
                out = Files.newOutputStream(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
            } catch (FileAlreadyExistsException e) {
                continue; // another writer's name: draw another
            }
            try (OutputStream buffered = new BufferedOutputStream(out)) {
                content.writeTo(buffered);
            } catch (IOException | RuntimeException e) {
                Files.deleteIfExists(tmp);
                throw e;
            }
            return tmp;
        }
    }

    /** A file being replaced keeps its permissions (someone may have chosen 0640); where POSIX has none, nothing to keep. */
    private static void keepPermissions(Path target, Path tmp) throws IOException {
        PosixFileAttributeView existing = Files.getFileAttributeView(target, PosixFileAttributeView.class);
        if (existing != null && Files.isRegularFile(target)) {
            Files.setPosixFilePermissions(tmp, existing.readAttributes().permissions());
        }
    }
}
