package io.pipewatch.config;

import java.util.Collection;
import java.util.Comparator;
import java.util.Locale;
import java.util.Optional;

/**
 * Decides which known word a misspelt one was meant to be, if any is close enough to say so: a typo
 * (one or two letters added, dropped, changed or swapped, ignoring case), not merely another word of
 * similar length. Far words get no suggestion, because a wrong "did you mean" costs more than none.
 */
public final class Spelling {

    private Spelling() {
    }

    public static Optional<String> nearest(String word, Collection<String> known) {
        if (word.length() > 64) {
            return Optional.empty();
        }
        String w = word.toLowerCase(Locale.ROOT);
        int allowed = w.length() <= 4 ? 1 : 2;
        return known.stream()
                .filter(k -> !k.equals(word))
                .filter(k -> distance(w, k.toLowerCase(Locale.ROOT)) <= allowed)
                .min(Comparator.comparingInt((String k) -> distance(w, k.toLowerCase(Locale.ROOT))).thenComparing(k -> k));
    }

    /** Edits between two words, a swap of neighbours counting as one (optimal string alignment). */
    public static int distance(String a, String b) {
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
