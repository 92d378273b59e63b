package dev.promptspec.internal.model.openai.batch;

import static org.apiguardian.api.API.Status.INTERNAL;

import com.fasterxml.jackson.databind.JsonNode;
import dev.promptspec.config.BatchSettings;
import dev.promptspec.config.Keys;
import dev.promptspec.config.OpenAiEndpoint;
import dev.promptspec.internal.model.openai.OpenAiWire;
import dev.promptspec.internal.util.Durations;
import dev.promptspec.internal.util.Json;
import dev.promptspec.model.ModelCallException;
import dev.promptspec.model.ModelRequest;
import dev.promptspec.model.ModelResponse;
import dev.promptspec.model.Redactor;
import dev.promptspec.model.Timing;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import org.apiguardian.api.API;

/**
 * Sends requests through an OpenAI-compatible Batch API and waits for their answers: the JSONL files (split by the
 * provider's limits on request count and size), the jobs, polling with backoff and a progress line, the output and
 * error files read back, and the uploaded files deleted. Each line carries the body a live call would send
 * ({@link OpenAiWire}); its {@code custom_id} is the caller's, unique per request. Jobs are saved as soon as they
 * are created ({@link BatchState}), so a run that stops while waiting resumes on them.
 */
@API(status = INTERNAL, since = "0.1")
public final class BatchJobs implements AutoCloseable {

    /** One call to make: {@code customId} names it in the files, without ambiguity. */
    public record Request(String customId, ModelRequest request) {
    }

    /**
     * What came back for one request: its answer, or why there is none.
     *
     * @param jobId the job that carried it (null when it was never submitted)
     */
    public record Result(ModelResponse response, String failure, String jobId) {
        public boolean answered() {
            return response != null;
        }
    }

    /** A job of the run, as the report shows it. */
    public record JobReport(String id, String status, int requests, int failed) {
    }

    /**
     * The provider's limits and the polling pace.
     *
     * @param maxRequests requests in one file (OpenAI: 50,000)
     * @param maxBytes    bytes of one file (OpenAI: 200 MB)
     * @param firstPoll   wait before the first look at a job; doubles up to {@code maxPoll}
     */
    public record Limits(int maxRequests, long maxBytes, Duration firstPoll, Duration maxPoll) {
        public static final Limits OPENAI = new Limits(50_000, 200L * 1000 * 1000, Duration.ofSeconds(2), Duration.ofSeconds(30));
    }

    private final BatchApi api;
    private final OpenAiWire wire;
    private final BatchSettings settings;
    private final Timing timing;
    private final BooleanSupplier cancelled;
    private final BatchState state;
    private final BatchProgress progress;
    private final Limits limits;
    private final Redactor redactor;
    private final List<JobReport> reports = new ArrayList<>();
    /** Jobs whose answers this run has read: a follow-up batch of the run sends their failed requests anew. */
    private final Set<String> read = new LinkedHashSet<>();
    private int filesUploaded;

    /**
     * @param stateFile where the run's job ids are kept between runs
     * @param progress  where the progress line goes, or null for none
     */
    public BatchJobs(OpenAiEndpoint endpoint, BatchSettings settings, Duration httpTimeout, Timing timing, BooleanSupplier cancelled,
            Path stateFile, PrintStream progress, Redactor redactor, Limits limits) {
        this.api = new BatchApi(endpoint, httpTimeout, redactor);
        this.wire = new OpenAiWire(endpoint, redactor);
        this.settings = settings;
        this.timing = timing;
        this.cancelled = cancelled;
        this.state = BatchState.load(stateFile, endpoint.baseUrl().toString());
        this.progress = new BatchProgress(progress);
        this.limits = limits;
        this.redactor = redactor;
    }

    /**
     * Submits the requests that no saved job already carries, waits for every job that carries one, and returns a
     * result for each request (answered or failed, never missing).
     *
     * @throws IllegalStateException when {@link BatchSettings#maxWait()} passes or the run is cancelled first: the message
     *                               names the jobs, which the next run resumes
     */
    public Map<String, Result> run(List<Request> requests) {
        Map<String, ModelRequest> byId = new LinkedHashMap<>();
        requests.forEach(r -> byId.put(r.customId(), r.request()));
        Map<String, Result> results = new LinkedHashMap<>();
        Map<String, Set<String>> jobs = new LinkedHashMap<>();
        Set<String> covered = new LinkedHashSet<>();
        for (BatchState.SavedJob saved : state.jobs()) {
            if (!read.contains(saved.id()) && saved.customIds().stream().anyMatch(byId::containsKey)) {
                jobs.put(saved.id(), saved.customIds());
                covered.addAll(saved.customIds());
            }
        }
        List<Request> fresh = requests.stream().filter(r -> !covered.contains(r.customId())).toList();
        submit(fresh, jobs, results);
        await(jobs, byId, results);
        return results;
    }

