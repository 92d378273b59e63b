package dev.promptspec.internal.model.recording;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.promptspec.config.Keys;
import dev.promptspec.internal.util.AtomicFiles;
import dev.promptspec.internal.util.Utf8;
import dev.promptspec.model.ModelCallException;
import dev.promptspec.problem.InvalidConfigException;
import dev.promptspec.problem.Problem;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apiguardian.api.API;

/**
 * The recordings of a run, one YAML file per prompt file under a directory (by default
 * {@code src/test/promptspec/recordings} of the module: source files, reviewed and committed).
 *
 * <p>Thread-safe. Each prompt file's recordings are read once and indexed by fingerprint (each hashed once);
 * every new recording updates that index at once. Files are rewritten atomically (temporary file, then rename), so a
 * crash never leaves half a file, and at most once per {@link #WRITE_INTERVAL}: a save writes its file at once when
 * the file was not written during the last interval, else the store's writer thread writes it when the interval is
 * over, with every recording saved meanwhile. Recording N cases into one file thus costs a few rewrites a second, not
 * N. {@link #close()} writes whatever is not written yet: a run that ends normally loses no recording, one that is
 * killed loses at most the last interval's.
 */
@API(status = INTERNAL, since = "0.1")
public final class RecordingStore implements AutoCloseable {

    /** How often at most a recordings file is rewritten. */
    static final Duration WRITE_INTERVAL = Duration.ofSeconds(1);

    private final Path directory;
    private final long writeIntervalNanos;
    private final ConcurrentHashMap<String, PromptRecordings> files = new ConcurrentHashMap<>();
    /** Writes the files whose saves came within an interval of their last write; started on the first such save. */
    private ScheduledExecutorService writer;
    private boolean closed;
    /** Each folder recordings go to, probed once: empty when it can be written, else why not. */
    private final ConcurrentHashMap<Path, Optional<String>> writable = new ConcurrentHashMap<>();

    public RecordingStore(Path directory) {
        this(directory, WRITE_INTERVAL);
    }

    /**
     * Files rewritten at most once per {@code writeInterval}; {@link Duration#ZERO} writes every save at once (for
     * tests of application code, where calls are few and a recording should be on disk when its test ends).
     */
    public RecordingStore(Path directory, Duration writeInterval) {
        this.directory = directory;
        this.writeIntervalNanos = writeInterval.toNanos();
    }

    public Path directory() {
        return directory;
    }

    /** The file holding the recordings of {@code promptFile}: its path with {@code .prompt.yml} replaced. */
    public Path fileFor(String promptFile) {
        String base = promptFile.replace('\\', '/');
        while (base.startsWith("/") || base.startsWith("../")) {
            base = base.startsWith("/") ? base.substring(1) : base.substring(3);
        }
        base = base.replaceFirst("(?i)\\.prompt\\.ya?ml$", "").replaceFirst("(?i)\\.ya?ml$", "");
        return directory.resolve(base + ".recordings.yml");
    }

    /** The recording of exactly this request, if any. */
    public Optional<Recording> find(String promptFile, String fingerprint) throws ModelCallException {
        return find(promptFile, fingerprint, 1);
    }

    /** The recording of exactly this request made for sample {@code sample} (from 1) of a case, if any. */
    public Optional<Recording> find(String promptFile, String fingerprint, int sample) throws ModelCallException {
        return recordings(promptFile).find(Recording.replayKey(fingerprint, sample));
    }

    /** The latest recording made for this case and purpose, whatever was sent (to explain a mismatch). */
    public Optional<Recording> findForCase(String promptFile, String caseKey, String purpose) throws ModelCallException {
        return findForCase(promptFile, caseKey, purpose, 1);
    }

    /**
     * The latest recording made for this case, purpose and sample, else for the case and purpose in any sample, whatever
     * was sent (to explain a mismatch).
     */
    public Optional<Recording> findForCase(String promptFile, String caseKey, String purpose, int sample) throws ModelCallException {
        return findForCase(promptFile, caseKey, purpose, sample, null);
    }

    /**
     * The latest recording made for this case, purpose, sample and model (null: a run on one model), else for the case,
     * purpose and model in any sample, whatever was sent (to explain a mismatch).
     */
    public Optional<Recording> findForCase(String promptFile, String caseKey, String purpose, int sample, String model)
            throws ModelCallException {
        return recordings(promptFile).findForCase(caseKey, purpose, sample, model);
    }

