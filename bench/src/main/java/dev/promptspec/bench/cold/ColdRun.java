package dev.promptspec.bench.cold;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.promptspec.testing.FakeOpenAiServer;
import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import org.apiguardian.api.API;

/**
 * The cold-JVM benchmark: for each scenario, a generated suite run by the JUnit ConsoleLauncher in a fresh JVM with the
 * {@code promptspec} engine, as a build runs it, against an OpenAI-compatible server in this JVM (loopback) with a
 * given latency and fault pattern. Prints one row per scenario: wall time (median and range of the runs), the ideal
 * N·M·L/C where the model's latency bounds the run (M models, 1 unless {@code --models} names several), the fork's CPU
 * time (user + system) and peak RSS, tests passed, failed and hung, the requests the server saw, and the phases of the run (time to the first request, the tail after the
 * last answer). Usage: {@code docs/performance.md}, or {@code ColdRun --help}.
 */
@API(status = INTERNAL, since = "0.1")
public final class ColdRun {

    /**
     * A suite to run and how the model answers it. concurrency 0: the engine's default. models: what each case runs on
     * ({@code promptspec.models}); empty: the generated files' one model.
     */
    record Scenario(String name, int cases, int latencyMs, int concurrency, String mode, boolean faults, String target,
            double targetWallS, double targetRatio, double targetCpuMsPerCase, double targetRssMb, List<String> models) {

        Scenario(String name, int cases, int latencyMs, int concurrency, String mode, boolean faults, String target,
                double targetWallS, double targetRatio, double targetCpuMsPerCase, double targetRssMb) {
            this(name, cases, latencyMs, concurrency, mode, faults, target, targetWallS, targetRatio, targetCpuMsPerCase, targetRssMb,
                    List.of());
        }

        /** The same scenario with each case run on every one of {@code models}. */
        Scenario onModels(List<String> models) {
            return new Scenario(name, cases, latencyMs, concurrency, mode, faults, target, targetWallS, targetRatio,
                    targetCpuMsPerCase, targetRssMb, List.copyOf(models));
        }

        /** The tests the run reports, and the model calls it makes: one per case and model. */
        int tests() {
            return cases * Math.max(1, models.size());
        }

        /** tests·L/C: every test is one call of latency L, C at a time. */
        double idealS() {
            return mode.equals("replay") || latencyMs == 0 ? Double.NaN
                    : (double) tests() * latencyMs / (concurrency > 0 ? concurrency : 8) / 1000.0;
        }
    }

    static final Map<String, Scenario> SCENARIOS = new LinkedHashMap<>();

    static {
        add(new Scenario("throughput", 1000, 200, 16, "live", false, "wall <= ideal x 1.12; CPU <= 3 ms/case", Double.NaN, 1.12, 3, Double.NaN));
        add(new Scenario("live-1", 1, 0, 0, "live", false, "wall <= 1.4 s", 1.4, Double.NaN, Double.NaN, Double.NaN));
        add(new Scenario("replay-1", 1, 0, 0, "replay", false, "-", Double.NaN, Double.NaN, Double.NaN, Double.NaN));
        add(new Scenario("replay-1k", 1000, 0, 0, "replay", false, "RSS slope (see 10k)", Double.NaN, Double.NaN, Double.NaN, Double.NaN));
        add(new Scenario("replay-5k", 5000, 0, 0, "replay", false, "RSS slope (see 10k)", Double.NaN, Double.NaN, Double.NaN, Double.NaN));
        add(new Scenario("replay-10k", 10000, 0, 0, "replay", false, "wall <= 4 s; RSS <= 300 MB", 4, Double.NaN, Double.NaN, 300));
        add(new Scenario("faults", 1000, 200, 16, "live", true, "all pass, none hung", Double.NaN, Double.NaN, Double.NaN, Double.NaN));
    }

    /** The key the scenarios' models go to the fork under. */
    static final String MODELS_KEY = "promptspec.models";

    /** {@code --models gpt-4o-mini,gpt-4.1-mini}: the ids, blanks around them dropped, none empty. */
    static List<String> modelList(String value) {
        List<String> models = List.of(value.split(",", -1)).stream().map(String::strip).toList();
        if (models.contains("")) {
            throw new IllegalArgumentException("--models needs model ids separated by commas, e.g. gpt-4o-mini,gpt-4.1-mini; got '"
                    + value + "'");
        }
        return models;
    }

    private static void add(Scenario s) {
        SCENARIOS.put(s.name(), s);
    }

