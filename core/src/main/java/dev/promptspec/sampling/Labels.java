package dev.promptspec.sampling;

import java.util.Locale;
import java.util.Optional;

/** The settings' enums as configuration writes them: their names in lower case, read in any case. */
final class Labels {

    private Labels() {
    }

    static <E extends Enum<E>> Optional<E> parse(Class<E> type, String text) {
        for (E e : type.getEnumConstants()) {
            if (e.name().equalsIgnoreCase(text.trim())) {
                return Optional.of(e);
            }
        }
        return Optional.empty();
    }

    static String label(Enum<?> e) {
        return e.name().toLowerCase(Locale.ROOT);
    }
}
