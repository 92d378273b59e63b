package dev.promptspec.examples.app;

import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;

/**
 * An application's own LLM code: the CQRS architect of {@code prompts/cqrs-architect.prompt.yml}, with its prompt built
 * in Java, as a service in an application would build it. {@code ArchitectServiceTest} tests this code path with the
 * prompt file's test data and checks, and with recorded model calls.
 */
public final class ArchitectService {

    /** The architect's rules: the same rules as the prompt file's system message, kept with the code that sends them. */
    static final String RULES = """
            You are a Principal CQRS and Event Sourcing Architect specializing in designing high-throughput, low-latency, \
            and eventually consistent distributed systems.
            Analyze the provided system requirements and design a robust architecture leveraging Command Query \
            Responsibility Segregation (CQRS) and Event Sourcing patterns.
            Adhere strictly to the Vector standard:
            - Define clear boundaries for aggregates, commands, and events.
            - Specify the event store and read model (projection) databases, justifying the choices.
            - Detail the mechanisms for event publishing, handling, and projection updates (e.g., message brokers, event bus).
            - Address eventual consistency challenges, compensating transactions (Sagas), and idempotency.
            - Use industry-standard acronyms (e.g., CQRS, ES, DDD, ACID, BASE, API, RPC) without explaining them.
            - Output format strictly requires **bold text** for architectural decisions, component choices, and aggregate roots.
            - Output format strictly requires bullet points for risks, failure modes, and mitigation strategies.
            """;

    private final ChatModel model;

    /** @param model the application's model (in its tests, PromptSpec's recorded one) */
    public ArchitectService(ChatModel model) {
        this.model = model;
    }

    /** The architecture for {@code systemRequirements}, in Markdown. */
    public String design(String systemRequirements) {
        ChatRequest request = ChatRequest.builder()
                .messages(SystemMessage.from(RULES), UserMessage.from("""
                        Design the CQRS and Event Sourcing architecture for the following system requirements:
                        <input>
                        %s
                        </input>
                        """.formatted(systemRequirements.strip())))
                .temperature(0.1)
                .build();
        return model.chat(request).aiMessage().text();
    }
}
