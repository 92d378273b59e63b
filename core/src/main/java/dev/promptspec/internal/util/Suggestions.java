package dev.promptspec.internal.util;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.util.Collection;
import java.util.Locale;
import java.util.Optional;
import org.apiguardian.api.API;

/** "Did you mean ...?" for misspelt keys and kinds. */
@API(status = INTERNAL, since = "0.1")
public final class Suggestions {

    private Suggestions() {
    }

    /**
     * The closest candidate within a small edit distance, if any: a near miss, which PromptSpec reports as a misspelling
     * where it knows the keys. The budget grows with the word (1 edit up to 5 letters, 2 up to 8, then 3), and the first
     * letter must agree unless one edit lost, added or swapped it: typos seldom touch the first letter, while different
     * words of a file often differ right there ({@code game} is not {@code name}, {@code subscription} not
     * {@code description}). Of two candidates as close, the alphabetically first wins, whatever the collection's order.
     */
    public static Optional<String> closest(String word, Collection<String> candidates) {
        String w = word.toLowerCase(Locale.ROOT);
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String c : candidates) {
            String lower = c.toLowerCase(Locale.ROOT);
            int d = distance(w, lower);
            if (!sameStart(w, lower, d)) {
                continue;
            }
            if (d < bestDistance || d == bestDistance && c.compareTo(best) < 0) {
                bestDistance = d;
                best = c;
            }
        }
        int allowed = Math.max(1, Math.min(3, word.length() / 3));
        if (best != null && bestDistance <= allowed) {
            return Optional.of(best);
        }
        // snake_case vs camelCase spellings of the same key
        for (String c : candidates) {
            if (normalize(c).equals(normalize(word))) {
                return Optional.of(c);
            }
        }
        return Optional.empty();
    }

    /**
     * Whether two words at edit distance {@code d} start alike: the same first letter, or one edit that dropped, added or
     * swapped it ({@code xpected}, {@code anme}), never one that replaced it.
     */
    private static boolean sameStart(String a, String b, int d) {
        if (a.isEmpty() || b.isEmpty() || a.charAt(0) == b.charAt(0)) {
            return true;
        }
        if (d != 1) {
            return false;
        }
        if (a.length() != b.length()) {
            return true;
        }
        int differing = 0;
        for (int i = 0; i < a.length(); i++) {
            if (a.charAt(i) != b.charAt(i)) {
                differing++;
            }
        }
        return differing == 2; // a swap of the first two letters; one differing letter is a replaced first letter
    }

    /** {@code " — did you mean 'x'?"} or an empty string. */
    public static String didYouMean(String word, Collection<String> candidates) {
        return closest(word, candidates).map(c -> " — did you mean '" + c + "'?").orElse("");
    }

    private static String normalize(String s) {
        return s.replace("_", "").replace("-", "").toLowerCase(Locale.ROOT);
    }

    /** Optimal string alignment distance: Levenshtein plus adjacent transpositions ("contians"). */
    static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }
}
