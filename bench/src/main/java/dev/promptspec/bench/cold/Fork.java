package dev.promptspec.bench.cold;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One run of a generated suite in a fresh JVM: the JUnit ConsoleLauncher with the {@code promptspec} engine, started
 * under {@code /usr/bin/time} (wall, user and system CPU, peak RSS of the JVM as the kernel counts them at exit), with
 * a timeout after which the JVM's threads are dumped and it is killed ("hung").
 */
final class Fork {

    static final Path TIME = Path.of("/usr/bin/time");
    private static final String PROBE_CLASS = "dev/promptspec/bench/cold/probe/TimingProbe.class";
    private static final Pattern SUMMARY = Pattern.compile("\\[\\s*(\\d+) tests (successful|failed|aborted|skipped|found)\\s*]");
    private static final Pattern FINISHED = Pattern.compile("Test run finished after (\\d+) ms");

    /** What the run printed in its summary. */
    record Summary(int found, int successful, int failed, int aborted, int skipped, long executionMs) {
        static final Summary NONE = new Summary(-1, -1, -1, -1, -1, -1);
    }

    /** What one forked run measured. Times in seconds unless said otherwise; probe instants in ms since the fork started. */
    record Result(double wallS, double userS, double sysS, long peakRssKb, int exitCode, boolean hung, Summary summary,
            Map<String, Double> phasesMs, Map<String, Double> threadCpuS, Path dir) {

        double cpuS() {
            return userS + sysS;
        }

        int passed() {
            return summary.successful();
        }

        /** Tests that did not pass: failed or aborted (skipped), and every test when the run hung or printed no summary. */
        int notPassed(int cases) {
            return summary.found() < 0 ? cases : Math.max(0, cases - summary.successful());
        }
    }

    /** The fork's settings. */
    record Spec(Path java, List<String> jvmArgs, String classPath, Path project, Map<String, String> config, int timeoutS,
            int pauseAtTest, Path dir) {
    }

    private Fork() {
    }

    /** A jar holding the probe and the service entries that register it, for the fork's class path only. */
    static Path probeJar(Path dir) throws IOException {
        Path jar = dir.resolve("promptspec-bench-probe.jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar));
             var in = Fork.class.getClassLoader().getResourceAsStream(PROBE_CLASS)) {
            if (in == null) {
                throw new IllegalStateException(PROBE_CLASS + " is not on the class path");
            }
            out.putNextEntry(new JarEntry(PROBE_CLASS));
            in.transferTo(out);
            out.closeEntry();
            for (String service : List.of("org.junit.platform.launcher.LauncherSessionListener",
                    "org.junit.platform.launcher.LauncherDiscoveryListener", "org.junit.platform.launcher.TestExecutionListener")) {
                out.putNextEntry(new JarEntry("META-INF/services/" + service));
                out.write("dev.promptspec.bench.cold.probe.TimingProbe\n".getBytes(StandardCharsets.UTF_8));
                out.closeEntry();
            }
        }
        return jar;
    }

