package org.segrank.experiments;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Paired comparison of two experiments: for every combination both have, the per-query differences B - A over
 * the queries both scored, their mean and 95% bootstrap interval. An interval that excludes 0 is a difference the
 * queries support.
 */
public final class ExperimentComparison {

    /** One combination's paired difference. */
    public record Difference(Aggregate.Key key, Bootstrap.Interval interval) {
        public String describe() {
            return String.format(Locale.ROOT, "%-44s %+.4f [%+.4f, %+.4f] over %d queries", key.describe(), interval.mean(),
                    interval.low(), interval.high(), interval.n());
        }
    }

    private ExperimentComparison() {
    }

    public static List<Difference> compare(List<QueryScore> a, List<QueryScore> b, int samples, long seed) {
        Map<Aggregate.Key, Map<Long, Double>> first = index(a);
        Map<Aggregate.Key, Map<Long, Double>> second = index(b);
        List<Difference> out = new ArrayList<>();
        for (Map.Entry<Aggregate.Key, Map<Long, Double>> entry : first.entrySet()) {
            Map<Long, Double> other = second.get(entry.getKey());
            if (other == null) {
                continue;
            }
            List<Double> diffs = new ArrayList<>();
            for (Map.Entry<Long, Double> q : entry.getValue().entrySet()) {
                Double v = other.get(q.getKey());
                if (v != null) {
                    diffs.add(v - q.getValue());
                }
            }
            double[] values = diffs.stream().mapToDouble(Double::doubleValue).toArray();
            out.add(new Difference(entry.getKey(), Bootstrap.meanInterval(values, samples, seed)));
        }
        return out;
    }

    private static Map<Aggregate.Key, Map<Long, Double>> index(List<QueryScore> scores) {
        Map<Aggregate.Key, Map<Long, Double>> out = new java.util.LinkedHashMap<>();
        for (QueryScore s : scores) {
            if (s.value() != null) {
                out.computeIfAbsent(s.key(), k -> new HashMap<>()).put(s.queryImageId(), s.value());
            }
        }
        return out;
    }
}
