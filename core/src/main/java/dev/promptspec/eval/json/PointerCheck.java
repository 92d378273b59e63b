package dev.promptspec.eval.json;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import dev.promptspec.eval.Verdict;

/** A check of the value at one JSON pointer. */
record PointerCheck(JsonPointer pointer, Op op, JsonNode expected) implements JsonCheck {

    enum Op { EQUALS, CONTAINS, EXISTS, ABSENT }

    @Override
    public String expectation() {
        return switch (op) {
            case EQUALS -> where() + " equal to " + JsonValues.show(expected);
            case CONTAINS -> where() + " containing " + JsonValues.show(expected);
            case EXISTS -> where() + " present";
            case ABSENT -> where() + " absent";
        };
    }

    @Override
    public Verdict check(JsonResponse json) {
        JsonNode actual = json.root().at(pointer);
        boolean present = !actual.isMissingNode();
        return switch (op) {
            case EXISTS -> present ? Verdict.pass(where() + " is " + JsonValues.show(actual)) : Verdict.fail(where() + " is missing");
            case ABSENT -> present ? Verdict.fail(where() + " is " + JsonValues.show(actual) + "; expected it absent")
                    : Verdict.pass(where() + " is absent");
            case EQUALS -> !present ? Verdict.fail(where() + " is missing; expected " + JsonValues.show(expected))
                    : JsonValues.same(actual, expected) ? Verdict.pass(where() + " is " + JsonValues.show(actual))
                    : Verdict.fail(where() + " is " + JsonValues.show(actual) + "; expected " + JsonValues.show(expected));
            case CONTAINS -> !present ? Verdict.fail(where() + " is missing; expected it to contain " + JsonValues.show(expected))
                    : JsonValues.contains(actual, expected) ? Verdict.pass(where() + " contains " + JsonValues.show(expected))
                    : Verdict.fail(where() + " is " + JsonValues.show(actual) + "; expected it to contain " + JsonValues.show(expected));
        };
    }

    private String where() {
        return pointer.toString().isEmpty() ? "the root value" : pointer.toString();
    }
}