    static Result run(Spec spec) throws IOException, InterruptedException {
        Files.createDirectories(spec.dir());
        Path probe = spec.dir().resolve("probe.txt");
        Path timeFile = spec.dir().resolve("time.txt");
        Files.deleteIfExists(probe);
        Files.deleteIfExists(Path.of(probe + ".resume"));
        List<String> cmd = new ArrayList<>();
        boolean timed = Files.isExecutable(TIME);
        if (timed) {
            cmd.addAll(List.of(TIME.toString(), "-o", timeFile.toString(), "-f", "%e %U %S %M"));
        }
        cmd.add(spec.java().toString());
        cmd.addAll(spec.jvmArgs());
        cmd.add("-D" + "promptspec.bench.probe=" + probe);
        if (spec.pauseAtTest() > 0) {
            cmd.add("-Dpromptspec.bench.probe.pause-at=" + spec.pauseAtTest());
        }
        cmd.addAll(List.of("-cp", spec.classPath(), "org.junit.platform.console.ConsoleLauncher", "execute",
                "--disable-banner", "--disable-ansi-colors", "--details=summary",
                "--select-directory", SuiteGenerator.PROMPTS, "--include-engine", "promptspec"));
        spec.config().forEach((k, v) -> cmd.add("--config=" + k + "=" + v));
        Files.writeString(spec.dir().resolve("command.txt"), String.join(" ", cmd) + "\n");
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(spec.project().toFile())
                .redirectOutput(spec.dir().resolve("stdout.txt").toFile())
                .redirectError(spec.dir().resolve("stderr.txt").toFile());
        // A user's keys and options must not reach the fork: the suite talks to the harness's server only, with defaults.
        for (String v : List.of("OPENAI_API_KEY", "OPENAI_BASE_URL", "GITHUB_TOKEN", "JAVA_TOOL_OPTIONS", "JDK_JAVA_OPTIONS", "_JAVA_OPTIONS")) {
            pb.environment().remove(v);
        }
        long start = System.nanoTime();
        Process p = pb.start();
        CpuPoller poller = timed ? null : new CpuPoller(p.pid());
        Thread histogram = spec.pauseAtTest() > 0 ? histogramTaker(spec, p, probe) : null;
        boolean done = p.waitFor(spec.timeoutS(), TimeUnit.SECONDS);
        boolean hung = !done;
        if (hung) {
            javaPid(p).ifPresent(pid -> jcmd(spec.java(), pid, "Thread.print", spec.dir().resolve("threads-at-timeout.txt")));
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
            p.waitFor();
        }
        double wall = (System.nanoTime() - start) / 1e9;
        if (histogram != null) {
            histogram.interrupt();
            histogram.join(5_000);
        }
        double user;
        double sys;
        long rss;
        String[] f = timed && Files.isRegularFile(timeFile) ? lastLine(timeFile).trim().split("\\s+") : new String[0];
        if (f.length == 4) {
            user = Double.parseDouble(f[1]);
            sys = Double.parseDouble(f[2]);
            rss = Long.parseLong(f[3]);
        } else if (poller != null) {
            poller.stop();
            user = poller.userS;
            sys = poller.sysS;
            rss = poller.hwmKb;
        } else {
            user = sys = Double.NaN;
            rss = -1;
        }
        String out = Files.readString(spec.dir().resolve("stdout.txt"));
        return new Result(wall, user, sys, rss, hung ? -1 : p.exitValue(), hung, summary(out), phases(probe, start),
                threadCpu(probe), spec.dir());
    }

    static Summary summary(String out) {
        Map<String, Integer> n = new LinkedHashMap<>();
        Matcher m = SUMMARY.matcher(out);
        while (m.find()) {
            n.put(m.group(2), Integer.parseInt(m.group(1)));
        }
        if (!n.containsKey("found")) {
            return Summary.NONE;
        }
        Matcher f = FINISHED.matcher(out);
        return new Summary(n.get("found"), n.getOrDefault("successful", 0), n.getOrDefault("failed", 0), n.getOrDefault("aborted", 0),
                n.getOrDefault("skipped", 0), f.find() ? Long.parseLong(f.group(1)) : -1);
    }

    /** Each probe event, in ms since the fork was started (the first occurrence of each name). */
    private static Map<String, Double> phases(Path probe, long start) throws IOException {
        Map<String, Double> out = new LinkedHashMap<>();
        if (!Files.isRegularFile(probe)) {
            return out;
        }
        for (String line : Files.readAllLines(probe)) {
            String[] f = line.trim().split(" ");
            if (f.length == 2 && !f[0].startsWith("cpu")) {
                out.putIfAbsent(f[0], (Long.parseLong(f[1]) - start) / 1e6);
            }
        }
        return out;
    }

