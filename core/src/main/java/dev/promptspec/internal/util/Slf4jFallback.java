package dev.promptspec.internal.util;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.function.Function;
import org.apiguardian.api.API;
import org.slf4j.spi.SLF4JServiceProvider;

/**
 * Keeps SLF4J quiet for users who have no logging binding, without giving them one. langchain4j and the JSON Schema
 * validator log through SLF4J 2, which, finding no provider, prints three "No SLF4J providers were found" lines to
 * every run. Before PromptSpec first uses either library, {@link #selectNoOperationUnlessBound()} selects SLF4J's own
 * no-operation provider (a class of slf4j-api) through the system property {@code slf4j.provider}; a user's binding,
 * or a provider the user chose, is never overridden.
 */
@API(status = INTERNAL, since = "0.1")
public final class Slf4jFallback {

    static final String PROVIDER_KEY = "slf4j.provider";
    static final String NO_OPERATION_PROVIDER = "org.slf4j.helpers.NOP_FallbackServiceProvider";
    /** SLF4J says at INFO that it loads an explicitly chosen provider: one line as unwanted as the three it replaces. */
    static final String VERBOSITY_KEY = "slf4j.internal.verbosity";
    /** How SLF4J 1.7 bindings announce themselves; SLF4J 2 ignores them, and says so. */
    private static final String LEGACY_BINDING = "org/slf4j/impl/StaticLoggerBinder.class";

    private static boolean decided;

    private Slf4jFallback() {
    }

    /**
     * Call before the first use of a library that logs through SLF4J; the first call decides, later ones do nothing. When
     * SLF4J was already initialised by then (by the user's code), setting the properties changes nothing.
     */
    public static synchronized void selectNoOperationUnlessBound() {
        if (decided) {
            return;
        }
        decided = true;
        try {
            ClassLoader slf4j = SLF4JServiceProvider.class.getClassLoader(); // where SLF4J looks for providers
            properties(System::getProperty, bindingOnClassPath(slf4j != null ? slf4j : ClassLoader.getSystemClassLoader()))
                    .forEach(System::setProperty);
        } catch (SecurityException e) {
            // not allowed to set system properties: SLF4J prints its lines, which is all that is lost
        }
    }

    /** The system properties to set: none when there is a binding or the user chose a provider. */
    static Map<String, String> properties(Function<String, String> systemProperty, boolean bindingOnClassPath) {
        Map<String, String> set = new LinkedHashMap<>();
        if (bindingOnClassPath || systemProperty.apply(PROVIDER_KEY) != null) {
            return set;
        }
        set.put(PROVIDER_KEY, NO_OPERATION_PROVIDER);
        if (systemProperty.apply(VERBOSITY_KEY) == null) {
            set.put(VERBOSITY_KEY, "WARN");
        }
        return set;
    }

    /**
     * Whether SLF4J, loaded by {@code loader}, finds a provider, or a binding for SLF4J 1.7 that it ignores and reports (a
     * provider then would hide that report, and with it that the user's logging is off). A provider that fails to load
     * counts: SLF4J reports that too.
     */
    static boolean bindingOnClassPath(ClassLoader loader) {
        if (loader.getResource(LEGACY_BINDING) != null) {
            return true;
        }
        try {
            return ServiceLoader.load(SLF4JServiceProvider.class, loader).stream().findAny().isPresent();
        } catch (ServiceConfigurationError e) {
            return true;
        }
    }
}
