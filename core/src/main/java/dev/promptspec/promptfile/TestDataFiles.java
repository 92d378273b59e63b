package dev.promptspec.promptfile;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import dev.promptspec.config.YamlLimits;
import dev.promptspec.internal.util.Json;
import dev.promptspec.internal.yaml.YamlList;
import dev.promptspec.internal.yaml.YamlMap;
import dev.promptspec.internal.yaml.YamlNode;
import dev.promptspec.internal.yaml.YamlReader;
import dev.promptspec.internal.yaml.YamlScalar;
import dev.promptspec.internal.yaml.YamlSyntaxException;
import dev.promptspec.problem.Position;
import dev.promptspec.problem.ProblemCollector;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * testData kept in files next to the prompt file: CSV (the header row names the variables), JSON Lines (one
 * object per line) or YAML (a list of entries). Every row becomes an entry-shaped {@link YamlMap} whose
 * positions point into the data file, so a failing case, an IDE and every message name the row's own line.
 */
final class TestDataFiles {

    /** The rows of one data file. */
    record Rows(String name, Path localFile, List<YamlMap> rows) {
    }

    static final List<String> EXTENSIONS = List.of(".csv", ".jsonl", ".ndjson", ".yml", ".yaml");

    private static final ObjectMapper JSON = Json.MAPPER;
    private static final CsvMapper CSV = CsvMapper.builder().enable(CsvParser.Feature.SKIP_EMPTY_LINES).build();

    private final PromptSource source;
    private final YamlLimits limits;
    private final ProblemCollector problems;

    TestDataFiles(PromptSource source, YamlLimits limits, ProblemCollector problems) {
        this.source = source;
        this.limits = limits;
        this.problems = problems;
    }

    static boolean looksLikeDataFile(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        return !t.contains("\n") && EXTENSIONS.stream().anyMatch(t::endsWith);
    }

    /** The rows of the file {@code reference} names (relative to the prompt file); empty after reporting a problem. */
    Optional<Rows> read(YamlScalar reference) {
        String relative = reference.text().trim();
        Optional<RelativeFiles.Content> content = RelativeFiles.read(source, relative, limits, reference.position(), problems,
                "testData file");
        if (content.isEmpty()) {
            return Optional.empty();
        }
        RelativeFiles.Content c = content.get();
        String lower = relative.toLowerCase(Locale.ROOT);
        List<YamlMap> rows;
        if (lower.endsWith(".csv")) {
            rows = csv(c);
        } else if (lower.endsWith(".jsonl") || lower.endsWith(".ndjson")) {
            rows = jsonLines(c);
        } else {
            rows = yaml(c);
        }
        if (rows == null) {
            return Optional.empty();
        }
        if (rows.isEmpty()) {
            problems.warning(reference.position(), "testData file '" + relative + "' has no rows, so it adds no test",
                    "Add rows to " + c.name() + ", or remove the reference");
        }
        return Optional.of(new Rows(c.name(), c.localFile(), rows));
    }

    /** Header row = variable names; each later row one entry, positioned at the line it starts on. */
    private List<YamlMap> csv(RelativeFiles.Content c) {
        List<YamlMap> rows = new ArrayList<>();
        Position rowStart = null;
        try (CsvParser p = (CsvParser) CSV.getFactory().createParser(c.text())) {
            p.setSchema(CsvSchema.emptySchema().withHeader().withStrictHeaders(false));
            Map<String, YamlMap.Entry> row = null;
            JsonToken t;
            while ((t = p.nextToken()) != null) {
                if (t == JsonToken.START_OBJECT) {
                    row = new LinkedHashMap<>();
                    // Before its first cell is read, the parser stands at the start of the row's first line.
                    JsonLocation at = p.currentLocation();
                    rowStart = at.getLineNr() < 1 ? Position.of(c.name()) : new Position(c.name(), at.getLineNr(), 1);
                } else if (t == JsonToken.FIELD_NAME && row != null) {
                    String key = p.currentName();
                    Position at = rowStart;
                    p.nextToken();
                    if (key.isBlank()) {
                        continue; // a trailing comma in the header gives a nameless column; its cells mean nothing
                    }
                    row.put(key, new YamlMap.Entry(key, at, new YamlScalar(p.getText(), YamlScalar.Type.STRING, at)));
                } else if (t == JsonToken.END_OBJECT && row != null) {
                    rows.add(new YamlMap(row, rowStart));
                    row = null;
                }
            }
        } catch (JsonProcessingException e) {
            problems.error(position(c.name(), e.getLocation()), "cannot read CSV file " + c.name() + ": " + e.getOriginalMessage()
                    + (rowStart == null ? "" : " (in the row that starts at line " + rowStart.line() + ")"),
                    "The first row names the variables; quote cells that hold commas, quotes or line breaks with \"...\"");
            return null;
        } catch (IOException e) {
            problems.error(Position.of(c.name()), "cannot read CSV file " + c.name() + ": " + e.getMessage(), "Check the file");
            return null;
        }
        return rows;
    }

