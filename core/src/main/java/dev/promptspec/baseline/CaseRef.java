package dev.promptspec.baseline;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.util.Comparator;
import java.util.Objects;
import org.apiguardian.api.API;

/**
 * A case as reports name it across runs: its prompt file, its {@code testData} key and the model its request named.
 * Two runs' cases are the same case when these three are equal; the display name is only what people read.
 *
 * @param file        the prompt file, as reports name it ({@code prompts/triage.prompt.yml})
 * @param caseKey     the entry's key ({@code "case"} in the JSON report)
 * @param model       the model of the request, or null when no request was made
 * @param displayName the name shown in the IDE and in Surefire
 */
@API(status = EXPERIMENTAL, since = "0.1")
public record CaseRef(String file, String caseKey, String model, String displayName) {

    /** File, then case, then model: the order every list of a comparison is in, whatever order cases ended in. */
    public static final Comparator<CaseRef> ORDER = Comparator.comparing(CaseRef::file).thenComparing(CaseRef::caseKey)
            .thenComparing(CaseRef::model, Comparator.nullsFirst(Comparator.naturalOrder()));

    public CaseRef {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(caseKey, "caseKey");
        displayName = displayName == null ? caseKey : displayName;
    }

    /** The file and case key, whatever the model: what a suite lists. */
    public String fileAndCase() {
        return file + '\n' + caseKey;
    }
}
