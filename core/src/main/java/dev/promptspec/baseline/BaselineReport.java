package dev.promptspec.baseline;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import dev.promptspec.config.Keys;
import dev.promptspec.internal.util.Json;
import dev.promptspec.internal.util.Sha256;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apiguardian.api.API;

/**
 * What a comparison needs of an earlier run's {@code promptspec-report.json}: each case's status, sample counts,
 * evaluator scores and a fingerprint of its response (not the text: a baseline of many cases stays small in memory).
 * Read one prompt file's object at a time.
 */
@API(status = EXPERIMENTAL, since = "0.1")
public final class BaselineReport {

    /** One case of the baseline. {@code drawn} and {@code passed} are the sample counts of a sampled case, else null. */
    record Case(CaseRef ref, boolean passed, Integer drawn, Integer samplesPassed, Map<String, Double> scores, String response) {
    }

    private final Path path;
    private final String finishedAt;
    private final Map<String, List<Case>> byFileAndCase;

    private BaselineReport(Path path, String finishedAt, Map<String, List<Case>> byFileAndCase) {
        this.path = path;
        this.finishedAt = finishedAt;
        this.byFileAndCase = byFileAndCase;
    }

    /**
     * Reads a JSON report.
     *
     * @throws BaselineException naming {@value Keys#BASELINE} and the path when it cannot be read or is no PromptSpec report
     */
    public static BaselineReport read(Path path) {
        String finishedAt = null;
        boolean isReport = false;
        Map<String, List<Case>> cases = new HashMap<>();
        try (JsonParser p = Json.MAPPER.getFactory().createParser(path.toFile())) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw invalid(path, "it is not a JSON object", null);
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken value = p.nextToken();
                if (field.equals("tool")) {
                    isReport = "PromptSpec".equals(p.getValueAsString());
                } else if (field.equals("finishedAt")) {
                    finishedAt = p.getValueAsString();
                } else if (field.equals("files") && value == JsonToken.START_ARRAY) {
                    while (p.nextToken() == JsonToken.START_OBJECT) {
                        readFile(Json.MAPPER.readTree(p), cases);
                    }
                } else {
                    p.skipChildren();
                }
            }
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            throw invalid(path, "it is not valid JSON" + (at == null ? "" : " at line " + at.getLineNr() + ", column "
                    + at.getColumnNr()) + ": " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw invalid(path, "it cannot be read: " + e, e);
        }
        if (!isReport) {
            throw invalid(path, "it is not a PromptSpec report (no \"tool\": \"PromptSpec\")", null);
        }
        return new BaselineReport(path, finishedAt, cases);
    }

    private static BaselineException invalid(Path path, String why, Throwable cause) {
        return new BaselineException(Keys.BASELINE + "=" + path + " cannot be used: " + why
                + "; give the promptspec-report.json an earlier run wrote", cause);
    }

    private static void readFile(JsonNode file, Map<String, List<Case>> cases) {
        String name = file.path("file").asText();
        for (JsonNode c : file.path("testResults")) {
            CaseRef ref = new CaseRef(name, c.path("case").asText(), c.hasNonNull("model") ? c.get("model").asText() : null,
                    c.path("displayName").asText(null));
            JsonNode sampling = c.path("sampling");
            Integer drawn = sampling.has("drawn") ? sampling.get("drawn").asInt() : null;
            Integer samplesPassed = sampling.has("passed") ? sampling.get("passed").asInt() : null;
            Map<String, Double> scores = new LinkedHashMap<>();
            for (JsonNode check : c.path("evaluationResults")) {
                scores.putIfAbsent(check.path("evaluatorName").asText(), check.path("score").asDouble());
            }
            String response = c.hasNonNull("modelResponse") ? Sha256.hex(c.get("modelResponse").asText()) : null;
            cases.computeIfAbsent(ref.fileAndCase(), k -> new ArrayList<>(1))
                    .add(new Case(ref, "passed".equals(c.path("status").asText()), drawn, samplesPassed, scores, response));
        }
    }

    /** The file as it was given. */
    public Path path() {
        return path;
    }

    /** When the baseline run finished, as its report says; empty if it does not. */
    public Optional<String> finishedAt() {
        return Optional.ofNullable(finishedAt);
    }

    /** The baseline's case that is {@code ref}: same file and key, and same model (or the only one, if either has none). */
    Optional<Case> find(CaseRef ref) {
        List<Case> candidates = byFileAndCase.getOrDefault(ref.fileAndCase(), List.of());
        for (Case c : candidates) {
            if (java.util.Objects.equals(c.ref().model(), ref.model())) {
                return Optional.of(c);
            }
        }
        boolean eitherHasNoModel = ref.model() == null || candidates.size() == 1 && candidates.get(0).ref().model() == null;
        return candidates.size() == 1 && eitherHasNoModel ? Optional.of(candidates.get(0)) : Optional.empty();
    }

    /** Every case of the baseline. */
    List<Case> cases() {
        return byFileAndCase.values().stream().flatMap(List::stream).toList();
    }
}
