package dev.promptspec.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The recording key: the canonical JSON of what is sent, hashed once however often it is asked for. */
class ModelRequestTest {

    private static ModelRequest request(String user) {
        return new ModelRequest("openai/gpt-4o-mini", List.of(new ChatMessage(Role.SYSTEM, "You triage tickets."),
                new ChatMessage(Role.USER, user)), new ModelParameters(0.0, 200, null, null, null, null, null, null), null);
    }

    @Test
    void the_fingerprint_is_the_sha_256_of_the_requests_canonical_json() throws Exception {
        String json = "{\"model\":\"openai/gpt-4o-mini\",\"messages\":[{\"role\":\"system\",\"content\":\"You triage tickets.\"},"
                + "{\"role\":\"user\",\"content\":\"Ticket AB-000001: \\\"refund\\\"\\nplease\"}],"
                + "\"parameters\":{\"temperature\":0.0,\"max_tokens\":200}}";
        String expected = "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest(json.getBytes(StandardCharsets.UTF_8)));

        assertThat(request("Ticket AB-000001: \"refund\"\nplease").fingerprint()).isEqualTo(expected);
    }

    @Test
    void a_request_is_hashed_once_and_an_equal_request_gets_the_same_fingerprint_without_hashing_again() {
        ModelRequest first = request("Ticket AB-000002: my invoice is wrong");
        String fingerprint = first.fingerprint();

        assertThat(first.fingerprint()).isSameAs(fingerprint);
        assertThat(request("Ticket AB-000002: my invoice is wrong").fingerprint()).isSameAs(fingerprint);
        assertThat(request("Ticket AB-000003: my invoice is wrong").fingerprint()).isNotEqualTo(fingerprint);
    }
}
