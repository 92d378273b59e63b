package dev.promptspec.junit;

import static org.apiguardian.api.API.Status.STABLE;

import org.apiguardian.api.API;

/**
 * The engine's constants. Its configuration keys are in {@link dev.promptspec.config.Keys}, with everything else that
 * reads configuration.
 */
@API(status = STABLE, since = "0.1")
public final class Constants {

    private Constants() {
    }

    /** The engine's id, for {@code --include-engine}, {@code @IncludeEngines} and unique ids. */
    public static final String ENGINE_ID = "promptspec";
}
