package dev.promptspec.internal.util;

import static org.assertj.core.api.Assertions.assertThat;

import dev.promptspec.promptfile.PromptFileLoader;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * A near miss of a known key is an error (as written it does nothing); anything else is someone's own key, which
 * gh-models ignores and so must PromptSpec. So the threshold must catch typos and never take an ordinary word for one.
 */
class SuggestionsTest {

    /** Every key the loader knows at some level: top level, testData entries, modelParameters, variables. */
    private static final Set<String> KNOWN = known();

    private static Set<String> known() {
        Set<String> keys = new LinkedHashSet<>(PromptFileLoader.GH_MODELS_KEYS);
        keys.addAll(PromptFileLoader.EXTENSION_KEYS);
        keys.addAll(List.of("expected", "input", "vars", "tags", "name", "description"));
        keys.addAll(List.of("temperature", "maxTokens", "max_tokens", "topP", "top_p", "stop", "seed", "frequencyPenalty",
                "presencePenalty"));
        keys.addAll(List.of("required", "default"));
        return keys;
    }

    @Test
    void ordinary_keys_of_real_files_are_not_taken_for_misspellings() {
        List<String> ordinary = List.of("notes", "note", "owner", "team", "id", "ids", "title", "type", "data", "source", "category",
                "comment", "priority", "label", "labels", "language", "lang", "topic", "question", "answer", "context", "score",
                "level", "user", "query", "url", "date", "status", "kind", "group", "domain", "scenario", "difficulty",
                "reference", "ticket", "email", "subject", "body", "text", "prompt", "output", "result", "locale", "region",
                "product", "created", "updated", "game", "cars", "same", "subscription", "prescription", "customer_id");
        for (String key : ordinary) {
            assertThat(Suggestions.closest(key, KNOWN)).as(key).isEmpty();
        }
    }

    @Test
    void typos_of_known_keys_are_near_misses() {
        assertThat(Suggestions.closest("testdata", KNOWN)).contains("testData");
        assertThat(Suggestions.closest("evaluator", KNOWN)).contains("evaluators");
        assertThat(Suggestions.closest("modelParameter", KNOWN)).contains("modelParameters");
        assertThat(Suggestions.closest("mesages", KNOWN)).contains("messages");
        assertThat(Suggestions.closest("temprature", KNOWN)).contains("temperature");
        assertThat(Suggestions.closest("expeted", KNOWN)).contains("expected");
        assertThat(Suggestions.closest("expect", KNOWN)).contains("expected");
        assertThat(Suggestions.closest("descripton", KNOWN)).contains("description");
        assertThat(Suggestions.closest("nmae", KNOWN)).as("two letters swapped").contains("name");
        assertThat(Suggestions.closest("tag", KNOWN)).contains("tags");
        assertThat(Suggestions.closest("Name", KNOWN)).as("case").contains("name");
        assertThat(Suggestions.closest("test_data", List.of("testData"))).as("snake_case spelling").contains("testData");
    }

    @Test
    void a_different_first_letter_is_a_typo_only_when_a_letter_is_missing_added_or_swapped() {
        assertThat(Suggestions.closest("xpected", KNOWN)).as("first letter dropped").contains("expected");
        assertThat(Suggestions.closest("anme", KNOWN)).as("first two letters swapped").contains("name");
        assertThat(Suggestions.closest("schema", KNOWN)).as("'$' dropped").contains("$schema");
        assertThat(Suggestions.closest("game", KNOWN)).as("another word").isEmpty();
    }

    @Test
    void of_two_candidates_as_close_the_same_one_wins_whatever_the_order() {
        assertThat(Suggestions.closest("cat", List.of("cart", "cast"))).contains("cart");
        assertThat(Suggestions.closest("cat", List.of("cast", "cart"))).contains("cart");
    }
}
