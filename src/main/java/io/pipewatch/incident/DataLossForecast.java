package io.pipewatch.incident;

import io.pipewatch.signal.Datapoint;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * When a stream starts losing data if nothing changes: (retention − iterator age) ÷ the age's growth, the growth
 * fitted by least squares over the last {@link #WINDOW}. A flat, falling or barely rising age predicts nothing: the
 * consumer keeps up, and a forecast of "data loss in 9 days" would only be noise.
 */
public final class DataLossForecast {

    /** The minutes the growth is read from: long enough to smooth one slow batch, short enough to follow a stall. */
    static final Duration WINDOW = Duration.ofMinutes(5);
    /** Growth below this (ms of age per ms of time: 3 s a minute) is a consumer keeping up, with noise. */
    static final double MIN_GROWTH = 0.05;
    private static final int MIN_POINTS = 3;
    /**
     * Further out than this a forecast is not a deadline anyone acts on (a slow drift over 5 minutes says little about
     * next week), and shown beside a storm's alerts it teaches people to read past the line.
     */
    static final Duration HORIZON = Duration.ofDays(7);

    private DataLossForecast() {
    }

    /**
     * @param ages the iterator age's points (ms), oldest first
     * @return how long until the oldest unread record passes {@code retention}: zero when it already has; empty when
     *         the age does not grow, there are too few points to tell, or it is further than {@link #HORIZON}
     */
    public static Optional<Duration> timeToDataLoss(List<Datapoint> ages, Duration retention, Instant now) {
        List<Datapoint> recent = ages.stream().filter(p -> !p.timestamp().isBefore(now.minus(WINDOW)) && !p.timestamp().isAfter(now))
                .filter(p -> Double.isFinite(p.value())).toList();
        if (recent.size() < MIN_POINTS) {
            return Optional.empty();
        }
        double growth = slope(recent);
        double age = recent.get(recent.size() - 1).value();
        double left = retention.toMillis() - age;
        if (left <= 0) {
            return Optional.of(Duration.ZERO);
        }
        if (!(growth >= MIN_GROWTH)) {
            return Optional.empty();
        }
        Duration until = Duration.ofMillis((long) (left / growth));
        return until.compareTo(HORIZON) > 0 ? Optional.empty() : Optional.of(until);
    }

    /** Least-squares slope of value against time, in value units per millisecond. */
    private static double slope(List<Datapoint> points) {
        double t0 = points.get(0).timestamp().toEpochMilli();
        double n = points.size();
        double sumT = 0;
        double sumV = 0;
        for (Datapoint p : points) {
            sumT += p.timestamp().toEpochMilli() - t0;
            sumV += p.value();
        }
        double meanT = sumT / n;
        double meanV = sumV / n;
        double num = 0;
        double den = 0;
        for (Datapoint p : points) {
            double dt = p.timestamp().toEpochMilli() - t0 - meanT;
            num += dt * (p.value() - meanV);
            den += dt * dt;
        }
        return den == 0 ? 0 : num / den;
    }
}
