package dev.promptspec.run;

import dev.promptspec.model.CallContext;
import dev.promptspec.model.ModelCallException;
import dev.promptspec.model.ModelClient;
import dev.promptspec.model.ModelRequest;
import dev.promptspec.model.ModelResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What the run's batch jobs answered, for the cases that run after them: each call, by its {@link #id}, has its answer
 * (read as a replay: it is in the recordings now), or the reason the case must end in an error or be skipped, or nothing
 * (the call goes down the chain as usual: live, or from recordings). Empty unless the run uses batch mode.
 */
final class BatchAnswers {

    private final Map<String, ModelResponse> answers = new ConcurrentHashMap<>();
    private final Map<String, ModelCallException> failures = new ConcurrentHashMap<>();

    /**
     * The call's {@code custom_id} in a batch file and its key here: the prompt file, the request's fingerprint and the
     * sample, hashed, so one id names one recording and two calls that share all three are the same call.
     */
    static String id(String promptFile, String fingerprint, int sample) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest((promptFile + "\n" + fingerprint + "#" + Math.max(1, sample)).getBytes(StandardCharsets.UTF_8));
            return "ps-" + HexFormat.of().formatHex(digest, 0, 20);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    static String id(ModelRequest request, CallContext context) {
        return id(context.promptFile(), request.fingerprint(), context.sample());
    }

    void answer(String id, ModelResponse response) {
        answers.put(id, response.withOrigin(ModelResponse.Origin.REPLAYED, 0));
        failures.remove(id);
    }

    void fail(String id, ModelCallException why) {
        failures.put(id, why);
    }

    /** Whether the batch phase is done with the call: answered, or failed for good. */
    boolean settled(String id) {
        return answers.containsKey(id) || failures.containsKey(id);
    }

    /** The answer, or null when the batch has none (then the call goes on as usual); throws a failure kept for it. */
    ModelResponse lookUp(String id) throws ModelCallException {
        ModelCallException failure = failures.get(id);
        if (failure != null) {
            throw new ModelCallException(failure.kind(), failure.getMessage(), failure.attempts()); // thrown where it is met
        }
        return answers.get(id);
    }

    /** {@code next}, answering first from this batch's answers. */
    ModelClient over(ModelClient next) {
        return new ModelClient() {
            @Override
            public ModelResponse call(ModelRequest request, CallContext context) throws ModelCallException {
                if (answers.isEmpty() && failures.isEmpty()) {
                    return next.call(request, context); // no batch ran: nothing is hashed
                }
                ModelResponse answer = lookUp(id(request, context));
                return answer != null ? answer : next.call(request, context);
            }

            @Override
            public String toString() {
                return next.toString();
            }
        };
    }
}
