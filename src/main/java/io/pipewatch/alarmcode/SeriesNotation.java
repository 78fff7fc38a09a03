package io.pipewatch.alarmcode;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Input series written as promtool writes them, one value per interval, separated by spaces:
 * {@code 5} one value; {@code _} one missing; {@code a+bxn} the n + 1 values a, a+b, …, a+n·b
 * ({@code a-bxn} counts down); {@code axn} a repeated n + 1 times; {@code _xn} n missing values.
 * E.g. {@code 0+10x5 _ 100} is 0 10 20 30 40 50, a gap, 100. A null in the result is a missing datapoint.
 */
public final class SeriesNotation {

    private static final String NUMBER = "-?(?:\\d+\\.?\\d*|\\.\\d+)(?:[eE][-+]?\\d+)?";
    private static final Pattern EXPANDING = Pattern.compile("(" + NUMBER + ")(?:([+-])(" + NUMBER + "))?x(\\d+)");
    private static final Pattern SINGLE = Pattern.compile(NUMBER);
    private static final Pattern GAPS = Pattern.compile("_x(\\d+)");

    private SeriesNotation() {
    }

    /** @throws IllegalArgumentException naming the term that could not be read and its position */
    public static List<Double> parse(String text) {
        List<Double> out = new ArrayList<>();
        String[] terms = text.trim().split("\\s+");
        for (int i = 0; i < terms.length; i++) {
            String term = terms[i];
            Matcher m;
            if (term.equals("_")) {
                out.add(null);
            } else if ((m = GAPS.matcher(term)).matches()) {
                for (int n = Integer.parseInt(m.group(1)); n > 0; n--) {
                    out.add(null);
                }
            } else if ((m = EXPANDING.matcher(term)).matches()) {
                double start = Double.parseDouble(m.group(1));
                double step = m.group(3) == null ? 0 : Double.parseDouble(m.group(3)) * ("-".equals(m.group(2)) ? -1 : 1);
                int count = Integer.parseInt(m.group(4));
                for (int n = 0; n <= count; n++) {
                    out.add(start + n * step);
                }
            } else if (SINGLE.matcher(term).matches()) {
                out.add(Double.parseDouble(term));
            } else if (!term.isEmpty()) {
                throw new IllegalArgumentException("term " + (i + 1) + " '" + term
                        + "' is not a number, _, a+bxn, axn or _xn");
            }
        }
        if (out.isEmpty()) {
            throw new IllegalArgumentException("no values: write e.g. '0+10x5 _ 100'");
        }
        return out;
    }
}
