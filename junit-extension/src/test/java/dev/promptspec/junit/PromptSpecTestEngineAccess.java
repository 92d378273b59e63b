package dev.promptspec.junit;

import dev.promptspec.model.Timing;
import java.util.Map;

/** Lets tests in other packages build the engine with a fixed environment. */
public final class PromptSpecTestEngineAccess {

    private PromptSpecTestEngineAccess() {
    }

    public static PromptSpecTestEngine withEnvironment(Map<String, String> env) {
        return PromptSpecTestEngine.withEnvironment(env);
    }

    /** With the clock retries and rate limits wait on (a {@code FakeTiming} backs off without waiting). */
    public static PromptSpecTestEngine withEnvironment(Map<String, String> env, Timing timing) {
        return PromptSpecTestEngine.withEnvironment(env, timing);
    }

    /** The engine with an empty environment (no key). */
    public static org.junit.platform.testkit.engine.EngineTestKit.Builder kitWithoutKey() {
        return org.junit.platform.testkit.engine.EngineTestKit.engine(withEnvironment(Map.of()));
    }
}
