package dev.promptspec.examples;

import dev.promptspec.junit.PromptSpec;

/**
 * One prompt on two models ({@code models:} in the file): each case is a container with a test per model, and each
 * model replays its own recorded answers, so the two can be compared case by case (in the HTML report's prompt × model
 * matrix, too).
 */
@PromptSpec("prompts/release-notes.prompt.yml")
class ReleaseNotesPromptTest {
}