    /**
     * Fails unless the recordings of {@code promptFile} can be written: called before a live call whose answer is to
     * be recorded, so that an unwritable folder costs no billed call that would then be lost. The folder is created
     * and probed (a temporary file written and deleted) once per run; every later call gets the same answer.
     *
     * @throws ModelCallException {@code CONFIGURATION}, naming the folder and {@code promptspec.recordings.dir}
     */
    public void checkWritable(String promptFile) throws ModelCallException {
        Path folder = fileFor(promptFile).toAbsolutePath().getParent();
        Optional<String> problem = writable.computeIfAbsent(folder, RecordingStore::probe);
        if (problem.isPresent()) {
            throw new ModelCallException(ModelCallException.Kind.CONFIGURATION, "cannot write recordings to " + folder + ": "
                    + problem.get() + ". No model call was made, since its answer could not be recorded: set "
                    + Keys.RECORDINGS_DIR + " (now " + directory + ") to a writable directory, or run with -D" + Keys.MODE + "=live"
                    + " to call without recording", 0);
        }
    }

    private static final String PROBE = ".promptspec-write-check";

    /** Empty when {@code folder} can be created and written, else why not in words. */
    private static Optional<String> probe(Path folder) {
        try {
            Files.createDirectories(folder);
            Files.delete(Files.createTempFile(folder, PROBE, ".tmp"));
            return Optional.empty();
        } catch (java.nio.file.AccessDeniedException e) {
            return Optional.of("permission denied" + where(e, folder));
        } catch (java.nio.file.FileSystemException e) {
            return Optional.of((e.getReason() != null ? e.getReason() : e.getClass().getSimpleName()) + where(e, folder));
        } catch (IOException | UncheckedIOException | SecurityException e) {
            return Optional.of(e.toString());
        }
    }

    /** The path the failure is about, when it is not the folder itself or the probe file. */
    private static String where(java.nio.file.FileSystemException e, Path folder) {
        if (e.getFile() == null) {
            return "";
        }
        Path file = Path.of(e.getFile()).toAbsolutePath();
        boolean self = file.equals(folder) || file.getFileName().toString().startsWith(PROBE);
        return self ? "" : " at " + file;
    }

    /**
     * Adds or replaces (same case, purpose, sample and model) a recording: replay finds it at once, the file holds it within
     * {@link #WRITE_INTERVAL} (at once when the file was not written during the last interval).
     *
     * @throws ModelCallException {@code CONFIGURATION} when this file, or an earlier write of it, cannot be written
     */
    public void save(String promptFile, Recording recording) throws ModelCallException {
        recordings(promptFile).save(recording, this);
    }

    /**
     * Writes every recording not written yet.
     *
     * @throws ModelCallException {@code CONFIGURATION} naming the first file that cannot be written
     */
    public void flush() throws ModelCallException {
        ModelCallException first = null;
        for (PromptRecordings r : files.values()) {
            try {
                r.write();
            } catch (ModelCallException e) {
                first = first == null ? e : first;
            }
        }
        if (first != null) {
            throw first;
        }
    }

