package dev.promptspec.eval.json;

import static org.apiguardian.api.API.Status.INTERNAL;

import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import com.networknt.schema.serialization.BasicNodeReader;
import com.networknt.schema.serialization.NodeReader;
import dev.promptspec.eval.Texts;
import dev.promptspec.eval.Verdict;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.apiguardian.api.API;

/**
 * A JSON Schema (networknt json-schema-validator), checked against its meta-schema when it is created so
 * that a mistyped keyword value is an error of the prompt file, not a mystery at run time. Schemas without
 * {@code $schema} are draft 2020-12. {@code $ref}s to local files resolve against the schema's own location;
 * nothing is ever fetched from the network.
 */
@API(status = INTERNAL, since = "0.1")
public final class JsonSchema {

    private static final int SHOWN = 5;
    /** Reads schemas and the JSON they check alike (networknt's default reader, named so both uses share it). */
    private static final NodeReader READER = BasicNodeReader.getInstance();
    private static final SchemaRegistry REGISTRY = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12,
            builder -> builder.nodeReader(READER).resourceLoaders(loaders -> loaders.add(iri -> {
                // file: references of local schemas; http(s) stays unresolvable on purpose (offline, deterministic)
                if (!"file".equalsIgnoreCase(iri.getScheme())) {
                    return null;
                }
                Path p = Path.of(URI.create(iri.toString()));
                return () -> Files.newInputStream(p);
            })));

    private final Schema schema;
    private final String origin;

    private JsonSchema(Schema schema, String origin) {
        this.schema = schema;
        this.origin = origin;
    }

    /**
     * A schema written as JSON or YAML text.
     *
     * @param base where relative {@code $ref}s resolve from (the prompt file), or null
     * @throws IllegalArgumentException when the text is not a schema; the message says why
     */
    public static JsonSchema of(String text, URI base) {
        InputFormat format = text.stripLeading().startsWith("{") ? InputFormat.JSON : InputFormat.YAML;
        String location = base != null && "file".equals(base.getScheme()) ? base.toString() : "inline-schema.json";
        return load(() -> REGISTRY.getSchema(SchemaLocation.of(location), text, format), "the schema");
    }

    /** A schema file ({@code .json}, or YAML for {@code .yml}/{@code .yaml}). */
    public static JsonSchema of(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("schema file " + file + " does not exist");
        }
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        InputFormat format = name.endsWith(".yml") || name.endsWith(".yaml") ? InputFormat.YAML : InputFormat.JSON;
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read schema file " + file + ": " + e.getMessage(), e);
        }
        // read here rather than by location: the registry caches what it loads by location, and an edited file must count
        return load(() -> REGISTRY.getSchema(SchemaLocation.of(file.toUri().toString()), text, format),
                "schema file " + file.getFileName());
    }

    /** A schema at a URL (a classpath resource inside a jar); its {@code $ref}s cannot leave the jar. */
    public static JsonSchema of(URL url) {
        String name = url.getPath().toLowerCase(Locale.ROOT);
        InputFormat format = name.endsWith(".yml") || name.endsWith(".yaml") ? InputFormat.YAML : InputFormat.JSON;
        try (InputStream in = url.openStream()) {
            String text = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            return load(() -> REGISTRY.getSchema(SchemaLocation.of("inline-schema.json"), text, format), "schema " + url);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read schema " + url + ": " + e.getMessage(), e);
        }
    }

    private interface Loader {
        Schema load();
    }

    private static JsonSchema load(Loader loader, String origin) {
        Schema schema;
        List<Error> invalid;
        try {
            schema = loader.load();
            invalid = metaSchema(schema).validate(schema.getSchemaNode());
            if (invalid.isEmpty()) {
                schema.initializeValidators(); // resolves every $ref now, so a broken one is a load-time error
            }
        } catch (RuntimeException e) { // networknt's SchemaException, or a parse error it wraps unchecked
            throw new IllegalArgumentException("cannot read " + origin + ": " + Texts.firstLine(e.getMessage()), e);
        }
        if (!invalid.isEmpty()) {
            throw new IllegalArgumentException(origin + " is not a valid JSON Schema: " + list(invalid));
        }
        return new JsonSchema(schema, origin);
    }

    private static Schema metaSchema(Schema schema) {
        SpecificationVersion version = SpecificationVersion.fromSchemaNode(schema.getSchemaNode())
                .orElse(SpecificationVersion.DRAFT_2020_12);
        return REGISTRY.getSchema(SchemaLocation.of(version.getDialectId()));
    }

    /** Passed, or failed listing the first violations with their JSON pointers; {@code json} must be valid JSON. */
    public Verdict check(JsonResponse json) {
        List<Error> errors = schema.validate(json.schemaInstance());
        return errors.isEmpty() ? Verdict.pass("matches " + origin)
                : Verdict.fail("the JSON does not match " + origin + ": " + list(errors));
    }

    /** JSON text as {@link #check} validates it: read as {@code Schema.validate(String, JSON)} would read it. */
    static com.fasterxml.jackson.databind.JsonNode readInstance(String json) {
        try {
            return READER.readTree(json, InputFormat.JSON);
        } catch (IOException e) {
            // only called on text JsonResponse has already parsed as JSON
            throw new UncheckedIOException("networknt cannot read JSON that Jackson read: " + Texts.firstLine(e.getMessage()), e);
        }
    }

    private static String list(List<Error> errors) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < Math.min(SHOWN, errors.size()); i++) {
            Error e = errors.get(i);
            String at = e.getInstanceLocation() == null ? "" : e.getInstanceLocation().toString();
            sb.append(i == 0 ? "" : "; ").append(at.isEmpty() ? "(root)" : at).append(": ").append(e.getMessage());
        }
        if (errors.size() > SHOWN) {
            sb.append("; and ").append(errors.size() - SHOWN).append(" more");
        }
        return sb.toString();
    }
}
