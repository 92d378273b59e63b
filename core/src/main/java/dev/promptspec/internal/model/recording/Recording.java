package dev.promptspec.internal.model.recording;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.promptspec.model.ModelRequest;
import dev.promptspec.model.ModelResponse;
import java.time.Instant;
import org.apiguardian.api.API;

/**
 * One recorded call: what was sent (no secret is part of a request) and what came back.
 *
 * @param caseKey     the test case's key
 * @param purpose     {@code prompt} or {@code judge:<evaluator>}
 * @param recordedAt  when the call was made
 * @param note        a remark kept with the entry (for example that it is a hand-written fixture), or null
 * @param fingerprint the request's {@link ModelRequest#fingerprint()}, the key replay looks it up by; null computes it.
 *                    Computed once here, because it hashes the whole request: stores index and compare it without
 *                    hashing again
 * @param sample      which sample of the case, from 1; replay looks a request up by its fingerprint and this index, so
 *                    a sampled case replays one recorded answer per sample (1 for a case that is not sampled)
 * @param model       the model the case ran on in a run of several models, or null (a run on one model, and every
 *                    recording written before runs of several models existed): with the case, purpose and sample it
 *                    names the call, so that the models of one case keep an answer each. Replay needs no more than the
 *                    fingerprint, which holds the model sent
 */
@API(status = INTERNAL, since = "0.1")
public record Recording(String caseKey, String purpose, Instant recordedAt, ModelRequest request, ModelResponse response,
        String note, String fingerprint, int sample, String model) {

    public Recording {
        if (fingerprint == null) {
            fingerprint = request.fingerprint();
        }
        sample = Math.max(1, sample);
    }

    /** A recording of a run on one model. */
    public Recording(String caseKey, String purpose, Instant recordedAt, ModelRequest request, ModelResponse response,
            String note, String fingerprint, int sample) {
        this(caseKey, purpose, recordedAt, request, response, note, fingerprint, sample, null);
    }

    public Recording(String caseKey, String purpose, Instant recordedAt, ModelRequest request, ModelResponse response,
            String note, String fingerprint) {
        this(caseKey, purpose, recordedAt, request, response, note, fingerprint, 1);
    }

    /** What replay finds this recording by: the request's fingerprint, and the sample index when it is not the first. */
    public String replayKey() {
        return replayKey(fingerprint, sample);
    }

    /** The replay key of a request with {@code fingerprint} made for sample {@code sample}. */
    public static String replayKey(String fingerprint, int sample) {
        return sample <= 1 ? fingerprint : fingerprint + "#" + sample;
    }

    public Recording(String caseKey, String purpose, Instant recordedAt, ModelRequest request, ModelResponse response,
            String note) {
        this(caseKey, purpose, recordedAt, request, response, note, null);
    }

    public Recording(String caseKey, String purpose, Instant recordedAt, ModelRequest request, ModelResponse response) {
        this(caseKey, purpose, recordedAt, request, response, null, null);
    }
}
