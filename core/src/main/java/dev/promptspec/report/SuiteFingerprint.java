package dev.promptspec.report;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.promptspec.internal.util.Sha256;
import java.util.Collection;
import java.util.TreeSet;
import org.apiguardian.api.API;

/**
 * What a suite is, in one string, so shards of one suite can be told from reports of another: the SHA-256 of its sorted
 * prompt files and cases, all shards' together. {@link Merge} refuses reports whose fingerprints differ.
 */
@API(status = EXPERIMENTAL, since = "0.1")
public final class SuiteFingerprint {

    private SuiteFingerprint() {
    }

    /**
     * @param files every prompt file of the suite, loadable or not, as reports name them
     * @param cases every case, as file and {@code testData} key ({@code CaseRef.fileAndCase()})
     */
    public static String of(Collection<String> files, Collection<String> cases) {
        TreeSet<String> lines = new TreeSet<>();
        files.forEach(f -> lines.add("file " + f));
        cases.forEach(c -> lines.add("case " + c.replace('\n', ' ')));
        return "sha256:" + Sha256.hex(String.join("\n", lines));
    }
}
