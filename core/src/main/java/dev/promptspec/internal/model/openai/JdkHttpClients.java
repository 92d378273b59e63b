package dev.promptspec.internal.model.openai;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.net.http.HttpClient;
import org.apiguardian.api.API;

/**
 * Stops a JDK {@link HttpClient}'s threads once its run is over. An open client keeps a selector thread waiting in
 * native code, and a JVM that exits through {@code System.exit} (Surefire's fork, the ConsoleLauncher) waits up to
 * 300 ms for threads in native code before it stops: about 0.3 s added to every run that called a model.
 *
 * <p>On JDK 21 and newer the client is {@link AutoCloseable}, and closing it stops that thread. JDK 17 to 20 offer no
 * way to close a client; there the selector thread ends when it is interrupted (its loop runs while the thread is not
 * interrupted, and then shuts the client down), so it is found by the name the JDK gives it,
 * {@code HttpClient-<id>-SelectorManager}, the id being the one the client's {@code toString()} ends with. When the name
 * cannot be found, nothing is done: the JVM still exits, 0.3 s later.
 */
@API(status = INTERNAL, since = "0.1")
public final class JdkHttpClients {

    private JdkHttpClients() {
    }

    /** Stops {@code client}: nothing may be sent through it afterwards. */
    public static void stop(HttpClient client) {
        if (client instanceof AutoCloseable closeable) {
            try {
                closeable.close(); // JDK 21+: waits for exchanges still open, which a finished run has none of
            } catch (Exception e) {
                // closing at the end of a run; nothing left to report to
            }
            return;
        }
        Thread selector = selectorThread(client);
        if (selector != null) {
            selector.interrupt();
        }
    }

    /** The selector thread of {@code client} (JDK 17 to 20), or null when there is none by its usual name. */
    static Thread selectorThread(HttpClient client) {
        String text = client.toString();
        int open = text.lastIndexOf('(');
        if (open < 0 || !text.endsWith(")")) {
            return null;
        }
        String name = "HttpClient-" + text.substring(open + 1, text.length() - 1) + "-SelectorManager";
        ThreadGroup root = Thread.currentThread().getThreadGroup();
        while (root.getParent() != null) {
            root = root.getParent();
        }
        Thread[] threads = new Thread[root.activeCount() + 16];
        int n = root.enumerate(threads, true);
        for (int i = 0; i < n; i++) {
            if (name.equals(threads[i].getName())) {
                return threads[i];
            }
        }
        return null;
    }
}
