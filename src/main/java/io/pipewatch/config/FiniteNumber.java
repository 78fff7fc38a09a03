package io.pipewatch.config;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Decides which spellings of a number Pipewatch accepts: plain decimals with an optional exponent, and
 * finite. {@link Double#parseDouble} also takes {@code NaN}, {@code Infinity}, hex floats ({@code 0x1p3})
 * and Java suffixes ({@code 1d}), and turns {@code 1e400} into infinity; none of these is a threshold a
 * person meant, and CloudWatch (and a CloudFormation export) must never be handed one.
 */
public final class FiniteNumber {

    private static final Pattern DECIMAL = Pattern.compile("[-+]?([0-9]+(\\.[0-9]*)?|\\.[0-9]+)([eE][-+]?[0-9]+)?");
    private static final Pattern NOT_A_NUMBER = Pattern.compile("[-+]?\\.?nan", Pattern.CASE_INSENSITIVE);
    private static final Pattern INFINITE = Pattern.compile("[-+]?\\.?inf(inity)?", Pattern.CASE_INSENSITIVE);
    private static final Pattern HEX = Pattern.compile("[-+]?0x.*", Pattern.CASE_INSENSITIVE);
    private static final String WRITE = "write a finite decimal such as 0.5, 30000 or 1e6";

    private FiniteNumber() {
    }

    /** @throws IllegalArgumentException whose message, after the key, says what is wrong ({@code 'NaN' is not a number: …}) */
    public static double parse(String text) {
        String t = text.strip();
        String quoted = "'" + Excerpt.of(t) + "'";
        if (DECIMAL.matcher(t).matches()) {
            double value = Double.parseDouble(t);
            if (Double.isInfinite(value)) {
                throw new IllegalArgumentException(quoted + " is too large: it overflows to infinity; " + WRITE);
            }
            return value;
        }
        if (NOT_A_NUMBER.matcher(t).matches()) {
            throw new IllegalArgumentException(quoted + " is not a number: " + WRITE);
        }
        if (INFINITE.matcher(t).matches()) {
            throw new IllegalArgumentException(quoted + " is infinite: " + WRITE);
        }
        if (HEX.matcher(t.toLowerCase(Locale.ROOT)).matches()) {
            throw new IllegalArgumentException(quoted + " is hexadecimal: write the number in decimal");
        }
        throw new IllegalArgumentException(quoted + " is not a number");
    }

    /** @throws IllegalArgumentException when the text is not a whole number in decimal digits within ±2,147,483,647 */
    public static int parseWhole(String text) {
        String t = text.strip();
        if (!t.matches("[-+]?[0-9]+")) {
            throw new IllegalArgumentException("'" + Excerpt.of(t) + "' is not a whole number");
        }
        try {
            return Integer.parseInt(t);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + Excerpt.of(t) + "' is too large for a whole number", e);
        }
    }
}
