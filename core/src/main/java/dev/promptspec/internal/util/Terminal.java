package dev.promptspec.internal.util;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.io.Console;
import org.apiguardian.api.API;

/** Whether the JVM writes to a person's terminal, for what only a person watching wants (a progress line). */
@API(status = INTERNAL, since = "0.1")
public final class Terminal {

    private Terminal() {
    }

    /**
     * Whether the JVM writes to a terminal: it has a console, and on Java 22 and later (where a redirected JVM has one
     * too) the console says it is a terminal.
     */
    public static boolean attached() {
        Console console = System.console();
        if (console == null) {
            return false;
        }
        try {
            return (Boolean) Console.class.getMethod("isTerminal").invoke(console);
        } catch (NoSuchMethodException e) {
            return true; // before Java 22, a console is a terminal
        } catch (ReflectiveOperationException | RuntimeException e) {
            return false;
        }
    }

    /** Whether the process runs under CI (the environment variable {@code CI} is set, as every CI service sets it). */
    public static boolean underCi() {
        return System.getenv("CI") != null;
    }
}
