package dev.promptspec.promptfile;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.promptspec.problem.Position;
import dev.promptspec.problem.Problem;
import dev.promptspec.sampling.SamplingSettings;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apiguardian.api.API;

/**
 * One {@code testData} entry: one JUnit test.
 *
 * @param index       1-based position in {@code testData}
 * @param key         the stable key of the case within its file: its name when it has one (made unique), else {@code #index}
 * @param name        the entry's {@code name}, or null
 * @param description the entry's {@code description}, or null
 * @param variables   every variable the entry provides, after declared defaults ({@code expected} included)
 * @param expected    the entry's {@code expected} when it is a string, or null
 * @param tags        the entry's own {@code tags}
 * @param problems    what is wrong with this entry alone (a required variable missing...): the test fails with these
 * @param position    where the entry starts (in {@code dataFile} when it comes from one)
 * @param dataFile    the CSV, JSON Lines or YAML file the entry was read from, or null when it is written in the
 *                    prompt file; an IDE opens this file at {@code position}
 * @param keyPositions where the key of each of {@code variables} is written: in the entry, or under {@code defaults:}
 *                    when the entry inherits it (a data file's row start for its columns); empty when unknown
 * @param sampling    the entry's own {@code samples}, {@code passRate} and {@code confidence} (each may be unset; they
 *                    are settings, not variables)
 * @param samplingPosition where the first of them is written, or {@code position} when none is
 */
@API(status = EXPERIMENTAL, since = "0.1")
public record TestCase(
        int index,
        String key,
        String name,
        String description,
        Map<String, String> variables,
        String expected,
        Set<String> tags,
        List<Problem> problems,
        Position position,
        Path dataFile,
        Map<String, Position> keyPositions,
        SamplingSettings sampling,
        Position samplingPosition) {

    /**
     * The keys that mean something in an entry; every other key is a variable (gh-models' flat entries). A misspelling
     * of one ({@code expeted:}) would silently be a variable nothing reads.
     */
    public static final Set<String> ENTRY_KEYS = Set.of("name", "description", "expected", "tags", "input", "vars",
            "samples", "passRate", "confidence");

    /** An entry written in the prompt file itself. */
    public TestCase(int index, String key, String name, String description, Map<String, String> variables, String expected,
            Set<String> tags, List<Problem> problems, Position position) {
        this(index, key, name, description, variables, expected, tags, problems, position, null);
    }

    /** An entry whose keys' positions are not known. */
    public TestCase(int index, String key, String name, String description, Map<String, String> variables, String expected,
            Set<String> tags, List<Problem> problems, Position position, Path dataFile) {
        this(index, key, name, description, variables, expected, tags, problems, position, dataFile, Map.of());
    }

    /** An entry without sampling settings of its own. */
    public TestCase(int index, String key, String name, String description, Map<String, String> variables, String expected,
            Set<String> tags, List<Problem> problems, Position position, Path dataFile, Map<String, Position> keyPositions) {
        this(index, key, name, description, variables, expected, tags, problems, position, dataFile, keyPositions,
                SamplingSettings.NONE, null);
    }

    public TestCase {
        variables = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(variables));
        tags = Set.copyOf(tags);
        problems = List.copyOf(problems);
        keyPositions = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(keyPositions));
        sampling = sampling == null ? SamplingSettings.NONE : sampling;
        samplingPosition = samplingPosition == null ? position : samplingPosition;
    }

    /** Where the key of {@code variable} is written, else where the entry starts. */
    public Position positionOf(String variable) {
        return keyPositions.getOrDefault(variable, position);
    }

    /** The entry's {@code expected} value, when it has one. */
    public Optional<String> expectedText() {
        return Optional.ofNullable(expected);
    }
}