    private static final String USAGE = """
            Usage: ColdRun [scenario...] [options]
              scenarios: %s, or all (the default)
              --cases N --latency-ms L --concurrency C --mode live|replay [--faults]
                                  a custom scenario ("custom") instead of or besides named ones
              --models M1,M2,...  every scenario runs each case on each of these models (promptspec.models): N x M
                                  tests and calls, ideal N·M·L/C; the warm-up stays on one model
              --runs R            timed runs per scenario (default 3)
              --cases-per-file K  test cases per prompt file (default 100)
              --jfr               record each run with JFR (settings=profile) into its run folder; figures are then not
                                  the product's own
              --histogram         pause each run when all but one test finished and write GC.class_histogram
              --config KEY=VALUE  an extra configuration parameter for every run (repeatable), e.g.
                                  promptspec.retries=5
              --jvm-arg ARG       an extra option for the forked JVM (repeatable); by default there is none, as in a
                                  Surefire fork without argLine
              --java PATH         the forked JVM's java (default: this JVM's)
              --timeout-s S       kill a run after S seconds and count it as hung (default: max(120, 10 x ideal))
              --out DIR           where suites, logs and results go (default bench/target/cold/<time>)
            """;

    public static void main(String[] args) throws Exception {
        List<Scenario> scenarios = new ArrayList<>();
        int runs = 3;
        int perFile = 100;
        boolean jfr = false;
        boolean histogram = false;
        List<String> jvmArgs = new ArrayList<>();
        Map<String, String> extraConfig = new LinkedHashMap<>();
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        int timeout = -1;
        Path out = null;
        Integer cases = null;
        int latency = 0;
        int concurrency = 0;
        String mode = "live";
        boolean faults = false;
        List<String> models = List.of();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            switch (a) {
                case "--runs" -> runs = Integer.parseInt(args[++i]);
                case "--cases-per-file" -> perFile = Integer.parseInt(args[++i]);
                case "--jfr" -> jfr = true;
                case "--histogram" -> histogram = true;
                case "--jvm-arg" -> jvmArgs.add(args[++i]);
                case "--config" -> {
                    String kv = args[++i];
                    int eq = kv.indexOf('=');
                    if (eq <= 0) {
                        throw new IllegalArgumentException("--config needs KEY=VALUE, got " + kv);
                    }
                    if (kv.substring(0, eq).equals(MODELS_KEY)) {
                        throw new IllegalArgumentException("--config " + MODELS_KEY + " changes how many tests a run has;"
                                + " use --models " + kv.substring(eq + 1) + " instead");
                    }
                    extraConfig.put(kv.substring(0, eq), kv.substring(eq + 1));
                }
                case "--models" -> models = modelList(args[++i]);
                case "--java" -> java = Path.of(args[++i]);
                case "--timeout-s" -> timeout = Integer.parseInt(args[++i]);
                case "--out" -> out = Path.of(args[++i]);
                case "--cases" -> cases = Integer.parseInt(args[++i]);
                case "--latency-ms" -> latency = Integer.parseInt(args[++i]);
                case "--concurrency" -> concurrency = Integer.parseInt(args[++i]);
                case "--mode" -> mode = args[++i];
                case "--faults" -> faults = true;
                case "all" -> scenarios.addAll(SCENARIOS.values());
                case "-h", "--help" -> {
                    System.out.print(USAGE.formatted(String.join(", ", SCENARIOS.keySet())));
                    return;
                }
                default -> {
                    Scenario s = SCENARIOS.get(a);
                    if (s == null) {
                        System.err.print("unknown argument " + a + "\n" + USAGE.formatted(String.join(", ", SCENARIOS.keySet())));
                        System.exit(2);
                    }
                    scenarios.add(s);
                }
            }
        }
        if (cases != null) {
            if (!mode.equals("live") && !mode.equals("replay")) {
                throw new IllegalArgumentException("--mode must be live or replay");
            }
            scenarios.add(new Scenario("custom", cases, latency, concurrency, mode, faults, "-", Double.NaN, Double.NaN, Double.NaN, Double.NaN));
        }
        if (scenarios.isEmpty()) {
            scenarios.addAll(SCENARIOS.values());
        }
        if (!models.isEmpty()) {
            List<String> on = models;
            scenarios.replaceAll(s -> s.onModels(on));
        }
        if (out == null) {
            out = Path.of("bench", "target", "cold", LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
        }
        out = out.toAbsolutePath();
        Files.createDirectories(out);
        new ColdRun(out, java, jvmArgs, extraConfig, runs, perFile, jfr, histogram, timeout).runAll(scenarios);
    }

