package dev.promptspec.springai;

import org.springframework.ai.chat.client.ChatClient;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.prompt.ChatOptions;

/** An application's service: it builds its prompt in code, with Spring AI's {@code ChatClient}. */
public class ArchitectAdvisor {

    static final String SYSTEM = """
            You are a principal architect reviewing designs for an e-commerce platform.
            Answer in Markdown with the sections "Verdict", "Risks" (bullet points) and "Next steps".""";

    private final ChatClient chat;

    public ArchitectAdvisor(ChatClient.Builder builder) {
        this.chat = builder.build();
    }

    /** The review of a proposed design, with its metadata (model, token usage). */
    public ChatResponse review(String design) {
        return chat.prompt()
                .system(SYSTEM)
                .user(u -> u.text("Review this design for a flash sale of 10k orders per second:\n{design}").param("design", design))
                .options(ChatOptions.builder().temperature(0.1).maxTokens(900))
                .call()
                .chatResponse();
    }
}
