package dev.promptspec.report;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import dev.promptspec.baseline.CaseChange;
import dev.promptspec.baseline.ComparisonSummary;
import dev.promptspec.config.PriceTable;
import dev.promptspec.config.Shard;
import dev.promptspec.internal.util.Json;
import dev.promptspec.model.ModelResponse;
import dev.promptspec.model.TokenUsage;
import dev.promptspec.model.cost.RunUsage;
import dev.promptspec.run.BatchSummary;
import dev.promptspec.run.CaseResult;
import dev.promptspec.run.SampleSet;
import dev.promptspec.sampling.PassRate;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apiguardian.api.API;

/**
 * Every test of one run as it was reported, kept in constant memory: each case's full record (response, verdicts) goes
 * to a spool file as it is reported and only counters stay in memory, so a run of 100,000 cases needs no more heap
 * than one of 100. {@link ReportWriter} assembles the reports from it at the end; {@link #close()} deletes the spool.
 * Thread-safe: cases are reported from several threads at once.
 */
@API(status = EXPERIMENTAL, since = "0.1")
public final class RunReport implements AutoCloseable {

    /** The Markdown summary details at most this many tests that did not pass. */
    static final int MAX_DETAILED = 50;

    private final Instant startedAt;
    private final PriceTable prices;
    private final Map<String, FileTally> files = new LinkedHashMap<>();
    private final List<InvalidFile> invalidFiles = new ArrayList<>();
    private final Map<CaseOutcome.Status, Long> byStatus = new EnumMap<>(CaseOutcome.Status.class);
    private final Map<ModelResponse.Origin, Long> byOrigin = new EnumMap<>(ModelResponse.Origin.class);
    private final List<String> notPassedDetails = new ArrayList<>();
    private final List<String> flakyDetails = new ArrayList<>();
    private long sampledCases;
    private long samplesDrawn;
    private long samplesAllowed;
    private long flakyCases;
    private long inconclusiveCases;
    private TokenUsage usage = TokenUsage.UNKNOWN;
    private RunUsage runUsage;
    private ComparisonSummary baseline;
    private Shard shard;
    private String suite;
    private BatchSummary batch;
    private MutationSection.Tally mutation;
    private final List<String> mutationLines = new ArrayList<>();
    private long mutationCasesWithLines;
    private Path spool;
    private FileChannel spoolChannel;
    private long spoolSize;

    /** What the report keeps of one prompt file: where its cases' records are and how they ended. */
    static final class FileTally {
        final List<long[]> records = new ArrayList<>();
        final Map<CaseOutcome.Status, Integer> statuses = new EnumMap<>(CaseOutcome.Status.class);

        int count(CaseOutcome.Status s) {
            return statuses.getOrDefault(s, 0);
        }
    }

    /** A report that estimates no cost (no prices). */
    public RunReport(Instant startedAt) {
        this(startedAt, PriceTable.empty());
    }

    /** A report whose case records say what each case cost, priced with {@code prices}. */
    public RunReport(Instant startedAt, PriceTable prices) {
        this.startedAt = startedAt;
        this.prices = prices;
    }

    /** Records one case: its full record to the spool, its counts in memory. */
    public void add(CaseOutcome outcome) {
        add(outcome, null);
    }

    /** Records one case and how it changed since the baseline (null: no baseline, or no verdict to compare). */
    public void add(CaseOutcome outcome, CaseChange change) {
        // Rendered before taking the lock: cases end on several threads at once, and only the write is shared.
        byte[] record = JsonReport.caseRecordBytes(outcome, prices, change);
        HtmlReport.PageRecord page = HtmlReport.pageRecord(outcome, prices, change);
        String file = outcome.result().promptFile();
        boolean flaky = outcome.result().sampling() != null && outcome.result().sampling().flaky();
        // The summary's lines are made from the record, as a merged report's are from its records.
        JsonNode node = flaky || outcome.status() != CaseOutcome.Status.PASSED && notPassedDetailsWanted() ? parse(record) : null;
        String detail = node != null && outcome.status() != CaseOutcome.Status.PASSED ? MarkdownSummary.detail(file, node) : null;
        String mutationLine = outcome.mutation() != null ? MutationSection.caseLine(outcome) : null;
        add(outcome, record, page, detail, flaky ? MarkdownSummary.flaky(file, node) : null);
        if (mutationLine != null) {
            addMutation(outcome, mutationLine);
        }
    }

    private static JsonNode parse(byte[] record) {
        try {
            return Json.MAPPER.readTree(record);
        } catch (IOException e) {
            throw new UncheckedIOException("a case record PromptSpec wrote is not JSON (a bug)", e);
        }
    }

    private synchronized boolean notPassedDetailsWanted() {
        return notPassedDetails.size() < MAX_DETAILED;
    }

