package io.pipewatch.rule;

import java.util.LinkedHashMap;
import java.util.Map;

/** CloudWatch's four ways of treating missing datapoints, spelled as CloudWatch spells them. */
public enum TreatMissingData {
    MISSING("missing"),
    NOT_BREACHING("notBreaching"),
    BREACHING("breaching"),
    IGNORE("ignore");

    private final String spelling;

    TreatMissingData(String spelling) {
        this.spelling = spelling;
    }

    public String spelling() {
        return spelling;
    }

    public static Map<String, TreatMissingData> spellings() {
        Map<String, TreatMissingData> out = new LinkedHashMap<>();
        for (TreatMissingData t : values()) {
            out.put(t.spelling, t);
        }
        return out;
    }
}
