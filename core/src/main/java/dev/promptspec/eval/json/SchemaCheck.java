package dev.promptspec.eval.json;

import dev.promptspec.eval.Verdict;

/** The JSON validates against a schema. */
record SchemaCheck(JsonSchema schema) implements JsonCheck {

    @Override
    public String expectation() {
        return "JSON valid against the schema";
    }

    @Override
    public Verdict check(JsonResponse json) {
        return schema.check(json);
    }
}
