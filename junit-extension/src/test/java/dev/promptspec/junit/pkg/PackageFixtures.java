package dev.promptspec.junit.pkg;

import dev.promptspec.junit.PromptSpec;

/** The only {@code @PromptSpec} classes of this package, for discovery by package selector. */
final class PackageFixtures {

    private PackageFixtures() {
    }

    @PromptSpec("prompts/basic")
    static class Greetings {
    }

    @PromptSpec("prompts/mixed/good.prompt.yml")
    static class FrenchGreetings {
    }
}
