package io.pipewatch.notify;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Decides what of a text may be shown: every configured secret (a receiver's webhook URL, its path, its
 * token, its secret last segment) is replaced wherever it appears, written raw or as answers and logs
 * encode it: JSON-escaped ({@code \/}, {@code \u002f}), URL-encoded in either case ({@code %2F},
 * {@code %2f}), or URL-encoded twice ({@code %252F}), and any mix of those.
 *
 * <p>Redact first, then cut: a secret cut in two no longer matches, and its first half shows. So
 * {@link #redactAndCut} redacts the whole text before it shortens it, and a text that was itself cut
 * off (a body read up to a limit) goes through {@link #redactHead}, which also hides a secret begun at its end.
 */
public final class Redactor {

    /** A secret, as configured, and the text shown in its place. */
    public record Secret(String text, String replacement) {
        public Secret {
            if (text == null || text.isEmpty()) {
                throw new IllegalArgumentException("a secret must not be empty");
            }
        }
    }

    public static final Redactor NONE = new Redactor(List.of());
    /**
     * How much of a secret at the very end of a cut-off text is hidden: a few characters tell nothing, and
     * hiding every trailing "h" (of "https://…") would blur texts for no gain.
     */
    static final int SHORTEST_PARTIAL = 4;

    /** A secret with the ways each of its characters may be written, worked out once. */
    private record Written(Secret secret, String[][] forms) {
        static Written of(Secret secret) {
            String[][] forms = new String[secret.text().length()][];
            for (int i = 0; i < forms.length; i++) {
                forms[i] = waysToWrite(secret.text().charAt(i));
            }
            return new Written(secret, forms);
        }
    }

    private final List<Secret> secrets;
    /** Longest first: where the whole URL matches, it is replaced as a whole, not piece by piece. */
    private final List<Written> written;

    private Redactor(List<Secret> secrets) {
        List<Secret> sorted = new ArrayList<>(secrets);
        sorted.sort(Comparator.comparingInt((Secret s) -> s.text().length()).reversed());
        this.secrets = List.copyOf(sorted);
        this.written = sorted.stream().map(Written::of).toList();
    }

    public static Redactor of(List<Secret> secrets) {
        return new Redactor(secrets);
    }

    /** Hides the secrets of both. */
    public Redactor and(Redactor other) {
        List<Secret> all = new ArrayList<>(secrets);
        other.secrets.stream().filter(s -> !all.contains(s)).forEach(all::add);
        return new Redactor(all);
    }

    /** The whole text with every secret replaced; null stays null. */
    public String redact(String text) {
        return replace(text, false);
    }

    /**
     * A text known only up to where it was cut off (a body read up to a limit, a message stored already
     * shortened): as {@link #redact}, and a secret begun at its end is hidden too.
     */
    public String redactHead(String head) {
        return replace(head, true);
    }

    /** Redacted, then at most {@code limit} characters (with "…" when cut): never the other way round. */
    public String redactAndCut(String text, int limit) {
        return cut(redact(text), limit);
    }

    /** At most {@code limit} characters, the last one "…" when the text was longer. */
    public static String cut(String text, int limit) {
        if (text == null || text.length() <= limit) {
            return text;
        }
        int end = limit - 1;
        // Never half of a surrogate pair: an emoji cut in two is not text.
        if (end > 0 && Character.isHighSurrogate(text.charAt(end - 1))) {
            end--;
        }
        return text.substring(0, Math.max(end, 0)) + "…";
    }

    private String replace(String text, boolean cutOff) {
        if (text == null || secrets.isEmpty()) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length());
        int at = 0;
        next:
        while (at < text.length()) {
            for (Written w : written) {
                int end = matchEnd(text, at, w.forms(), cutOff);
                if (end > at) {
                    out.append(w.secret().replacement());
                    at = end;
                    continue next;
                }
            }
            out.append(text.charAt(at++));
        }
        return out.toString();
    }

    /**
     * Where a secret, written in any mix of its encodings ({@code secret[i]}: the ways of writing its i-th
     * character), ends if it starts at {@code start}; -1 when it does not. Followed as a set of positions,
     * since one character may be written in several ways of different lengths (a '%' in the secret is raw
     * '%', or {@code %25}). With {@code cutOff}, a text that ends inside the secret, after at least
     * {@link #SHORTEST_PARTIAL} of its characters, matches to its end.
     */
    private static int matchEnd(String text, int start, String[][] secret, boolean cutOff) {
        int[] positions = {start};
        int count = 1;
        for (int i = 0; i < secret.length; i++) {
            String[] forms = secret[i];
            int[] next = new int[count * forms.length];
            int nextCount = 0;
            for (int k = 0; k < count; k++) {
                int p = positions[k];
                for (int f = 0; f < forms.length; f++) {
                    String form = forms[f];
                    // The raw character must match as it is; encodings in either case (%2F, %2f, \u002F).
                    if (text.regionMatches(f > 0, p, form, 0, form.length())) {
                        nextCount = add(next, nextCount, p + form.length());
                    } else if (cutOff && i >= SHORTEST_PARTIAL && endsInside(text, p, form)) {
                        return text.length();
                    }
                }
            }
            if (nextCount == 0) {
                return -1;
            }
            positions = next;
            count = nextCount;
        }
        int end = -1;
        for (int k = 0; k < count; k++) {
            end = Math.max(end, positions[k]);
        }
        return end;
    }

    /** Whether the text runs out at {@code p} while still on its way through {@code form}. */
    private static boolean endsInside(String text, int p, String form) {
        int left = text.length() - p;
        return left < form.length() && text.regionMatches(true, p, form, 0, left);
    }

    private static int add(int[] positions, int count, int position) {
        for (int k = 0; k < count; k++) {
            if (positions[k] == position) {
                return count;
            }
        }
        positions[count] = position;
        return count + 1;
    }

    /** The ways one character of a secret may be written: raw first, then its encodings. */
    private static String[] waysToWrite(char c) {
        if (c >= 0x80) {
            return new String[] {String.valueOf(c)};
        }
        String hex = String.format("%02X", (int) c);
        List<String> forms = new ArrayList<>(List.of(String.valueOf(c), "%" + hex, "%25" + hex, "\\u00" + hex));
        if (c == '/') {
            forms.add("\\/");
        }
        return forms.toArray(String[]::new);
    }
}
