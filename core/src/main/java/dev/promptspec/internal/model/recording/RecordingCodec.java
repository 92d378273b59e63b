package dev.promptspec.internal.model.recording;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.promptspec.config.YamlLimits;
import dev.promptspec.internal.util.Json;
import dev.promptspec.internal.yaml.YamlList;
import dev.promptspec.internal.yaml.YamlMap;
import dev.promptspec.internal.yaml.YamlNode;
import dev.promptspec.internal.yaml.YamlReader;
import dev.promptspec.internal.yaml.YamlScalar;
import dev.promptspec.internal.yaml.YamlSyntaxException;
import dev.promptspec.internal.yaml.YamlValues;
import dev.promptspec.model.ChatMessage;
import dev.promptspec.model.ModelParameters;
import dev.promptspec.model.ModelRequest;
import dev.promptspec.model.ModelResponse;
import dev.promptspec.model.ResponseFormat;
import dev.promptspec.model.Role;
import dev.promptspec.model.TokenUsage;
import dev.promptspec.problem.InvalidConfigException;
import dev.promptspec.problem.Position;
import dev.promptspec.problem.ProblemCollector;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.representer.Representer;

/**
 * The recordings file format: YAML, one file per prompt file, multi-line texts as literal blocks so a
 * changed answer shows as a readable diff.
 */
final class RecordingCodec {

    static final int FORMAT_VERSION = 1;
    private static final ObjectMapper JSON = Json.MAPPER;
    /** Recordings hold long answers; read them with generous but finite bounds. */
    private static final YamlLimits LIMITS = new YamlLimits(64 * 1024 * 1024, 0, 32, 5_000_000);

    private RecordingCodec() {
    }

