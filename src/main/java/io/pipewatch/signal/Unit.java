package io.pipewatch.signal;

import java.util.Locale;
import java.util.Map;

/**
 * What a series' numbers measure, so that people read "45 s" rather than "45000" and "10.3 %" rather
 * than "10.34". Known AWS metrics have one ({@link KnownMetrics#unitOf}); an alarm on an expression says
 * its own ({@code unit:} in the alarm's YAML). Raw numbers stay in the API beside the formatted text.
 */
public enum Unit {
    MILLISECONDS("milliseconds"),
    SECONDS("seconds"),
    PERCENT("percent"),
    COUNT("count"),
    PER_SECOND("count/second"),
    BYTES("bytes"),
    NONE("none");

    private final String spelling;

    Unit(String spelling) {
        this.spelling = spelling;
    }

    /** How the alarm YAML spells each unit. */
    public static Map<String, Unit> spellings() {
        Map<String, Unit> out = new java.util.LinkedHashMap<>();
        for (Unit u : values()) {
            out.put(u.spelling, u);
        }
        out.put("ms", MILLISECONDS);
        out.put("s", SECONDS);
        out.put("%", PERCENT);
        out.put("count/s", PER_SECOND);
        return out;
    }

    public String spelling() {
        return spelling;
    }

    /** The value as people read it, rounded to what matters: "850 ms", "45 s", "2 h 5 min", "10.3 %", "45,000", "1.2 MB". */
    public String format(double v) {
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            return Double.toString(v);
        }
        return switch (this) {
            case MILLISECONDS -> duration(v);
            case SECONDS -> duration(v * 1000);
            case PERCENT -> decimal(v, Math.abs(v) >= 100 ? 0 : 1) + " %";
            case COUNT -> count(v);
            case PER_SECOND -> count(v) + "/s";
            case BYTES -> bytes(v);
            case NONE -> plain(v);
        };
    }

    /** A number as alarm conditions write it (3, not 3.0), rounded to two decimals below 100. */
    public static String plain(double v) {
        double rounded = Math.abs(v) >= 100 ? Math.rint(v) : Math.rint(v * 100) / 100;
        return rounded == Math.rint(rounded) && Math.abs(rounded) < 1e15 ? Long.toString((long) rounded) : Double.toString(rounded);
    }

    private static String duration(double millis) {
        String sign = millis < 0 ? "-" : "";
        double ms = Math.abs(millis);
        if (ms < 1000) {
            return sign + decimal(ms, ms < 10 ? 1 : 0) + " ms";
        }
        double s = ms / 1000;
        if (s < 60) {
            return sign + decimal(s, s < 10 ? 1 : 0) + " s";
        }
        long total = Math.round(s);
        if (total < 3600) {
            return sign + two(total / 60, "min", total % 60, "s");
        }
        long minutes = Math.round(s / 60);
        if (minutes < 24 * 60) {
            return sign + two(minutes / 60, "h", minutes % 60, "min");
        }
        long hours = Math.round(s / 3600);
        return sign + two(hours / 24, "d", hours % 24, "h");
    }

    private static String two(long big, String bigUnit, long small, String smallUnit) {
        return big + " " + bigUnit + (small == 0 ? "" : " " + small + " " + smallUnit);
    }

    private static String count(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return String.format(Locale.ROOT, "%,d", (long) v);
        }
        return Math.abs(v) >= 100 ? String.format(Locale.ROOT, "%,d", Math.round(v)) : plain(v);
    }

    private static String bytes(double v) {
        String[] units = {"B", "kB", "MB", "GB", "TB"};
        double size = Math.abs(v);
        int i = 0;
        while (size >= 1000 && i < units.length - 1) {
            size /= 1000;
            i++;
        }
        return (v < 0 ? "-" : "") + decimal(size, i == 0 || size >= 100 ? 0 : 1) + " " + units[i];
    }

    /** Rounded to the given decimals, without a trailing ".0". */
    private static String decimal(double v, int decimals) {
        double scale = Math.pow(10, decimals);
        double rounded = Math.rint(v * scale) / scale;
        return rounded == Math.rint(rounded) ? Long.toString((long) rounded) : Double.toString(rounded);
    }
}
