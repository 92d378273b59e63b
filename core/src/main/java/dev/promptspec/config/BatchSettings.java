package dev.promptspec.config;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import org.apiguardian.api.API;

/**
 * How a run uses the provider's Batch API ({@value Keys#BATCH} and {@code promptspec.batch.*}).
 *
 * @param enabled     calls with no recording go through batch jobs before the cases run ({@value Keys#BATCH})
 * @param onFailure   what a call the batch reports as failed or expired becomes ({@value Keys#BATCH_ON_FAILURE})
 * @param maxWait     the longest wait for the run's jobs ({@value Keys#BATCH_MAX_WAIT})
 * @param deleteFiles delete the uploaded request file once its job ended ({@value Keys#BATCH_DELETE_FILES})
 * @param priceFactor batch prices as a share of live prices ({@value Keys#BATCH_PRICE_FACTOR})
 * @param progress    the progress line: true, false, or empty for auto ({@value Keys#PROGRESS})
 */
@API(status = EXPERIMENTAL, since = "0.1")
public record BatchSettings(boolean enabled, OnFailure onFailure, Duration maxWait, boolean deleteFiles, double priceFactor,
        Optional<Boolean> progress) {

    public static final Duration DEFAULT_MAX_WAIT = Duration.ofHours(24);
    public static final double DEFAULT_PRICE_FACTOR = 0.5;
    /** Batch mode off. */
    public static final BatchSettings OFF = new BatchSettings(false, OnFailure.LIVE, DEFAULT_MAX_WAIT, true, DEFAULT_PRICE_FACTOR,
            Optional.empty());

    public BatchSettings {
        if (maxWait.isNegative() || maxWait.isZero()) {
            throw new IllegalArgumentException("maxWait must be positive, was " + maxWait);
        }
        if (!(priceFactor >= 0) || Double.isInfinite(priceFactor)) {
            throw new IllegalArgumentException("priceFactor must be a non-negative number, was " + priceFactor);
        }
    }

    /** Batch mode on, every other setting at its default. */
    public static BatchSettings on() {
        return new BatchSettings(true, OnFailure.LIVE, DEFAULT_MAX_WAIT, true, DEFAULT_PRICE_FACTOR, Optional.empty());
    }

    public BatchSettings withOnFailure(OnFailure o) {
        return new BatchSettings(enabled, o, maxWait, deleteFiles, priceFactor, progress);
    }

    public BatchSettings withMaxWait(Duration d) {
        return new BatchSettings(enabled, onFailure, d, deleteFiles, priceFactor, progress);
    }

    /** Whether the progress line is shown, {@code auto} deciding by the terminal and the {@code CI} variable. */
    public boolean showsProgress(boolean terminal, boolean ci) {
        return progress.orElse(terminal && !ci);
    }

    /** What a call that a batch reports as failed or expired becomes. */
    @API(status = EXPERIMENTAL, since = "0.1")
    public enum OnFailure {
        /** The case calls it live. */
        LIVE,
        /** It goes once more in a follow-up batch; a second failure is the case's error. */
        BATCH,
        /** The case ends in an error naming the job and the reason. */
        ERROR;

        public static Optional<OnFailure> parse(String text) {
            for (OnFailure o : values()) {
                if (o.name().equalsIgnoreCase(text.trim())) {
                    return Optional.of(o);
                }
            }
            return Optional.empty();
        }

        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }
}
