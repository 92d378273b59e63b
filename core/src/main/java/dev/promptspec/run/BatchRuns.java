package dev.promptspec.run;

import dev.promptspec.config.Keys;
import dev.promptspec.config.RunConfig;
import dev.promptspec.internal.model.openai.batch.BatchJobs;
import dev.promptspec.model.Timing;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.TreeSet;
import java.util.function.BooleanSupplier;

/** What a run's batch step is built from: the jobs' client, the progress line, the file that names the suite's jobs. */
final class BatchRuns {

    private BatchRuns() {
    }

    /** The jobs' client for the run's endpoint; the progress line on stderr when {@value Keys#PROGRESS} shows it. */
    static BatchJobs jobs(RunConfig config, Timing timing, BooleanSupplier cancelled, Path state) {
        if (config.endpoint().apiKey() == null && !config.endpoint().isLocal()) {
            throw new IllegalStateException(Keys.BATCH + "=true, but "
                    + Providers.noKey(config.endpoint(), KeyHelp.forPrompts(config.endpoint()), config.recordingsDir()));
        }
        boolean terminal = System.console() != null;
        boolean ci = System.getenv("CI") != null;
        PrintStream progress = config.batch().showsProgress(terminal, ci) ? System.err : null;
        return new BatchJobs(config.endpoint(), config.batch(), config.timeout(), timing, cancelled, state, progress,
                Providers.redactor(config), BatchJobs.Limits.OPENAI);
    }

    /** The suite, whatever its calls: its files and case keys, sorted, hashed. The same tests find the same jobs. */
    static String suiteFingerprint(List<PlannedCase> cases) {
        TreeSet<String> lines = new TreeSet<>();
        cases.forEach(c -> lines.add(c.prompt().source().name() + "\n" + c.testCase().key()));
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            lines.forEach(l -> sha.update((l + "\n").getBytes(StandardCharsets.UTF_8)));
            return HexFormat.of().formatHex(sha.digest(), 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
