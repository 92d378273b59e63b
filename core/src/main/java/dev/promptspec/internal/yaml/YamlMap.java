package dev.promptspec.internal.yaml;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.promptspec.problem.Position;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apiguardian.api.API;

/**
 * A YAML mapping with string keys, in document order. Duplicate keys never reach this type: the
 * reader reports them as problems and keeps the first occurrence.
 */
@API(status = INTERNAL, since = "0.1")
public record YamlMap(Map<String, Entry> entries, Position position) implements YamlNode {

    /** One key and its value; the key keeps its own position for "unknown key" messages. */
    public record Entry(String key, Position keyPosition, YamlNode value) {
    }

    public YamlMap {
        entries = Collections.unmodifiableMap(new LinkedHashMap<>(entries));
    }

    public static YamlMap empty(Position position) {
        return new YamlMap(Map.of(), position);
    }

    public Optional<YamlNode> get(String key) {
        Entry e = entries.get(key);
        return e == null ? Optional.empty() : Optional.of(e.value());
    }

    /** The value of {@code key} when it is a scalar with a value: absent for a mapping, a list or an empty value. */
    public Optional<YamlScalar> scalar(String key) {
        return get(key).filter(YamlScalar.class::isInstance).map(YamlScalar.class::cast).filter(s -> !s.isNull());
    }

    /** The first of several spellings present (e.g. {@code maxTokens} and {@code max_tokens}). */
    public Optional<Entry> entry(String... spellings) {
        for (String s : spellings) {
            Entry e = entries.get(s);
            if (e != null) {
                return Optional.of(e);
            }
        }
        return Optional.empty();
    }

    public boolean has(String key) {
        return entries.containsKey(key);
    }

    public Set<String> keys() {
        return entries.keySet();
    }

    public List<Entry> entryList() {
        return List.copyOf(entries.values());
    }

    public boolean isEmpty() {
        return entries.isEmpty();
    }

    @Override
    public String describe() {
        return "a mapping";
    }
}