    /**
     * CPU seconds by kind of thread, from the probe's lines at exit: JIT compilers, GC, the launcher's main thread (named
     * {@code java} by the OS), the
     * other threads alive at exit, and the threads that ended earlier (the engine's case pool, HTTP workers).
     */
    private static Map<String, Double> threadCpu(Path probe) throws IOException {
        Map<String, Double> out = new LinkedHashMap<>();
        if (!Files.isRegularFile(probe)) {
            return out;
        }
        double live = 0;
        double total = Double.NaN;
        for (String line : Files.readAllLines(probe)) {
            if (line.startsWith("cpu-total ")) {
                total = Long.parseLong(line.substring(10).trim()) / 100.0;
            } else if (line.startsWith("cpu ")) {
                String[] f = line.split(" ", 3);
                double s = Long.parseLong(f[1]) / 100.0;
                live += s;
                String name = f.length > 2 ? f[2] : "?";
                String kind = name.startsWith("C2 Compiler") ? "jit-c2" : name.startsWith("C1 Compiler") ? "jit-c1"
                        : name.startsWith("GC Thread") || name.startsWith("G1 ") || name.startsWith("VM Periodic") ? "gc"
                        : name.equals("main") || name.equals("java") ? "main" : name.equals("VM Thread") ? "vm" : "other-live";
                out.merge(kind, s, Double::sum);
                if (kind.startsWith("jit")) {
                    out.merge("jit", s, Double::sum);
                }
            }
        }
        if (!Double.isNaN(total)) {
            out.put("ended-threads", Math.max(0, total - live));
        }
        return out;
    }

    private static String lastLine(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file);
        // GNU time writes "Command exited with non-zero status 1" before the figures when the command fails
        return lines.isEmpty() ? "" : lines.get(lines.size() - 1);
    }

    /** The JVM's pid: the child of /usr/bin/time, or the process itself. */
    static Optional<Long> javaPid(Process p) {
        return p.children().map(ProcessHandle::pid).findFirst().or(() -> Optional.of(p.pid()));
    }

    /** Waits for the probe to pause the run, writes a class histogram of its live heap, and lets it go on. */
    private static Thread histogramTaker(Spec spec, Process p, Path probe) {
        Thread t = new Thread(() -> {
            try {
                while (p.isAlive()) {
                    if (Files.isRegularFile(probe) && Files.readString(probe).contains("paused")) {
                        javaPid(p).ifPresent(pid -> jcmd(spec.java(), pid, "GC.class_histogram", spec.dir().resolve("histogram.txt")));
                        Files.writeString(Path.of(probe + ".resume"), "go\n");
                        return;
                    }
                    Thread.sleep(20);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }, "histogram");
        t.setDaemon(true);
        t.start();
        return t;
    }

    static void jcmd(Path java, long pid, String command, Path out) {
        Path jcmd = java.resolveSibling("jcmd");
        try {
            Process p = new ProcessBuilder(jcmd.toString(), String.valueOf(pid), command).redirectErrorStream(true)
                    .redirectOutput(out.toFile()).start();
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
            }
        } catch (IOException e) {
            try (OutputStream o = Files.newOutputStream(out)) {
                o.write(("jcmd failed: " + e).getBytes(StandardCharsets.UTF_8));
            } catch (IOException ignored) {
                // nothing more to say
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Without /usr/bin/time: the JVM's CPU time and VmHWM read from /proc every 20 ms; the last sample before it exits
     * misses at most 20 ms of CPU (its exit).
     */
    private static final class CpuPoller {
        private static final double TICK = 100.0; // USER_HZ on Linux
        private final Path stat;
        private final Path status;
        private final Thread thread;
        volatile double userS;
        volatile double sysS;
        volatile long hwmKb = -1;

        CpuPoller(long pid) {
            stat = Path.of("/proc/" + pid + "/stat");
            status = Path.of("/proc/" + pid + "/status");
            thread = new Thread(() -> {
                while (!Thread.currentThread().isInterrupted()) {
                    sample();
                    try {
                        Thread.sleep(20);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }, "cpu-poller");
            thread.setDaemon(true);
            thread.start();
        }

        private void sample() {
            try {
                String s = Files.readString(stat);
                String[] f = s.substring(s.lastIndexOf(')') + 2).split(" ");
                userS = Long.parseLong(f[11]) / TICK;
                sysS = Long.parseLong(f[12]) / TICK;
                for (String line : Files.readAllLines(status)) {
                    if (line.startsWith("VmHWM:")) {
                        hwmKb = Long.parseLong(line.replaceAll("\\D+", ""));
                    }
                }
            } catch (IOException | RuntimeException gone) {
                // the process has exited: keep the last sample
            }
        }

        void stop() throws InterruptedException {
            thread.interrupt();
            thread.join();
        }
    }

    static String fmt(double v) {
        return String.format(Locale.ROOT, "%.2f", v);
    }
}
