package dev.promptspec.model;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.promptspec.problem.Position;
import org.apiguardian.api.API;

/**
 * The file's {@code responseFormat} and {@code jsonSchema}.
 *
 * @param type           {@code text}, {@code json_object} or {@code json_schema}
 * @param jsonSchemaJson for {@code json_schema}: the object holding {@code name} and {@code schema}, as JSON text
 * @param position       where {@code responseFormat} is written
 */
@API(status = EXPERIMENTAL, since = "0.1")
public record ResponseFormat(String type, String jsonSchemaJson, Position position) {

    /** Whether answers must match the file's {@code jsonSchema}. */
    public boolean isJsonSchema() {
        return "json_schema".equals(type);
    }

    /** Whether answers must be JSON ({@code json_object} or {@code json_schema}). */
    public boolean isJson() {
        return "json_object".equals(type) || isJsonSchema();
    }
}
