package dev.promptspec.sampling;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import org.apiguardian.api.API;

/**
 * The Wilson score interval of a pass rate: where the true rate lies, at a confidence, after {@code passes} of
 * {@code samples} passed. Unlike the normal ("Wald") interval it stays inside 0..1 and is not zero-width at 0 or all
 * passes: 10 passes of 10 give [0.72, 1.00] at 95%.
 *
 * @param lower the lower bound, 0 to 1
 * @param upper the upper bound, 0 to 1
 */
@API(status = EXPERIMENTAL, since = "0.2")
public record WilsonInterval(double lower, double upper) {

    /** The two-sided interval at {@code confidence} (0.95: z = 1.96); [0, 1] before any sample. */
    public static WilsonInterval of(int passes, int samples, double confidence) {
        return ofZ(passes, samples, zFor(confidence));
    }

    /** The interval whose bounds are {@code z} standard errors (in Wilson's sense) from the centre. */
    public static WilsonInterval ofZ(double passes, int samples, double z) {
        if (samples <= 0) {
            return new WilsonInterval(0, 1);
        }
        double n = samples;
        double p = passes / n;
        double z2 = z * z;
        double denominator = 1 + z2 / n;
        double centre = (p + z2 / (2 * n)) / denominator;
        double half = z / denominator * Math.sqrt(Math.max(0, p * (1 - p) / n + z2 / (4 * n * n)));
        return new WilsonInterval(Math.max(0, centre - half), Math.min(1, centre + half));
    }

    /** The z of a two-sided interval at {@code confidence}: the standard normal quantile at 1 − (1 − confidence)/2. */
    public static double zFor(double confidence) {
        if (!(confidence > 0 && confidence < 1)) {
            throw new IllegalArgumentException("confidence must be between 0 and 1, was " + confidence);
        }
        return Normal.quantile(1 - (1 - confidence) / 2);
    }

    /** The confidence of a two-sided interval whose bounds are {@code z} from the centre. */
    public static double confidenceFor(double z) {
        return 1 - 2 * (1 - Normal.cdf(z));
    }
}