    /** Every job this run waited on, resumed ones included, as the report shows them. */
    public List<JobReport> jobs() {
        return List.copyOf(reports);
    }

    /** Forgets the saved jobs: their answers are kept now, and a later run must not wait on them again. */
    public void finished() {
        state.clear();
    }

    private void submit(List<Request> fresh, Map<String, Set<String>> jobs, Map<String, Result> results) {
        List<byte[]> lines = new ArrayList<>();
        List<String> ids = new ArrayList<>();
        long bytes = 0;
        for (Request r : fresh) {
            byte[] line = line(r);
            if (line.length > limits.maxBytes()) {
                results.put(r.customId(), new Result(null, "the request is larger than a batch file may be (" + line.length
                        + " bytes, at most " + limits.maxBytes() + ")", null));
                continue;
            }
            if (!lines.isEmpty() && (lines.size() == limits.maxRequests() || bytes + line.length > limits.maxBytes())) {
                submitFile(lines, ids, jobs, results);
                lines = new ArrayList<>();
                ids = new ArrayList<>();
                bytes = 0;
            }
            lines.add(line);
            ids.add(r.customId());
            bytes += line.length;
        }
        if (!lines.isEmpty()) {
            submitFile(lines, ids, jobs, results);
        }
    }

    /**
     * One line of the JSONL file: the live call's body under the request's id. The body is the live call's, field for field
     * and value for value; only its layout changes, to fit on one line.
     */
    private byte[] line(Request r) {
        String body;
        try {
            body = Json.MAPPER.readTree(wire.requestBody(r.request())).toString();
        } catch (IOException e) {
            throw new IllegalStateException("the live client's request body is not JSON", e);
        }
        return ("{\"custom_id\":" + Json.MAPPER.getNodeFactory().textNode(r.customId()) + ",\"method\":\"POST\",\"url\":\""
                + BatchApi.CHAT_COMPLETIONS + "\",\"body\":" + body + "}\n").getBytes(StandardCharsets.UTF_8);
    }

    private void submitFile(List<byte[]> lines, List<String> ids, Map<String, Set<String>> jobs, Map<String, Result> results) {
        byte[] file = new byte[lines.stream().mapToInt(l -> l.length).sum()];
        int at = 0;
        for (byte[] l : lines) {
            System.arraycopy(l, 0, file, at, l.length);
            at += l.length;
        }
        try {
            String fileId = api.upload("promptspec-batch-" + (++filesUploaded) + ".jsonl", file);
            BatchApi.Job job = api.create(fileId);
            Set<String> carried = new LinkedHashSet<>(ids);
            state.add(new BatchState.SavedJob(job.id(), fileId, carried));
            jobs.put(job.id(), carried);
        } catch (BatchApi.BatchApiException e) {
            for (String id : ids) {
                results.put(id, new Result(null, "the batch could not be submitted: " + e.getMessage(), null));
            }
        }
    }

    private void await(Map<String, Set<String>> jobs, Map<String, ModelRequest> byId, Map<String, Result> results) {
        Map<String, BatchApi.Job> latest = new LinkedHashMap<>();
        jobs.keySet().forEach(id -> latest.put(id, new BatchApi.Job(id, "submitted", null, null, null, jobs.get(id).size(), 0, 0)));
        Set<String> collected = new LinkedHashSet<>();
        long start = timing.nanoTime();
        Duration interval = limits.firstPoll();
        while (true) {
            for (String id : jobs.keySet()) {
                if (collected.contains(id)) {
                    continue;
                }
                try {
                    BatchApi.Job job = api.get(id);
                    latest.put(id, job);
                    if (job.ended()) {
                        collect(job, jobs.get(id), byId, results);
                        collected.add(id);
                    }
                } catch (BatchApi.BatchApiException e) {
                    if (!e.transientFailure()) {
                        fail(jobs.get(id), byId, results, id, "the job could not be read: " + e.getMessage());
                        int size = jobs.get(id).size();
                        latest.put(id, new BatchApi.Job(id, "unreadable", null, null, null, size, 0, size));
                        reports.add(new JobReport(id, "unreadable", size, size));
                        read.add(id);
                        collected.add(id);
                    }
                }
            }
            Duration waited = Duration.ofNanos(timing.nanoTime() - start);
            progress.update(latest.values(), waited, timing.nanoTime());
            if (collected.size() == jobs.size()) {
                progress.finish(latest.values(), waited);
                return;
            }
            Duration left = settings.maxWait().minus(waited);
            if (left.isNegative() || left.isZero()) {
                progress.finish(latest.values(), waited);
                throw stillRunning(jobs.keySet(), collected, "waited " + Durations.words(waited) + ", the most "
                        + Keys.BATCH_MAX_WAIT + "=" + Durations.words(settings.maxWait()) + " allows");
            }
            if (!timing.sleepUnlessCancelled(interval.compareTo(left) < 0 ? interval : left, cancelled)) {
                progress.finish(latest.values(), waited);
                throw stillRunning(jobs.keySet(), collected, "the run was cancelled while it waited");
            }
            interval = interval.multipliedBy(2).compareTo(limits.maxPoll()) > 0 ? limits.maxPoll() : interval.multipliedBy(2);
        }
    }

