package dev.promptspec.model;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.time.Duration;
import org.apiguardian.api.API;

/**
 * A model's answer and what it cost.
 *
 * @param text         the answer text (untrimmed, as received)
 * @param usage        tokens billed
 * @param latency      time from request to complete answer (as recorded, for replayed answers)
 * @param finishReason why generation stopped ({@code stop}, {@code length}...), or null
 * @param modelId      the model id the server says answered, or null
 * @param attempts     calls made to get it (1 unless retried; 0 when replayed)
 * @param origin       whether it came from the network or from a recording
 */
@API(status = EXPERIMENTAL, since = "0.1")
public record ModelResponse(
        String text,
        TokenUsage usage,
        Duration latency,
        String finishReason,
        String modelId,
        int attempts,
        Origin origin) {

    /** Where an answer came from. */
    public enum Origin {
        /** Called now, not written. */
        LIVE,
        /** Called now and written to the recordings. */
        RECORDED,
        /** Read from the recordings; no call was made. */
        REPLAYED
    }

    public ModelResponse {
        text = text == null ? "" : text;
        usage = usage == null ? TokenUsage.UNKNOWN : usage;
        latency = latency == null ? Duration.ZERO : latency;
    }

    /** This answer as it reached the run: from {@code o}, after {@code attemptsMade} calls. */
    public ModelResponse withOrigin(Origin o, int attemptsMade) {
        return new ModelResponse(text, usage, latency, finishReason, modelId, attemptsMade, o);
    }
}
