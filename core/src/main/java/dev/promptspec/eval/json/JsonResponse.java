package dev.promptspec.eval.json;

import static org.apiguardian.api.API.Status.MAINTAINED;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.promptspec.eval.ResponseForms;
import dev.promptspec.eval.Texts;
import dev.promptspec.eval.Verdict;
import dev.promptspec.eval.markdown.CodeFence;
import dev.promptspec.eval.markdown.MarkdownRegion;
import java.util.Optional;
import org.apiguardian.api.API;

/**
 * A response read as JSON: the parsed value, or why it is not JSON. With {@code stripFence}, an answer that
 * wraps its JSON in a Markdown code fence (as chat models like to) is read from inside the first
 * {@code ```json} (or language-less) fence.
 */
@API(status = MAINTAINED, since = "0.1")
public final class JsonResponse {

    /** Trailing text after the value is an error: "{...} Hope this helps!" is not JSON. */
    static final ObjectMapper MAPPER = JsonMapper.builder().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).build();

    private static final ResponseForms.Form<JsonResponse> WHOLE = ResponseForms.Form.of("JSON", r -> read(r, false));
    private static final ResponseForms.Form<JsonResponse> FENCED = ResponseForms.Form.of("JSON (in a code fence or not)",
            r -> read(r, true));

    private final String json;
    private final JsonNode root;
    private final String problem;
    /** The same value as networknt's validator reads it (its own reader's settings), parsed on the first schema check. */
    private volatile JsonNode schemaInstance;

    private JsonResponse(String json, JsonNode root, String problem) {
        this.json = json;
        this.root = root;
        this.problem = problem;
    }

    /**
     * The response read as JSON once per test case, for {@link dev.promptspec.eval.EvaluationContext#parsed}: every
     * JSON evaluator of the case, and every schema check among them, shares one parse.
     *
     * @param stripFence read from inside the first {@code ```json} (or language-less) fence when there is one
     */
    public static ResponseForms.Form<JsonResponse> form(boolean stripFence) {
        return stripFence ? FENCED : WHOLE;
    }

    /** Reads {@code response} as JSON now; see {@link #form(boolean)} for the parse an evaluator should share. */
    public static JsonResponse read(String response, boolean stripFence) {
        String text = response.strip();
        boolean fenced = false;
        if (stripFence) {
            Optional<CodeFence> fence = MarkdownRegion.parse(text).codeFences().stream()
                    .filter(f -> f.language().isEmpty() || f.language().equals("json")).findFirst();
            if (fence.isPresent()) {
                text = fence.get().content().strip();
                fenced = true;
            }
        }
        if (text.isEmpty()) {
            return new JsonResponse(text, null, (fenced ? "the code fence" : "the response") + " is empty; expected JSON");
        }
        try {
            return new JsonResponse(text, MAPPER.readTree(text), null);
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            String where = at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
            String hint = !stripFence && text.startsWith("```") ? "; it is wrapped in a ``` code fence: set stripFence: true to accept that"
                    : "; it starts with " + Texts.quote(text, 40);
            return new JsonResponse(text, null, (fenced ? "the ```json code fence" : "the response") + " is not valid JSON: "
                    + Texts.firstLine(e.getOriginalMessage()) + where + hint);
        }
    }

    public boolean isValid() {
        return root != null;
    }

    /** The parsed value; only when {@link #isValid()}. */
    public JsonNode root() {
        if (root == null) {
            throw new IllegalStateException(problem);
        }
        return root;
    }

    /** The JSON text that was parsed (inside the fence, when one was stripped). */
    public String json() {
        return json;
    }

    /**
     * The value as networknt's validator reads it (its reader keeps decimals exact for {@code multipleOf}), parsed on
     * first use, so that the schemas checked against one response parse it once; only when {@link #isValid()}.
     */
    JsonNode schemaInstance() {
        JsonNode node = schemaInstance;
        if (node == null) {
            // a race parses twice, harmlessly: the tree is the same pure function of the text
            node = JsonSchema.readInstance(json);
            schemaInstance = node;
        }
        return node;
    }

    /** Passed with a summary of the value, or failed saying why it is not JSON. */
    public Verdict validity() {
        return root == null ? Verdict.fail(problem) : Verdict.pass("valid JSON " + JsonValues.describe(root));
    }
}
