package dev.promptspec.examples;

import dev.promptspec.junit.PromptSpec;

/** The prompt that started PromptSpec: its testData entries run as tests, offline from the recordings. */
@PromptSpec("prompts/cqrs-architect.prompt.yml")
class CqrsArchitectPromptTest {
}
