package dev.promptspec.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Every key in {@link Keys} is a row of the one configuration table (docs/configuration.md), and every row a key. */
class KeysDocumentedTest {

    private static final Pattern ROW = Pattern.compile("(?m)^\\| `(promptspec\\.[^`]+)` \\|");

    @Test
    void the_configuration_page_lists_exactly_the_keys() throws Exception {
        Set<String> keys = new TreeSet<>();
        for (Field f : Keys.class.getFields()) {
            if (Modifier.isStatic(f.getModifiers()) && f.getType() == String.class) {
                keys.add((String) f.get(null));
            }
        }
        keys.remove(Keys.PREFIX);
        // A prefix: prices are a row of their own.
        keys.remove(Keys.PRICE_PREFIX);
        keys.add(Keys.PRICE_PREFIX + "<model>");
        Set<String> documented = new TreeSet<>();
        Matcher m = ROW.matcher(Files.readString(Path.of("..", "docs", "configuration.md")));
        while (m.find()) {
            documented.add(m.group(1));
        }
        assertThat(documented).isEqualTo(keys);
    }
}