    static String write(String promptFile, List<Recording> recordings) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("format", FORMAT_VERSION);
        root.put("prompt", promptFile);
        List<Object> list = new ArrayList<>();
        for (Recording r : recordings) {
            list.add(toMap(r));
        }
        root.put("recordings", list);
        return "# Recorded model responses for " + promptFile + ", written by PromptSpec.\n"
                + "# Replayed when the request (model, rendered messages, parameters) is unchanged.\n"
                + "# Review changes like code; delete an entry to have it recorded again.\n"
                + yaml().dump(root);
    }

    private static Map<String, Object> toMap(Recording r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("case", r.caseKey());
        if (r.model() != null) {
            m.put("model", r.model()); // only in a run of several models: files of one model's runs stay as they were
        }
        m.put("call", r.purpose());
        if (r.sample() > 1) {
            m.put("sample", r.sample());
        }
        m.put("recordedAt", r.recordedAt().toString());
        if (r.note() != null) {
            m.put("note", r.note());
        }
        Map<String, Object> req = new LinkedHashMap<>();
        ModelRequest q = r.request();
        req.put("model", q.model());
        Map<String, Object> params = q.parameters().asMap();
        if (!params.isEmpty()) {
            req.put("parameters", params);
        }
        if (q.responseFormat() != null) {
            req.put("responseFormat", q.responseFormat().type());
            if (q.responseFormat().jsonSchemaJson() != null) {
                req.put("jsonSchema", q.responseFormat().jsonSchemaJson());
            }
        }
        List<Object> messages = new ArrayList<>();
        for (ChatMessage msg : q.messages()) {
            Map<String, Object> mm = new LinkedHashMap<>();
            mm.put("role", msg.role().wireName());
            mm.put("content", msg.content());
            messages.add(mm);
        }
        req.put("messages", messages);
        m.put("request", req);
        Map<String, Object> resp = new LinkedHashMap<>();
        ModelResponse a = r.response();
        if (a.modelId() != null) {
            resp.put("model", a.modelId());
        }
        if (a.finishReason() != null) {
            resp.put("finishReason", a.finishReason());
        }
        if (a.usage().isKnown()) {
            Map<String, Object> usage = new LinkedHashMap<>();
            if (a.usage().inputTokens() != null) {
                usage.put("input", a.usage().inputTokens());
            }
            if (a.usage().outputTokens() != null) {
                usage.put("output", a.usage().outputTokens());
            }
            resp.put("usage", usage);
        }
        resp.put("latencyMs", a.latency().toMillis());
        resp.put("text", a.text());
        m.put("response", resp);
        return m;
    }

    /**
     * The recordings in {@code text}: read quickly when it is a plain file (see {@link FastRecordingReader}), else with
     * every node's position, which is also how every problem is reported at its line.
     */
    static List<Recording> read(String text, String fileName) throws InvalidConfigException {
        List<Recording> fast = FastRecordingReader.read(text, fileName, LIMITS);
        return fast != null ? fast : readWithPositions(text, fileName);
    }

    /** The recordings in {@code text}, read with every node's position: each problem is reported at its line. */
    static List<Recording> readWithPositions(String text, String fileName) throws InvalidConfigException {
        YamlNode root;
        try {
            root = new YamlReader(LIMITS).read(text, fileName, new ProblemCollector());
        } catch (YamlSyntaxException e) {
            throw new InvalidConfigException(e.problem().position(), "recordings file is not valid YAML: " + e.problem().message(),
                    "Fix it, or delete the file to record again");
        }
        return recordings(root);
    }

    /** The recordings under the document's root. */
    static List<Recording> recordings(YamlNode root) throws InvalidConfigException {
        if (!(root instanceof YamlMap map)) {
            throw bad(root.position(), "the recordings file must be a mapping");
        }
        YamlNode list = map.get("recordings").orElse(null);
        if (list == null || list instanceof YamlScalar s && s.isNull()) {
            return List.of();
        }
        if (!(list instanceof YamlList l)) {
            throw bad(list.position(), "'recordings' must be a list");
        }
        List<Recording> out = new ArrayList<>();
        for (YamlNode item : l.items()) {
            out.add(readOne(item));
        }
        return out;
    }

    private static Recording readOne(YamlNode node) throws InvalidConfigException {
        YamlMap m = map(node, "a recording");
        YamlMap req = map(required(m, "request"), "'request'");
        YamlMap resp = map(required(m, "response"), "'response'");
        List<ChatMessage> messages = new ArrayList<>();
        YamlNode msgs = required(req, "messages");
        if (!(msgs instanceof YamlList ml)) {
            throw bad(msgs.position(), "'messages' must be a list");
        }
        for (YamlNode mn : ml.items()) {
            YamlMap mm = map(mn, "a message");
            String roleText = text(mm, "role");
            Role role = Role.parse(roleText).orElseThrow(() -> bad(mm.position(), "unknown role '" + roleText + "'"));
            messages.add(new ChatMessage(role, text(mm, "content")));
        }
        ModelParameters params = parameters(req.get("parameters").orElse(null));
        ResponseFormat format = null;
        if (req.has("responseFormat")) {
            format = new ResponseFormat(text(req, "responseFormat"), optText(req, "jsonSchema"), req.position());
        }
        ModelRequest request = new ModelRequest(text(req, "model"), messages, params, format);
        Integer in = null;
        Integer out = null;
        if (resp.get("usage").orElse(null) instanceof YamlMap u) {
            in = integer(u, "input");
            out = integer(u, "output");
        }
        long latency = resp.scalar("latencyMs").flatMap(YamlScalar::asDouble).map(Double::longValue).orElse(0L);
        ModelResponse response = new ModelResponse(text(resp, "text"), new TokenUsage(in, out), Duration.ofMillis(latency),
                optText(resp, "finishReason"), optText(resp, "model"), 0, ModelResponse.Origin.REPLAYED);
        Instant at;
        try {
            at = Instant.parse(text(m, "recordedAt"));
        } catch (DateTimeParseException e) {
            throw bad(m.position(), "'recordedAt' is not an ISO-8601 instant");
        }
        int sample = 1;
        if (m.has("sample")) {
            sample = m.scalar("sample").flatMap(YamlScalar::asInt).filter(i -> i >= 1)
                    .orElseThrow(() -> bad(m.position(), "'sample' must be a whole number from 1"));
        }
        return new Recording(text(m, "case"), optText(m, "call") == null ? "prompt" : optText(m, "call"), at, request, response,
                optText(m, "note"), null, sample, optText(m, "model"));
    }

    private static ModelParameters parameters(YamlNode node) throws InvalidConfigException {
        if (node == null || node instanceof YamlScalar s && s.isNull()) {
            return ModelParameters.NONE;
        }
        YamlMap p = map(node, "'parameters'");
        Object stop = p.get("stop").map(YamlValues::toJava).orElse(null);
        List<String> stopList = null;
        if (stop instanceof List<?> l) {
            stopList = l.stream().map(String::valueOf).toList();
        }
        return new ModelParameters(dbl(p, "temperature"), integer(p, "max_tokens"), integer(p, "max_completion_tokens"),
                dbl(p, "top_p"), stopList, integer(p, "seed"), dbl(p, "frequency_penalty"), dbl(p, "presence_penalty"));
    }

    private static Double dbl(YamlMap m, String key) {
        return m.scalar(key).flatMap(YamlScalar::asDouble).orElse(null);
    }

    private static Integer integer(YamlMap m, String key) {
        return m.scalar(key).flatMap(YamlScalar::asInt).orElse(null);
    }

    private static YamlNode required(YamlMap m, String key) throws InvalidConfigException {
        return m.get(key).orElseThrow(() -> bad(m.position(), "missing '" + key + "'"));
    }

    private static YamlMap map(YamlNode n, String what) throws InvalidConfigException {
        if (n instanceof YamlMap m) {
            return m;
        }
        throw bad(n.position(), what + " must be a mapping");
    }

    private static String text(YamlMap m, String key) throws InvalidConfigException {
        YamlNode n = required(m, key);
        if (n instanceof YamlScalar s) {
            return s.isNull() ? "" : s.text();
        }
        throw bad(n.position(), "'" + key + "' must be a text");
    }

    private static String optText(YamlMap m, String key) {
        return m.scalar(key).map(YamlScalar::text).orElse(null);
    }

    private static InvalidConfigException bad(Position p, String message) {
        return new InvalidConfigException(p, "corrupt recording: " + message, "Fix the entry, or delete it to record again");
    }

    private static Yaml yaml() {
        DumperOptions options = new DumperOptions();
        options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
        options.setIndent(2);
        options.setIndicatorIndent(0);
        options.setWidth(120);
        options.setSplitLines(false);
        options.setAllowUnicode(true);
        options.setLineBreak(DumperOptions.LineBreak.UNIX);
        return new Yaml(new LiteralBlockRepresenter(options), options);
    }

    /** Writes multi-line strings as {@code |} blocks, the form that diffs line by line. */
    private static final class LiteralBlockRepresenter extends Representer {
        LiteralBlockRepresenter(DumperOptions options) {
            super(options);
            this.representers.put(String.class, data -> {
                String s = (String) data;
                DumperOptions.ScalarStyle style = s.indexOf('\n') >= 0 ? DumperOptions.ScalarStyle.LITERAL : null;
                return style == null ? representScalar(Tag.STR, s) : representScalar(Tag.STR, s, style);
            });
        }

        @Override
        protected Node representScalar(Tag tag, String value, DumperOptions.ScalarStyle style) {
            return super.representScalar(tag, value, style);
        }
    }

    static String json(Object o) {
        try {
            return JSON.writeValueAsString(o);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
