package dev.promptspec.config;


/**
 * Where model-graded evaluators send their calls when that is not where the prompts go (a judge on another
 * provider, or the same provider with another key).
 *
 * @param endpoint       the judge's OpenAI-compatible endpoint; its key may be null
 * @param missingKeyHelp what to tell a user whose judge needs a key that is not set
 */
public record JudgeEndpoint(OpenAiEndpoint endpoint, String missingKeyHelp) {
}
