package dev.promptspec.run;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.promptspec.promptfile.TestCase;
import org.apiguardian.api.API;

/** A case a run will run on its own provider, known before it runs: what a batch step collects calls from. */
@API(status = EXPERIMENTAL, since = "0.1")
public record PlannedCase(CompiledPrompt prompt, TestCase testCase) {
}
