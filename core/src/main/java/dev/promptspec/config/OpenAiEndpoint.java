package dev.promptspec.config;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.promptspec.model.Secret;
import java.net.URI;
import java.util.Locale;
import org.apiguardian.api.API;

/**
 * An OpenAI-compatible endpoint: OpenAI itself, Azure OpenAI's v1 API, GitHub Models, vLLM, LM Studio,
 * Ollama's {@code /v1}...
 *
 * @param baseUrl   the API root, ending before {@code /chat/completions}
 * @param apiKey    the key, or null (some local servers need none)
 * @param keySource where the key came from, for messages ("environment variable OPENAI_API_KEY"); never the key
 */
@API(status = EXPERIMENTAL, since = "0.1")
public record OpenAiEndpoint(URI baseUrl, Secret apiKey, String keySource) {

    public static final URI OPENAI = URI.create("https://api.openai.com/v1");
    public static final URI GITHUB_MODELS = URI.create("https://models.github.ai/inference");

    public boolean isOpenAi() {
        return "api.openai.com".equals(host());
    }

    public boolean isGitHubModels() {
        return "models.github.ai".equals(host());
    }

    /** True for servers on this machine, which commonly need no key. */
    public boolean isLocal() {
        String h = host();
        return h.equals("localhost") || h.startsWith("127.") || h.equals("[::1]") || h.equals("::1");
    }

    /**
     * True when {@code other} is the same server as this endpoint: same scheme, host (ignoring case) and port
     * (the scheme's default when none is written). A key is sent only where it was meant to go, never to
     * another host because a path or a setting points there.
     */
    public boolean sameServerAs(URI other) {
        String scheme = scheme(baseUrl);
        return scheme.equals(scheme(other)) && host().equals(other.getHost() == null ? "" : other.getHost().toLowerCase(Locale.ROOT))
                && port(baseUrl) == port(other);
    }

    private static String scheme(URI u) {
        return u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
    }

    private static int port(URI u) {
        if (u.getPort() != -1) {
            return u.getPort();
        }
        return switch (scheme(u)) {
            case "https" -> 443;
            case "http" -> 80;
            default -> -1;
        };
    }

    private String host() {
        String h = baseUrl.getHost();
        return h == null ? "" : h.toLowerCase(Locale.ROOT);
    }

    /**
     * The model id to put on the wire. gh-style ids ({@code openai/gpt-4o}) lose their publisher prefix on
     * OpenAI itself, which does not know it; other endpoints (GitHub Models needs it) get the id as written.
     */
    public String wireModelId(String modelId) {
        if (isOpenAi() && modelId.regionMatches(true, 0, "openai/", 0, 7)) {
            return modelId.substring(7);
        }
        return modelId;
    }

    @Override
    public String toString() {
        return baseUrl.toString();
    }
}
