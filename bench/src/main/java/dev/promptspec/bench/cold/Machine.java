package dev.promptspec.bench.cold;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Facts about the machine and the forked JVM, quoted with every result. */
final class Machine {

    private Machine() {
    }

    static List<String> describe(Path java) {
        List<String> out = new ArrayList<>();
        out.add("machine: nproc " + Runtime.getRuntime().availableProcessors() + ", CPU " + cpuModel() + ", memory " + memTotal()
                + ", kernel " + System.getProperty("os.version"));
        out.add("forked JDK: " + String.join(" / ", command(java.toString(), "-version")));
        String flags = String.join(" ", command(java.toString(), "-XX:+PrintCommandLineFlags", "-version"));
        out.add("forked JVM ergonomics: " + (flags.contains("+UseG1GC") ? "G1" : flags.contains("+UseSerialGC") ? "Serial" : flags.contains("+UseParallelGC") ? "Parallel" : "?")
                + " GC, " + flag(flags, "MaxHeapSize") + ", " + flag(flags, "InitialHeapSize"));
        out.add("load average at start: " + loadavg() + "; GNU time: " + (Files.isExecutable(Fork.TIME) ? Fork.TIME : "absent (CPU and RSS polled from /proc)"));
        return out;
    }

    private static String flag(String flags, String name) {
        for (String f : flags.split("\\s+")) {
            if (f.startsWith("-XX:" + name + "=")) {
                long bytes = Long.parseLong(f.substring(f.indexOf('=') + 1));
                return name + " " + (bytes >> 20) + " MB";
            }
        }
        return name + " ?";
    }

    static String cpuModel() {
        try {
            return Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
                    .map(l -> l.substring(l.indexOf(':') + 1).trim()).findFirst().orElse("?");
        } catch (IOException e) {
            return "?";
        }
    }

    private static String memTotal() {
        try {
            return Files.readAllLines(Path.of("/proc/meminfo")).stream().filter(l -> l.startsWith("MemTotal"))
                    .map(l -> (Long.parseLong(l.replaceAll("\\D+", "")) >> 20) + " GB").findFirst().orElse("?");
        } catch (IOException e) {
            return "?";
        }
    }

    static String loadavg() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return f[0] + " " + f[1] + " " + f[2];
        } catch (IOException e) {
            return "?";
        }
    }

    /** The 1-minute load average. */
    static double load1() {
        try {
            return Double.parseDouble(Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+")[0]);
        } catch (IOException | RuntimeException e) {
            return Double.NaN;
        }
    }

    private static List<String> command(String... cmd) {
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            p.waitFor(30, TimeUnit.SECONDS);
            return text.lines().map(String::trim).filter(l -> !l.isEmpty()).toList();
        } catch (IOException e) {
            return List.of("? (" + e + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return List.of("?");
        }
    }
}
