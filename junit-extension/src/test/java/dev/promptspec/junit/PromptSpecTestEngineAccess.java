package dev.promptspec.junit;

import java.util.Map;

/** Lets tests in other packages build the engine with a fixed environment. */
public final class PromptSpecTestEngineAccess {

    private PromptSpecTestEngineAccess() {
    }

    public static PromptSpecTestEngine withEnvironment(Map<String, String> env) {
        return PromptSpecTestEngine.withEnvironment(env);
    }

    /** The engine with an empty environment (no key), summary off. */
    public static org.junit.platform.testkit.engine.EngineTestKit.Builder kitWithoutKey() {
        return org.junit.platform.testkit.engine.EngineTestKit.engine(withEnvironment(Map.of()))
                .configurationParameter(Constants.SUMMARY_STDOUT, "false");
    }
}
