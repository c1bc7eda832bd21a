package org.segrank.experiments;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The mean nDCG of one combination over the scored queries, with its 95% bootstrap interval.
 *
 * @param excluded queries excluded by the all-zero policy
 */
public record Aggregate(Key key, Bootstrap.Interval interval, int excluded) {

    /** A combination: extractor and k are {@code null} for baselines; cutoff 0 is the full list. */
    public record Key(String extractor, Integer k, String strategy, String metric, int cutoff) {
        public String describe() {
            return (extractor == null ? strategy : extractor + " k=" + k + " " + strategy) + " " + metric + " "
                    + (cutoff == 0 ? "full" : "@" + cutoff);
        }
    }

    public double mean() {
        return interval.mean();
    }

    /** Means per combination in first-seen order; the same seed for every combination (paired resamples). */
    public static List<Aggregate> of(List<QueryScore> scores, int samples, long seed) {
        Map<Key, List<Double>> values = new LinkedHashMap<>();
        Map<Key, Integer> excluded = new LinkedHashMap<>();
        for (QueryScore score : scores) {
            values.computeIfAbsent(score.key(), k -> new ArrayList<>());
            excluded.merge(score.key(), 0, Integer::sum);
            if (score.value() == null) {
                excluded.merge(score.key(), 1, Integer::sum);
            } else {
                values.get(score.key()).add(score.value());
            }
        }
        List<Aggregate> out = new ArrayList<>();
        for (Map.Entry<Key, List<Double>> entry : values.entrySet()) {
            double[] v = entry.getValue().stream().mapToDouble(Double::doubleValue).toArray();
            out.add(new Aggregate(entry.getKey(), Bootstrap.meanInterval(v, samples, seed), excluded.get(entry.getKey())));
        }
        return out;
    }
}
