package dev.promptspec.jupiter.internal;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import org.apiguardian.api.API;

/**
 * The {@code junit-platform.properties} of the test class path, as JUnit reads it (the first one found), where the
 * documentation tells users to set {@code promptspec.mode}: read for what a Jupiter extension cannot enumerate and a
 * Spring context does not see.
 */
@API(status = INTERNAL, since = "0.1")
public final class JUnitPlatformProperties {

    public static final String FILE = "junit-platform.properties";

    private JUnitPlatformProperties() {
    }

    /** Its {@code promptspec.*} entries; empty when there is no such file. */
    public static Map<String, String> promptSpecEntries(ClassLoader loader) {
        Map<String, String> out = new TreeMap<>();
        URL url = loader.getResource(FILE);
        if (url == null) {
            return out;
        }
        Properties properties = new Properties();
        try (InputStream in = url.openStream()) {
            properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + url, e);
        }
        for (String key : properties.stringPropertyNames()) {
            if (key.startsWith(dev.promptspec.config.Keys.PREFIX)) {
                out.put(key, properties.getProperty(key));
            }
        }
        return out;
    }
}
