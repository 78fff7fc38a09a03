package io.pipewatch.alert;

/**
 * Refuses text longer than a field may be, naming the field, before any work is done with it: a
 * megabyte comment must answer 400, not reach the store and fail there.
 */
public final class TextLimit {

    private TextLimit() {
    }

    /** @throws IllegalArgumentException {@code "field: at most N characters (got M)"} */
    public static void check(String field, String value, int max) {
        if (value != null && value.length() > max) {
            throw new IllegalArgumentException(field + ": at most " + max + " characters (got " + value.length() + ")");
        }
    }
}