    /** One JSON object per line; blank lines are skipped. */
    private List<YamlMap> jsonLines(RelativeFiles.Content c) {
        List<YamlMap> rows = new ArrayList<>();
        String[] lines = c.text().split("\r?\n", -1);
        boolean ok = true;
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            if (line.isBlank()) {
                continue;
            }
            Position at = new Position(c.name(), i + 1, 1);
            JsonNode node;
            try {
                node = JSON.readTree(line);
            } catch (JsonProcessingException e) {
                int column = e.getLocation() == null ? 1 : Math.max(1, e.getLocation().getColumnNr());
                problems.error(new Position(c.name(), i + 1, column), "line " + (i + 1) + " of " + c.name() + " is not valid JSON: "
                        + e.getOriginalMessage(), "Write one JSON object per line, e.g. {\"topic\": \"tides\", \"expected\": \"moon\"}");
                ok = false;
                continue;
            }
            if (!node.isObject()) {
                problems.error(at, "line " + (i + 1) + " of " + c.name() + " must be a JSON object, not " + node.getNodeType()
                        .toString().toLowerCase(Locale.ROOT), "Write one JSON object per line, e.g. {\"topic\": \"tides\"}");
                ok = false;
                continue;
            }
            rows.add((YamlMap) fromJson(node, at));
        }
        return ok ? rows : null;
    }

    /** A YAML list of entries (or a mapping whose {@code testData:} is that list). */
    private List<YamlMap> yaml(RelativeFiles.Content c) {
        YamlNode root;
        try {
            root = new YamlReader(limits).read(c.text(), c.name(), problems);
        } catch (YamlSyntaxException e) {
            problems.add(e.problem());
            return null;
        }
        if (root instanceof YamlMap m && m.get("testData").orElse(null) instanceof YamlList l) {
            root = l;
        }
        if (!(root instanceof YamlList list)) {
            problems.error(root.position(), "testData file " + c.name() + " must hold a list of entries, not " + root.describe(),
                    "Write each entry as '- variable: value' lines");
            return null;
        }
        List<YamlMap> rows = new ArrayList<>();
        int index = 0;
        for (YamlNode item : list.items()) {
            index++;
            if (item instanceof YamlMap m) {
                rows.add(m);
            } else {
                problems.error(item.position(), "entry #" + index + " of " + c.name() + " must be a mapping of variables, not "
                        + item.describe(), "Write it as '- variable: value' (one key per variable)");
            }
        }
        return rows;
    }

    private static YamlNode fromJson(JsonNode node, Position at) {
        if (node.isObject()) {
            Map<String, YamlMap.Entry> entries = new LinkedHashMap<>();
            node.properties().forEach(e -> entries.put(e.getKey(), new YamlMap.Entry(e.getKey(), at, fromJson(e.getValue(), at))));
            return new YamlMap(entries, at);
        }
        if (node.isArray()) {
            List<YamlNode> items = new ArrayList<>();
            node.forEach(i -> items.add(fromJson(i, at)));
            return new YamlList(items, at);
        }
        if (node.isNull()) {
            return new YamlScalar("", YamlScalar.Type.NULL, at);
        }
        YamlScalar.Type type = node.isBoolean() ? YamlScalar.Type.BOOLEAN
                : node.isIntegralNumber() ? YamlScalar.Type.INTEGER
                : node.isNumber() ? YamlScalar.Type.FLOAT : YamlScalar.Type.STRING;
        return new YamlScalar(node.asText(), type, at);
    }

    private static Position position(String file, JsonLocation location) {
        if (location == null || location.getLineNr() < 1) {
            return Position.of(file);
        }
        return new Position(file, location.getLineNr(), Math.max(1, location.getColumnNr()));
    }
}