    private IllegalStateException stillRunning(Set<String> jobs, Set<String> collected, String why) {
        String open = jobs.stream().filter(id -> !collected.contains(id)).collect(Collectors.joining(", "));
        return new IllegalStateException("PromptSpec batch jobs still running (" + why + "): " + open + ". Nothing is lost: "
                + "their ids are saved in " + state.file() + ", and the next run of the same tests with " + Keys.BATCH
                + "=true resumes waiting on them instead of submitting again (raise " + Keys.BATCH_MAX_WAIT + " to wait longer)");
    }

    /** Reads the job's output and error files into results, fails what neither holds, and deletes the input file. */
    private void collect(BatchApi.Job job, Set<String> carried, Map<String, ModelRequest> byId, Map<String, Result> results) {
        Set<String> seen = new LinkedHashSet<>();
        try {
            if (job.outputFileId() != null) {
                readLines(api.content(job.outputFileId()), job, byId, results, seen);
            }
            if (job.errorFileId() != null) {
                readLines(api.content(job.errorFileId()), job, byId, results, seen);
            }
        } catch (BatchApi.BatchApiException e) {
            fail(carried, byId, results, job.id(), "its answers could not be read: " + e.getMessage());
        }
        Set<String> missing = new LinkedHashSet<>(carried);
        missing.removeAll(seen);
        fail(missing, byId, results, job.id(), switch (job.status()) {
            case "expired" -> "the job expired (24-hour window) before this request ran";
            case "cancelled" -> "the job was cancelled before this request ran";
            case "failed" -> "the job failed (the provider refused its file) before this request ran";
            default -> "the job ended '" + job.status() + "' without an answer for this request";
        });
        int failed = (int) carried.stream().filter(id -> results.containsKey(id) && !results.get(id).answered()).count();
        reports.add(new JobReport(job.id(), job.status(), carried.size(), failed));
        read.add(job.id());
        if (settings.deleteFiles() && job.inputFileId() != null) {
            try {
                api.delete(job.inputFileId());
            } catch (BatchApi.BatchApiException e) {
                // cleanup only: the answers are in; the provider deletes batch files after 30 days at the latest
            }
        }
    }

    private void readLines(String jsonl, BatchApi.Job job, Map<String, ModelRequest> byId, Map<String, Result> results, Set<String> seen) {
        for (String text : jsonl.split("\n")) {
            if (text.isBlank()) {
                continue;
            }
            JsonNode line;
            try {
                line = Json.MAPPER.readTree(text);
            } catch (IOException e) {
                continue; // a line that is not JSON names no request; its request ends as missing
            }
            String id = line.path("custom_id").asText(null);
            ModelRequest request = id == null ? null : byId.get(id);
            if (request == null || !seen.add(id)) {
                continue;
            }
            results.put(id, result(line, request, job.id()));
        }
    }

    private Result result(JsonNode line, ModelRequest request, String jobId) {
        JsonNode response = line.path("response");
        int status = response.path("status_code").asInt(0);
        JsonNode error = line.path("error");
        if (status == 200 && (error.isMissingNode() || error.isNull())) {
            try {
                return new Result(wire.response(request, response.path("body").toString()), null, jobId);
            } catch (ModelCallException e) {
                return new Result(null, e.getMessage(), jobId);
            }
        }
        String message = error.path("message").asText(response.path("body").path("error").path("message").asText(""));
        String code = error.path("code").asText(status == 0 ? "error" : "HTTP " + status);
        return new Result(null, redactor.redact(code + (message.isEmpty() ? "" : ": " + message)), jobId);
    }

    private static void fail(Set<String> ids, Map<String, ModelRequest> byId, Map<String, Result> results, String jobId, String why) {
        for (String id : ids) {
            if (byId.containsKey(id) && !results.containsKey(id)) {
                results.put(id, new Result(null, why, jobId));
            }
        }
    }

    @Override
    public void close() {
        api.close();
    }
}
