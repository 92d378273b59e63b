package dev.promptspec.junit;

import dev.promptspec.config.Keys;
import dev.promptspec.testing.FakeOpenAiServer.Completion;
import dev.promptspec.testing.FakeOpenAiServer.Received;
import dev.promptspec.testing.FakeOpenAiServer.Reply;
import dev.promptspec.testing.FakeOpenAiServer;
import dev.promptspec.testing.FakeTiming;
import java.util.Map;
import org.junit.platform.testkit.engine.EngineTestKit;

/**
 * The engine under test, hermetic: its environment is a map (no real key ever reaches it), only the
 * configuration a test sets applies (no system properties, no junit-platform.properties), and retries back off on
 * a fake clock, so a test that meets a retried error does not wait for the backoff.
 */
final class EngineKit {

    /** A key shaped like a real one, so redaction is tested on something that looks like a key. */
    static final String KEY = "sk-test-Hq3mV8pLc2XwR7tNb5Kd1Yz";

    private EngineKit() {
    }

    static EngineTestKit.Builder engine(Map<String, String> environment) {
        return EngineTestKit.engine(PromptSpecTestEngine.withEnvironment(environment, new FakeTiming()))
                .enableImplicitConfigurationParameters(false);
    }

    /** No key, replay only: discovery and offline runs. */
    static EngineTestKit.Builder offline() {
        return engine(Map.of()).configurationParameter(Keys.MODE, "replay");
    }

    /** Calls {@code server} with a key, never writing recordings. */
    static EngineTestKit.Builder live(FakeOpenAiServer server) {
        return engine(Map.of("OPENAI_API_KEY", KEY))
                .configurationParameter(Keys.OPENAI_BASE_URL, server.baseUrl())
                .configurationParameter(Keys.MODE, "live");
    }

    /**
     * Answers the prompts of {@code prompts/}: the triage tickets as a triage model would (wrong about the outage,
     * a server error for the feature request), greetings politely.
     */
    static Reply answer(Received request) {
        String user = request.lastMessage("user");
        if (user.contains("20% VAT")) {
            return new Completion("""
                    **billing**

                    - Reason: the March invoice applies 20% VAT where the contract sets 7%.
                    - Route to: Billing operations, to issue a corrected invoice and credit the difference.""");
        }
        if (user.contains("HTTP 502")) {
            return new Completion("""
                    **other**

                    - Reason: the customer cannot open the dashboard; this is often a local proxy or browser cache problem.
                    - Route to: Customer support, to ask for a HAR file and the browser version.""");
        }
        if (user.contains("dark mode")) {
            return new FakeOpenAiServer.Status(500, """
                    {"error": {"message": "The server had an error while processing your request. Sorry about that!",
                     "type": "server_error"}}""");
        }
        if (user.contains("email address that receives invoices")) {
            return new Completion("""
                    **billing**

                    - Reason: the customer asks where invoices are sent, which is a billing account setting.
                    - Route to: Billing operations; the address is under Settings → Billing → Invoice recipients.""");
        }
        if (user.contains("in French")) {
            String name = user.replaceAll(".*Say hello to (\\w+).*", "$1");
            return new Completion("Bonjour " + name + ", je suis ravi de faire votre connaissance !");
        }
        if (user.startsWith("Say hello to ")) {
            String name = user.substring("Say hello to ".length()).replace(".", "");
            return new Completion("Hello " + name + ", it is a pleasure to meet you. How can I help you today?");
        }
        return new FakeOpenAiServer.Status(400, "{\"error\": {\"message\": \"No fixture answer for: " + user + "\"}}");
    }
}
