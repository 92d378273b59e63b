package dev.promptspec.internal.model.recording;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.promptspec.config.Keys;
import dev.promptspec.config.RecordingMode;
import dev.promptspec.model.CallContext;
import dev.promptspec.model.ChatMessage;
import dev.promptspec.model.ModelCallException.Kind;
import dev.promptspec.model.ModelCallException;
import dev.promptspec.model.ModelClient;
import dev.promptspec.model.ModelRequest;
import dev.promptspec.model.ModelResponse;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.apiguardian.api.API;

/**
 * Replays and records responses according to the {@link RecordingMode}. The live client is obtained only
 * when a call must really be made, so a run that replays everything needs no key at all.
 */
@API(status = INTERNAL, since = "0.1")
public final class RecordingClient implements ModelClient {

    /** Supplies the live client, or explains why there is none (no key...). */
    @FunctionalInterface
    public interface LiveClient {
        ModelClient get() throws ModelCallException;
    }

    private final RecordingMode mode;
    private final RecordingStore store;
    private final LiveClient live;
    private final Clock clock;

    public RecordingClient(RecordingMode mode, RecordingStore store, LiveClient live, Clock clock) {
        this.mode = mode;
        this.store = store;
        this.live = live;
        this.clock = clock;
    }

    @Override
    public ModelResponse call(ModelRequest request, CallContext context) throws ModelCallException {
        if (mode == RecordingMode.VALIDATE) {
            throw new ModelCallException(Kind.CONFIGURATION, context + ": validate mode renders requests but sends none", 0);
        }
        // Hashed only when recordings are looked up or written: a live run hashes nothing here.
        String fingerprint = null;
        if (mode.replaysOnly() || mode == RecordingMode.AUTO) {
            fingerprint = request.fingerprint();
            Optional<Recording> hit = store.find(context.promptFile(), fingerprint, context.sample());
            if (hit.isPresent()) {
                return hit.get().response().withOrigin(ModelResponse.Origin.REPLAYED, 0);
            }
        }
        if (mode.replaysOnly()) {
            throw noMatch(request, context, null);
        }
        ModelClient client;
        try {
            client = live.get();
        } catch (ModelCallException e) {
            if (mode == RecordingMode.AUTO && e.kind() == Kind.MISSING_CREDENTIALS) {
                throw noMatch(request, context, e);
            }
            throw e;
        }
        if (mode.writes()) {
            store.checkWritable(context.promptFile());
        }
        ModelResponse response = client.call(request, context);
        if (!mode.writes()) {
            return response;
        }
        store.save(context.promptFile(), new Recording(context.caseKey(), context.purpose(),
                clock.instant().truncatedTo(java.time.temporal.ChronoUnit.SECONDS), request, response, null, fingerprint,
                context.sample(), context.model()));
        return response.withOrigin(ModelResponse.Origin.RECORDED, response.attempts());
    }

    /** Replay found nothing: say whether the prompt changed (and where) or was never recorded, and how to record. */
    private ModelCallException noMatch(ModelRequest request, CallContext context, ModelCallException noCredentials)
            throws ModelCallException {
        Optional<Recording> previous = store.findForCase(context.promptFile(), context.caseKey(), context.purpose(), context.sample(),
                context.model());
        String where = store.fileFor(context.promptFile()).toString();
        String howToRecord = noCredentials != null
                ? "\nIt cannot be recorded now: " + noCredentials.getMessage()
                : "\nTo record it, run with an API key and -D" + Keys.MODE + "=record (or in the default mode, auto).";
        if (previous.isPresent()) {
            return new ModelCallException(Kind.PROMPT_CHANGED, context + ": prompt changed since it was recorded ("
                    + previous.get().recordedAt() + " in " + where + "): " + difference(previous.get().request(), request)
                    + howToRecord, 0);
        }
        return new ModelCallException(noCredentials != null ? Kind.MISSING_CREDENTIALS : Kind.MISSING_RECORDING,
                context + ": no recorded response (looked in " + where + ")" + howToRecord, 0);
    }

    /** The first difference between what was recorded and what would be sent now, in words. */
    static String difference(ModelRequest recorded, ModelRequest now) {
        if (!recorded.model().equals(now.model())) {
            return "the model is now '" + now.model() + "', was '" + recorded.model() + "'";
        }
        if (!recorded.parameters().equals(now.parameters())) {
            return "modelParameters are now " + now.parameters().asMap() + ", were " + recorded.parameters().asMap();
        }
        if (!java.util.Objects.equals(recorded.responseFormat() == null ? null : recorded.responseFormat().type(),
                now.responseFormat() == null ? null : now.responseFormat().type())
                || !java.util.Objects.equals(recorded.responseFormat() == null ? null : recorded.responseFormat().jsonSchemaJson(),
                        now.responseFormat() == null ? null : now.responseFormat().jsonSchemaJson())) {
            return "the response format changed";
        }
        List<ChatMessage> a = recorded.messages();
        List<ChatMessage> b = now.messages();
        if (a.size() != b.size()) {
            return "the prompt now has " + messages(b.size()) + ", had " + messages(a.size());
        }
        for (int i = 0; i < a.size(); i++) {
            if (a.get(i).role() != b.get(i).role()) {
                return "message " + (i + 1) + " is now " + b.get(i).role().wireName() + ", was " + a.get(i).role().wireName();
            }
            if (!a.get(i).content().equals(b.get(i).content())) {
                return "message " + (i + 1) + " (" + b.get(i).role().wireName() + ") "
                        + TextDifference.describe(a.get(i).content(), b.get(i).content());
            }
        }
        return "the request differs";
    }

    private static String messages(int n) {
        return n + (n == 1 ? " message" : " messages");
    }
}