    private final Path out;
    private final Path java;
    private final List<String> jvmArgs;
    private final Map<String, String> extraConfig;
    private final int runs;
    private final int perFile;
    private final boolean jfr;
    private final boolean histogram;
    private final int timeout;
    private final String classPath;
    private final PrintStream log;
    private final List<String> rows = new ArrayList<>();
    private final List<String> csv = new ArrayList<>();

    private ColdRun(Path out, Path java, List<String> jvmArgs, Map<String, String> extraConfig, int runs, int perFile, boolean jfr, boolean histogram, int timeout)
            throws IOException, URISyntaxException {
        this.out = out;
        this.java = java;
        this.jvmArgs = jvmArgs;
        this.extraConfig = extraConfig;
        this.runs = runs;
        this.perFile = perFile;
        this.jfr = jfr;
        this.histogram = histogram;
        this.timeout = timeout;
        this.classPath = forkClassPath() + File.pathSeparator + Fork.probeJar(out);
        this.log = new PrintStream(new TeeOutputStream(System.out, Files.newOutputStream(out.resolve("log.txt"))), true, StandardCharsets.UTF_8);
        csv.add("scenario,run,cases,latency_ms,concurrency,mode,faults,wall_s,user_s,sys_s,cpu_s,peak_rss_mb,exit,hung,found,passed,"
                + "failed,aborted,requests,first_request_ms,last_request_ms,execution_ms,load1_before,load1_after,models");
    }