    private synchronized void add(CaseOutcome outcome, byte[] record, HtmlReport.PageRecord page, String detail, String flakyLine) {
        try {
            if (spoolChannel == null) {
                spool = Files.createTempFile("promptspec-report-", ".jsonl");
                spool.toFile().deleteOnExit();
                spoolChannel = FileChannel.open(spool, StandardOpenOption.WRITE, StandardOpenOption.READ);
            }
            ByteBuffer buffer = ByteBuffer.wrap(record);
            while (buffer.hasRemaining()) {
                spoolChannel.write(buffer, spoolSize + buffer.position());
            }
            buffer = ByteBuffer.wrap(page.bytes());
            while (buffer.hasRemaining()) {
                spoolChannel.write(buffer, spoolSize + record.length + buffer.position());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot spool the report of " + outcome.displayName(), e);
        }
        FileTally tally = files.computeIfAbsent(outcome.result().promptFile(), f -> new FileTally());
        // the JSON record, then the page's right after it
        tally.records.add(new long[] {spoolSize, record.length, page.bytes().length, page.fileIndexAt()});
        spoolSize += record.length + page.bytes().length;
        tally.statuses.merge(outcome.status(), 1, Integer::sum);
        byStatus.merge(outcome.status(), 1L, Long::sum);
        SampleSet sampling = outcome.result().sampling();
        // A sampled case's every sample was answered (and billed, or replayed): count each, not only the one shown.
        List<CaseResult> answered = sampling == null ? List.of(outcome.result()) : sampling.samples();
        for (CaseResult r : answered) {
            ModelResponse response = r.response();
            if (response != null) {
                byOrigin.merge(response.origin(), 1L, Long::sum);
                usage = usage.plus(response.usage());
            }
        }
        if (sampling != null) {
            sampledCases++;
            samplesDrawn += sampling.samples().size();
            // What drawing every sample would have cost; a case stopped by an error saved nothing.
            samplesAllowed += sampling.rate().outcome() == PassRate.Outcome.UNDECIDED ? sampling.samples().size()
                    : sampling.rate().plan().samples();
            inconclusiveCases += sampling.rate().outcome() == PassRate.Outcome.INCONCLUSIVE ? 1 : 0;
            if (sampling.flaky()) {
                flakyCases++;
                if (flakyDetails.size() < MAX_DETAILED) {
                    flakyDetails.add(flakyLine);
                }
            }
        }
        if (detail != null && notPassedDetails.size() < MAX_DETAILED) {
            notPassedDetails.add(detail);
        }
    }

    private synchronized void addMutation(CaseOutcome outcome, String line) {
        if (mutation == null) {
            throw new IllegalStateException("a mutated case was reported to a run that is not mutation testing: call mutationTesting first");
        }
        mutation.add(outcome.result().promptFile(), outcome.mutation());
        mutationCasesWithLines++;
        if (mutationLines.size() < MAX_DETAILED) {
            mutationLines.add(line);
        }
    }

    /** The run is mutation testing ({@code mutate} mode): the reports get its sections, with this threshold. */
    public synchronized void mutationTesting(double threshold) {
        this.mutation = new MutationSection.Tally(threshold);
    }

    synchronized java.util.Optional<MutationSection.Tally> mutation() {
        return java.util.Optional.ofNullable(mutation);
    }

    /** The Markdown summary's line of the first {@value #MAX_DETAILED} mutated cases, and how many there are. */
    synchronized String mutationMarkdown() {
        return MutationSection.markdown(mutation, List.copyOf(mutationLines), mutationCasesWithLines);
    }

    /** A file reported as one errored test because it cannot run. */
    public synchronized void add(InvalidFile file) {
        invalidFiles.add(file);
    }

    /** What the run's calls used, known once every case ended: calls, retries, waiting, cost. */
    public synchronized void runUsage(RunUsage usage) {
        this.runUsage = usage;
    }

    /** The comparison with the baseline, known once every case ended. */
    public synchronized void baseline(ComparisonSummary summary) {
        this.baseline = summary;
    }

    synchronized java.util.Optional<ComparisonSummary> baseline() {
        return java.util.Optional.ofNullable(baseline);
    }

    /**
     * This run is one shard of a suite.
     *
     * @param suite the suite's fingerprint ({@link SuiteFingerprint}): the same in every shard of one suite
     */
    public synchronized void shard(Shard shard, String suite) {
        this.shard = shard;
        this.suite = suite;
    }

    synchronized java.util.Optional<Shard> shard() {
        return java.util.Optional.ofNullable(shard);
    }

    synchronized String suite() {
        return suite;
    }

    /** What the run's batch step did (batch mode only). */
    public synchronized void batch(BatchSummary summary) {
        this.batch = summary;
    }

    synchronized java.util.Optional<BatchSummary> batch() {
        return java.util.Optional.ofNullable(batch);
    }

    synchronized java.util.Optional<RunUsage> runUsage() {
        return java.util.Optional.ofNullable(runUsage).filter(u -> u.calls() > 0);
    }

    public Instant startedAt() {
        return startedAt;
    }

    public synchronized boolean isEmpty() {
        return files.isEmpty() && invalidFiles.isEmpty();
    }

    /** Every reported test: the cases, and one per invalid file (as JUnit and Surefire count them). */
    public synchronized long tests() {
        return cases() + invalidFiles.size();
    }

    /** Tests that ended in an error: errored cases and invalid files. */
    public synchronized long errors() {
        return count(CaseOutcome.Status.ERROR) + invalidFiles.size();
    }

    /** Cases reported with {@code status} (invalid files are not cases: see {@link #errors()}). */
    public synchronized long count(CaseOutcome.Status status) {
        return byStatus.getOrDefault(status, 0L);
    }

    /** Cases whose response came from {@code origin}. */
    public synchronized long count(ModelResponse.Origin origin) {
        return byOrigin.getOrDefault(origin, 0L);
    }

    /** Tokens of every response, replayed ones included (what a live run would have used). */
    public synchronized TokenUsage usage() {
        return usage;
    }

    synchronized long cases() {
        return byStatus.values().stream().mapToLong(Long::longValue).sum();
    }

    synchronized List<InvalidFile> invalidFiles() {
        return List.copyOf(invalidFiles);
    }

    /** Prompt files with reported cases, in first-reported order. */
    synchronized Map<String, FileTally> files() {
        return new LinkedHashMap<>(files);
    }

    /** The Markdown details of the first {@value #MAX_DETAILED} cases that did not pass. */
    synchronized List<String> notPassedDetails() {
        return List.copyOf(notPassedDetails);
    }

    /** Cases judged on several samples. */
    public synchronized long sampledCases() {
        return sampledCases;
    }

    /** Samples drawn by sampled cases, all together. */
    public synchronized long samplesDrawn() {
        return samplesDrawn;
    }

    /** Samples sampled cases could have drawn ({@code samples} of each): what drawing every sample would cost. */
    public synchronized long samplesAllowed() {
        return samplesAllowed;
    }

    /** Sampled cases whose samples disagreed. */
    public synchronized long flakyCases() {
        return flakyCases;
    }

    /** Sampled cases whose verdict was inconclusive. */
    public synchronized long inconclusiveCases() {
        return inconclusiveCases;
    }

    /** The Markdown lines of the first {@value #MAX_DETAILED} flaky cases. */
    synchronized List<String> flakyDetails() {
        return List.copyOf(flakyDetails);
    }

    /** One case's spooled record, as {@link JsonReport#caseRecordBytes} wrote it. */
    byte[] record(long[] where) {
        return read(where[0], (int) where[1]);
    }

    /**
     * Writes the page's records of the {@code fileIndex}-th file of the JSON report (those of {@link #files}, in their
     * order; an invalid file has none), each with its file's index put in (see {@link HtmlReport.PageRecord}).
     *
     * @return how many
     */
    int writePageRecords(int fileIndex, JsonGenerator cases, RawRecords file) throws IOException {
        List<FileTally> tallies = List.copyOf(files().values());
        if (fileIndex >= tallies.size()) {
            return 0;
        }
        List<long[]> records = tallies.get(fileIndex).records;
        byte[] index = (",\"fileIndex\":" + fileIndex).getBytes(StandardCharsets.US_ASCII);
        for (long[] where : records) {
            byte[] page = read(where[0] + where[1], (int) where[2]);
            int at = (int) where[3];
            file.value(cases, page, 0, at);
            file.append(index, 0, index.length);
            file.append(page, at, page.length);
        }
        return records.size();
    }

    private synchronized byte[] read(long offset, int length) {
        ByteBuffer buffer = ByteBuffer.allocate(length);
        try {
            while (buffer.hasRemaining()) {
                if (spoolChannel.read(buffer, offset + buffer.position()) < 0) {
                    throw new IOException("the report spool ended early");
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the report spool " + spool, e);
        }
        return buffer.array();
    }

    /** Where the cases' records are kept until the report is written; empty before the first case. */
    synchronized java.util.Optional<Path> spoolFile() {
        return java.util.Optional.ofNullable(spool);
    }

    /** Deletes the spool: the reports hold everything it had. */
    @Override
    public synchronized void close() {
        if (spoolChannel == null) {
            return;
        }
        try {
            spoolChannel.close();
            Files.deleteIfExists(spool);
        } catch (IOException e) {
            // a temporary file in the temporary folder; deleteOnExit tries again
        } finally {
            spoolChannel = null;
        }
    }
}