    /**
     * Writes every recording not written yet and stops the writer thread.
     *
     * @throws IllegalStateException with the message of the first file that cannot be written
     */
    @Override
    public void close() {
        ScheduledExecutorService w;
        synchronized (this) {
            closed = true;
            w = writer;
            writer = null;
        }
        if (w != null) {
            w.shutdownNow();
        }
        try {
            flush();
        } catch (ModelCallException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    /** How many times the recordings of {@code promptFile} were written so far, for tests. */
    long writes(String promptFile) throws ModelCallException {
        return recordings(promptFile).writes();
    }

    /** Writes {@code file} after {@code delayNanos}, on the writer thread (or now, on this thread, once closed). */
    private void writeLater(PromptRecordings file, long delayNanos) throws ModelCallException {
        synchronized (this) {
            if (!closed) {
                if (writer == null) {
                    writer = Executors.newSingleThreadScheduledExecutor(r -> {
                        Thread t = new Thread(r, "promptspec-recordings");
                        t.setDaemon(true);
                        return t;
                    });
                }
                writer.schedule(file::writeLater, delayNanos, TimeUnit.NANOSECONDS);
                return;
            }
        }
        file.write();
    }

    private PromptRecordings recordings(String promptFile) throws ModelCallException {
        try {
            return files.computeIfAbsent(promptFile, f -> new PromptRecordings(f, fileFor(f)));
        } catch (CorruptRecordingsException e) {
            throw new ModelCallException(ModelCallException.Kind.CONFIGURATION, e.getMessage(), 0);
        }
    }

    private static final class CorruptRecordingsException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        CorruptRecordingsException(String message) {
            super(message);
        }
    }

    /** One prompt file's recordings, guarded by its own lock. */
    private static final class PromptRecordings {
        /**
         * The file's order: by case (naturally: "#2" before "#10"), then by model (a run on one model's first), then by
         * call, so diffs stay small.
         */
        private static final Comparator<Recording> ORDER =
                Comparator.comparing(Recording::caseKey, NaturalOrder.INSTANCE)
                        .thenComparing(Recording::model, Comparator.nullsFirst(Comparator.naturalOrder()))
                        .thenComparing(Recording::purpose).thenComparingInt(Recording::sample);

        private final String promptFile;
        private final Path path;
        /** In {@link #ORDER}. */
        private final List<Recording> entries = new ArrayList<>();
        /**
         * For each replay key (fingerprint, and sample index past the first), the first entry (in {@link #ORDER}) that
         * has it: what replay answers with. Kept up to
         * date by {@link #save} entry by entry, never rebuilt, so recording N cases costs no N² hashing.
         */
        private final Map<String, Recording> byFingerprint = new HashMap<>();
        /** The case and call of every entry, so that recording a new one costs no scan of the others. */
        private final java.util.Set<String> recorded = new java.util.HashSet<>();
        /** Entries changed so far, and how many of those changes the file holds. */
        private long version;
        private long written;
        /** When the last write started ({@link System#nanoTime()}), and whether one is scheduled. Guarded by {@code this}. */
        private long lastWrite;
        private boolean everWritten;
        private boolean scheduled;
        /** Why the last deferred write failed: the next save says so. Guarded by {@code this}. */
        private ModelCallException deferredFailure;
        /** Files written so far. Guarded by {@code this}. */
        private long writes;
        /** One write at a time; held while rendering and writing, never while the entries are changed. */
        private final Object writeLock = new Object();

        PromptRecordings(String promptFile, Path path) {
            this.promptFile = promptFile;
            this.path = path;
            if (Files.isRegularFile(path)) {
                try {
                    Utf8.Decoded text = Utf8.decode(Files.readAllBytes(path), path.toString());
                    if (text.malformed().isPresent()) {
                        Problem p = text.malformed().get();
                        throw new CorruptRecordingsException(p.position() + ": " + p.message() + ". " + p.fix());
                    }
                    entries.addAll(RecordingCodec.read(text.text(), path.toString()));
                } catch (IOException e) {
                    throw new CorruptRecordingsException("cannot read recordings " + path + ": " + e.getMessage());
                } catch (InvalidConfigException e) {
                    throw new CorruptRecordingsException(e.position() + ": " + e.getMessage() + ". " + e.fix());
                }
            }
            entries.sort(ORDER);
            for (Recording r : entries) {
                byFingerprint.putIfAbsent(r.replayKey(), r);
                recorded.add(callKey(r));
            }
        }

        /** A call is a case's request for a purpose, a sample and a model: recording it again replaces the one before. */
        private static String callKey(Recording r) {
            return r.caseKey() + '\u0000' + r.purpose() + '\u0000' + r.sample() + '\u0000' + (r.model() == null ? "" : r.model());
        }

        private static boolean sameCall(Recording a, Recording b) {
            return a.caseKey().equals(b.caseKey()) && a.purpose().equals(b.purpose()) && a.sample() == b.sample()
                    && java.util.Objects.equals(a.model(), b.model());
        }

        synchronized Optional<Recording> find(String replayKey) {
            return Optional.ofNullable(byFingerprint.get(replayKey));
        }

        synchronized Optional<Recording> findForCase(String caseKey, String purpose, int sample, String model) {
            Comparator<Recording> sameSampleFirst = Comparator.comparing((Recording r) -> r.sample() == sample)
                    .thenComparing(Recording::recordedAt);
            return entries.stream().filter(r -> r.caseKey().equals(caseKey) && r.purpose().equals(purpose)
                    && java.util.Objects.equals(r.model(), model)).max(sameSampleFirst);
        }

        /** Replaces the entries of the recording's case, purpose, sample and model with it, keeping the order and the index. */
        private synchronized long put(Recording recording) {
            List<Recording> replaced = new ArrayList<>();
            if (!recorded.add(callKey(recording))) { // re-recorded: find what it replaces (a new call has nothing to replace)
                entries.removeIf(r -> {
                    boolean same = sameCall(r, recording);
                    if (same) {
                        replaced.add(r);
                    }
                    return same;
                });
            }
            int at = Collections.binarySearch(entries, recording, ORDER);
            entries.add(at < 0 ? -at - 1 : at, recording);
            for (Recording old : replaced) {
                if (byFingerprint.get(old.replayKey()) == old) {
                    // another case may have sent the very same request: it answers for that fingerprint now
                    byFingerprint.remove(old.replayKey());
                    entries.stream().filter(r -> r.replayKey().equals(old.replayKey())).findFirst()
                            .ifPresent(r -> byFingerprint.put(r.replayKey(), r));
                }
            }
            byFingerprint.merge(recording.replayKey(), recording, (kept, added) -> ORDER.compare(added, kept) < 0 ? added : kept);
            return ++version;
        }

        /**
         * Adds the recording; writes the file now when it was not written during the last interval, else makes sure a
         * write is scheduled for the end of the interval (which writes every recording saved meanwhile).
         */
        void save(Recording recording, RecordingStore store) throws ModelCallException {
            long delay;
            put(recording);
            synchronized (this) {
                if (deferredFailure != null) {
                    ModelCallException failure = deferredFailure;
                    deferredFailure = null;
                    throw failure; // the write that should hold the earlier recordings failed: this case says so
                }
                long now = System.nanoTime();
                long due = everWritten ? lastWrite + store.writeIntervalNanos : now;
                if (due - now > 0) {
                    if (scheduled) {
                        return; // the scheduled write will hold this one too
                    }
                    scheduled = true;
                    delay = due - now;
                } else {
                    delay = 0;
                }
            }
            if (delay == 0) {
                write();
            } else {
                store.writeLater(this, delay);
            }
        }

        synchronized long writes() {
            return writes;
        }

        /** The scheduled write, on the writer thread: a failure is kept for the next save, and for flush and close. */
        void writeLater() {
            synchronized (this) {
                scheduled = false;
            }
            try {
                write();
            } catch (ModelCallException e) {
                synchronized (this) {
                    deferredFailure = e;
                }
            }
        }

        /**
         * Writes the entries if the file does not hold all of them yet. The entries are copied under the lock and
         * rendered outside it, so saves and lookups go on while the YAML is written.
         */
        void write() throws ModelCallException {
            synchronized (writeLock) {
                List<Recording> snapshot;
                long snapshotVersion;
                synchronized (this) {
                    if (written >= version) {
                        ModelCallException failure = deferredFailure;
                        deferredFailure = null;
                        if (failure != null) {
                            throw failure;
                        }
                        return;
                    }
                    snapshot = new ArrayList<>(entries);
                    snapshotVersion = version;
                    lastWrite = System.nanoTime();
                    everWritten = true;
                }
                String text = RecordingCodec.write(promptFile, snapshot);
                try {
                    AtomicFiles.write(path, text);
                } catch (IOException | UncheckedIOException e) {
                    throw new ModelCallException(ModelCallException.Kind.CONFIGURATION,
                            "cannot write recordings " + path + ": " + e.getMessage()
                                    + " (set " + Keys.RECORDINGS_DIR + " to a writable directory)", 1);
                }
                synchronized (this) {
                    written = Math.max(written, snapshotVersion);
                    deferredFailure = null;
                    writes++;
                }
            }
        }
    }

    /** "#2" before "#10"; otherwise alphabetical. */
    enum NaturalOrder implements Comparator<String> {
        INSTANCE;

        @Override
        public int compare(String a, String b) {
            int i = 0;
            int j = 0;
            while (i < a.length() && j < b.length()) {
                char ca = a.charAt(i);
                char cb = b.charAt(j);
                if (Character.isDigit(ca) && Character.isDigit(cb)) {
                    int si = i;
                    int sj = j;
                    while (i < a.length() && Character.isDigit(a.charAt(i))) {
                        i++;
                    }
                    while (j < b.length() && Character.isDigit(b.charAt(j))) {
                        j++;
                    }
                    int c = new java.math.BigInteger(a.substring(si, i)).compareTo(new java.math.BigInteger(b.substring(sj, j)));
                    if (c != 0) {
                        return c;
                    }
                } else {
                    if (ca != cb) {
                        return Character.compare(ca, cb);
                    }
                    i++;
                    j++;
                }
            }
            return Integer.compare(a.length() - i, b.length() - j);
        }
    }
}
