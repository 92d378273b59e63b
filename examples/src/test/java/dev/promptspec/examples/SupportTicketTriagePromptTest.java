package dev.promptspec.examples;

import dev.promptspec.junit.PromptSpec;

/**
 * A prompt that answers in JSON ({@code responseFormat: json_schema}): each response is checked against the
 * schema automatically, and {@code json} evaluators check values at JSON pointers. Runs offline from its
 * recordings.
 */
@PromptSpec("prompts/support-ticket-triage.prompt.yml")
class SupportTicketTriagePromptTest {
}
