package io.pipewatch.rule;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** How urgently an alarm needs a human; ordered from most to least urgent. */
public enum Severity {
    CRITICAL, WARNING, INFO;

    @com.fasterxml.jackson.annotation.JsonValue
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Map<String, Severity> spellings() {
        Map<String, Severity> out = new LinkedHashMap<>();
        for (Severity s : values()) {
            out.put(s.label(), s);
        }
        return out;
    }
}