    /** The fork's class path, written by the build: {@code bench/target/fork-classpath.txt} beside these classes. */
    private static String forkClassPath() throws IOException, URISyntaxException {
        Path classes = Path.of(ColdRun.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        Path file = classes.resolveSibling("fork-classpath.txt");
        if (!Files.isRegularFile(file)) {
            throw new IllegalStateException(file + " is missing: build with ./mvnw -B -q -pl bench -am package -DskipTests");
        }
        return Files.readString(file).trim();
    }

    private void runAll(List<Scenario> scenarios) throws Exception {
        log.println("# PromptSpec cold-JVM benchmark, " + LocalDateTime.now().format(DateTimeFormatter.ISO_LOCAL_DATE_TIME));
        Machine.describe(java).forEach(l -> log.println("# " + l));
        log.println("# forked JVM options: " + (jvmArgs.isEmpty() ? "none (defaults, as a Surefire fork without argLine)" : String.join(" ", jvmArgs))
                + (jfr ? " + JFR" : "") + (histogram ? " + a pause for a heap histogram" : ""));
        if (!extraConfig.isEmpty()) {
            log.println("# extra configuration: " + extraConfig);
        }
        log.println("# results and logs: " + out);
        warmUp();
        for (Scenario s : scenarios) {
            run(s);
        }
        log.println();
        log.println("| scenario | N | L ms | C | mode | runs | wall s median (range) | ideal s | ratio | CPU s median (range) | CPU ms/test"
                + " | CPU s at exit: JIT / GC / ended threads | peak RSS MB median (range) | passed / failed / hung | requests | first request s | tail s | load avg | target |");
        log.println("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|");
        rows.forEach(log::println);
        Files.write(out.resolve("runs.csv"), csv);
        Files.write(out.resolve("results.md"), rows);
    }

    /** One untimed run, so that the first timed run does not read the JDK and the jars from disk. */
    private void warmUp() throws Exception {
        Path dir = out.resolve("warm-up");
        Path project = dir.resolve("project");
        SuiteGenerator.write(project, 10, perFile);
        try (FakeOpenAiServer server = FakeOpenAiServer.start(SuiteGenerator::answer)) {
            Fork.Result r = Fork.run(new Fork.Spec(java, jvmArgs, classPath, project, config("live", 0, List.of(), server), 120, -1,
                    dir.resolve("run")));
            log.printf(Locale.ROOT, "warm-up (10 cases, discarded): wall %.2f s, %d passed%n", r.wallS(), r.passed());
            if (r.passed() != 10) {
                throw new IllegalStateException("the warm-up run failed: see " + r.dir());
            }
        }
    }

    private Map<String, String> config(String mode, int concurrency, List<String> models, FakeOpenAiServer server) {
        Map<String, String> c = new LinkedHashMap<>();
        c.put("promptspec.mode", mode);
        c.put("promptspec.openai.base-url", server.baseUrl());
        if (concurrency > 0) {
            c.put("promptspec.concurrency", String.valueOf(concurrency));
        }
        if (!models.isEmpty()) {
            c.put(MODELS_KEY, String.join(",", models));
        }
        c.putAll(extraConfig);
        return c;
    }

    private void run(Scenario s) throws Exception {
        Path dir = out.resolve(s.name());
        Path project = dir.resolve("project");
        int files = SuiteGenerator.write(project, s.cases(), perFile);
        log.printf(Locale.ROOT, "%n## %s: %d cases in %d files%s, L = %d ms, C = %s, mode %s%s%n", s.name(), s.cases(), files,
                s.models().isEmpty() ? "" : " on " + s.models().size() + " models (" + String.join(", ", s.models()) + "): " + s.tests() + " tests",
                s.latencyMs(),
                s.concurrency() > 0 ? s.concurrency() : "default (8)", s.mode(), s.faults() ? ", faults (429 every 5th call, 500 every 7th, HTML every 11th)" : "");
        if (s.mode().equals("replay")) {
            record(s, project, dir);
        }
        int limit = timeout > 0 ? timeout : (int) Math.max(120, Double.isNaN(s.idealS()) ? 0 : 10 * s.idealS());
        List<Fork.Result> results = new ArrayList<>();
        List<Integer> requests = new ArrayList<>();
        List<Double> firstRequest = new ArrayList<>();
        List<Double> tail = new ArrayList<>();
        List<Double> loads = new ArrayList<>();
        for (int i = 1; i <= runs; i++) {
            AtomicLong calls = new AtomicLong();
            double load0 = Machine.load1();
            Fork.Result r;
            List<Long> arrivals;
            long started;
            try (FakeOpenAiServer server = FakeOpenAiServer.start(responder(s, calls))) {
                List<String> args = new ArrayList<>(jvmArgs);
                Path runDir = dir.resolve("run-" + i);
                if (jfr) {
                    Files.createDirectories(runDir);
                    // profile settings, with Java stacks sampled every 2 ms instead of 10 (a cold run is short)
                    args.add("-XX:StartFlightRecording=filename=" + runDir.resolve("run.jfr")
                            + ",settings=profile,dumponexit=true,jdk.ExecutionSample#period=2ms");
                }
                started = System.nanoTime();
                r = Fork.run(new Fork.Spec(java, args, classPath, project, config(s.mode(), s.concurrency(), s.models(), server),
                        limit, histogram ? Math.max(1, s.tests() - 1) : -1, runDir));
                arrivals = server.arrivalTimesNanos().stream().sorted().toList();
                if (!arrivals.isEmpty()) {
                    // each request's arrival at the server, in ms since the fork started: where a run's pace slackens
                    Files.createDirectories(runDir);
                    long t0 = started;
                    Files.write(runDir.resolve("arrivals.txt"), arrivals.stream()
                            .map(a -> String.format(Locale.ROOT, "%.3f", (a - t0) / 1e6)).toList());
                }
            }
            double load1 = Machine.load1();
            loads.add(load1);
            // requests relative to 'started', taken just before Fork.run starts the process (well under a millisecond apart)
            double first = arrivals.isEmpty() ? Double.NaN : (arrivals.get(0) - started) / 1e6;
            double last = arrivals.isEmpty() ? Double.NaN : (arrivals.get(arrivals.size() - 1) - started) / 1e6;
            double lastAnswer = last + s.latencyMs();
            double tailMs = Double.isNaN(last) ? Double.NaN : r.wallS() * 1000 - lastAnswer;
            results.add(r);
            requests.add(arrivals.size());
            firstRequest.add(first / 1000);
            tail.add(tailMs / 1000);
            log.printf(Locale.ROOT, "run %d: wall %.2f s, CPU %.2f s (user %.2f, sys %.2f), peak RSS %d MB, %s, exit %d, %d requests%s; load %.2f -> %.2f%n",
                    i, r.wallS(), r.cpuS(), r.userS(), r.sysS(), r.peakRssKb() / 1024, outcome(r, s.tests()), r.exitCode(), arrivals.size(),
                    r.hung() ? " HUNG (threads dumped to " + r.dir().resolve("threads-at-timeout.txt") + ")" : "", load0, load1);
            log.println("       phases (ms since fork): " + phases(r, first, last, s.latencyMs()));
            if (!r.threadCpuS().isEmpty()) {
                log.println("       CPU s by thread at exit: " + r.threadCpuS().entrySet().stream()
                        .map(e -> e.getKey() + " " + String.format(Locale.ROOT, "%.2f", e.getValue())).collect(Collectors.joining(", ")));
            }
            csv.add(String.join(",", s.name(), String.valueOf(i), String.valueOf(s.cases()), String.valueOf(s.latencyMs()),
                    String.valueOf(s.concurrency()), s.mode(), String.valueOf(s.faults()), f3(r.wallS()), f3(r.userS()), f3(r.sysS()),
                    f3(r.cpuS()), String.valueOf(r.peakRssKb() / 1024), String.valueOf(r.exitCode()), String.valueOf(r.hung()),
                    String.valueOf(r.summary().found()), String.valueOf(r.summary().successful()), String.valueOf(r.summary().failed()),
                    String.valueOf(r.summary().aborted()), String.valueOf(arrivals.size()), f3(first), f3(last),
                    String.valueOf(r.summary().executionMs()), f3(load0), f3(load1), String.join(" ", s.models())));
        }
        rows.add(row(s, results, requests, firstRequest, tail, loads));
        log.println(rows.get(rows.size() - 1));
    }

    /** Writes the suite's recordings by running it once in record mode against the server (no latency). */
    private void record(Scenario s, Path project, Path dir) throws Exception {
        try (FakeOpenAiServer server = FakeOpenAiServer.start(SuiteGenerator::answer)) {
            Fork.Result r = Fork.run(new Fork.Spec(java, jvmArgs, classPath, project, config("record", 8, s.models(), server),
                    Math.max(120, s.tests() / 10), -1, dir.resolve("record")));
            log.printf(Locale.ROOT, "recorded (mode record, C = 8, L = 0, not timed as a scenario): wall %.2f s, CPU %.2f s, peak RSS %d MB, %s%n",
                    r.wallS(), r.cpuS(), r.peakRssKb() / 1024, outcome(r, s.tests()));
            if (r.passed() != s.tests()) {
                throw new IllegalStateException("recording the suite failed: see " + r.dir());
            }
        }
    }

    /** The scenario's server: answers after its latency; with faults, by the global count of calls. */
    private static FakeOpenAiServer.Responder responder(Scenario s, AtomicLong calls) {
        return r -> {
            long n = calls.incrementAndGet();
            if (s.latencyMs() > 0) {
                try {
                    Thread.sleep(s.latencyMs());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            if (s.faults()) {
                if (n % 5 == 0) {
                    return new FakeOpenAiServer.Status(429, "{\"error\":{\"message\":\"Rate limit reached for gpt-4o-mini in organization"
                            + " org-bench on requests per min (RPM): Limit 500, Used 500, Requested 1.\",\"type\":\"requests\","
                            + "\"code\":\"rate_limit_exceeded\"}}", Map.of("Retry-After", "0"), Duration.ZERO);
                }
                if (n % 7 == 0) {
                    return new FakeOpenAiServer.Status(500, "{\"error\":{\"message\":\"The server had an error while processing your"
                            + " request. Sorry about that!\",\"type\":\"server_error\"}}");
                }
                if (n % 11 == 0) {
                    return new FakeOpenAiServer.Garbage("<!DOCTYPE html>\n<html><head><title>502 Bad Gateway</title></head><body>"
                            + "<center><h1>502 Bad Gateway</h1></center><hr><center>cloudflare</center></body></html>\n");
                }
            }
            return SuiteGenerator.answer(r);
        };
    }

    private static String outcome(Fork.Result r, int cases) {
        if (r.hung()) {
            return "HUNG";
        }
        Fork.Summary s = r.summary();
        if (s.found() < 0) {
            return "no summary (see " + r.dir().resolve("stdout.txt") + ")";
        }
        return s.successful() + "/" + cases + " passed" + (s.failed() > 0 ? ", " + s.failed() + " failed" : "")
                + (s.aborted() > 0 ? ", " + s.aborted() + " aborted" : "") + (s.found() != cases ? ", " + s.found() + " found" : "");
    }

    private static String phases(Fork.Result r, double firstRequestMs, double lastRequestMs, int latencyMs) {
        Map<String, Double> p = new LinkedHashMap<>(r.phasesMs());
        if (!Double.isNaN(firstRequestMs)) {
            p.put("first-request", firstRequestMs);
            p.put("last-request", lastRequestMs);
            p.put("last-answer", lastRequestMs + latencyMs);
        }
        p.put("exit", r.wallS() * 1000);
        return p.entrySet().stream().sorted(Map.Entry.comparingByValue())
                .map(e -> e.getKey() + " " + String.format(Locale.ROOT, "%.0f", e.getValue())).collect(Collectors.joining(", "));
    }

    private String row(Scenario s, List<Fork.Result> rs, List<Integer> requests, List<Double> first, List<Double> tail, List<Double> loads) {
        List<Double> wall = rs.stream().map(Fork.Result::wallS).toList();
        List<Double> cpu = rs.stream().map(Fork.Result::cpuS).toList();
        List<Double> rss = rs.stream().map(r -> r.peakRssKb() / 1024.0).toList();
        int passed = rs.stream().mapToInt(Fork.Result::passed).min().orElse(0);
        int failed = rs.stream().mapToInt(r -> r.notPassed(s.tests())).max().orElse(0);
        long hung = rs.stream().filter(Fork.Result::hung).count();
        double ideal = s.idealS();
        double ratio = median(wall) / ideal;
        double cpuPerCase = median(cpu) * 1000 / s.tests();
        return String.join(" | ", "| " + s.name(), String.valueOf(s.cases()), String.valueOf(s.latencyMs()),
                s.concurrency() > 0 ? String.valueOf(s.concurrency()) : "8 (default)", s.mode() + (s.faults() ? " + faults" : "")
                        + (s.models().isEmpty() ? "" : " on " + s.models().size() + " models"),
                String.valueOf(rs.size()), medRange(wall, "%.2f"), Double.isNaN(ideal) ? "-" : String.format(Locale.ROOT, "%.1f", ideal),
                Double.isNaN(ratio) ? "-" : String.format(Locale.ROOT, "%.2f", ratio), medRange(cpu, "%.2f"),
                String.format(Locale.ROOT, "%.2f", cpuPerCase), threadKinds(rs), medRange(rss, "%.0f"),
                "min " + passed + " / max " + failed + " / " + hung, requests.stream().map(String::valueOf).collect(Collectors.joining(", ")),
                first.stream().allMatch(d -> d.isNaN()) ? "-" : medRange(first, "%.2f"),
                tail.stream().allMatch(d -> d.isNaN()) ? "-" : medRange(tail, "%.2f"), medRange(loads, "%.1f"),
                s.target() + verdict(s, median(wall), ratio, cpuPerCase, median(rss), failed, hung) + " |");
    }

    /** Medians of the CPU the JIT compilers, the GC threads and the threads that ended before exit used. */
    private static String threadKinds(List<Fork.Result> rs) {
        return List.of("jit", "gc", "ended-threads").stream()
                .map(k -> rs.stream().map(r -> r.threadCpuS().getOrDefault(k, Double.NaN)).toList())
                .map(v -> String.format(Locale.ROOT, "%.2f", median(v))).collect(Collectors.joining(" / "));
    }

    private static String verdict(Scenario s, double wall, double ratio, double cpuPerCase, double rssMb, int failed, long hung) {
        List<String> misses = new ArrayList<>();
        if (!Double.isNaN(s.targetWallS()) && wall > s.targetWallS()) {
            misses.add("wall");
        }
        if (!Double.isNaN(s.targetRatio()) && ratio > s.targetRatio()) {
            misses.add("ratio");
        }
        if (!Double.isNaN(s.targetCpuMsPerCase()) && cpuPerCase > s.targetCpuMsPerCase()) {
            misses.add("CPU");
        }
        if (!Double.isNaN(s.targetRssMb()) && rssMb > s.targetRssMb()) {
            misses.add("RSS");
        }
        if (failed > 0 || hung > 0) {
            misses.add("failures");
        }
        return s.target().equals("-") ? "" : misses.isEmpty() ? " (met)" : " (missed: " + String.join(", ", misses) + ")";
    }

    static double median(List<Double> values) {
        List<Double> v = new ArrayList<>(values);
        Collections.sort(v);
        int n = v.size();
        return n == 0 ? Double.NaN : n % 2 == 1 ? v.get(n / 2) : (v.get(n / 2 - 1) + v.get(n / 2)) / 2;
    }

    private static String medRange(List<Double> values, String format) {
        double min = values.stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN);
        double max = values.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
        return String.format(Locale.ROOT, format + " (" + format + "–" + format + ")", median(values), min, max);
    }

    private static String f3(double v) {
        return Double.isNaN(v) ? "" : String.format(Locale.ROOT, "%.3f", v);
    }
}
