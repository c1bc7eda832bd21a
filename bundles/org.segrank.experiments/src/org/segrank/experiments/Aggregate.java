package org.segrank.experiments;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The mean nDCG of one combination over the scored queries, with its 95% bootstrap interval.
 *
 * @param excluded queries excluded by the all-zero policy
 * @param answerTime the queries' answer times, {@code null} for baselines
 */
public record Aggregate(Key key, Bootstrap.Interval interval, int excluded, AnswerTime answerTime) {

    /** Median, 95th percentile (nearest rank) and maximum of the queries' answer times, in seconds. */
    public record AnswerTime(double median, double p95, double max) {
        static AnswerTime of(List<Double> seconds) {
            if (seconds.isEmpty()) {
                return null;
            }
            double[] sorted = seconds.stream().mapToDouble(Double::doubleValue).sorted().toArray();
            int n = sorted.length;
            double median = n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
            return new AnswerTime(median, sorted[(int) Math.ceil(0.95 * n) - 1], sorted[n - 1]);
        }

        /** For example "0.041 / 0.090 / 0.312 ms". */
        public String describe() {
            return String.format(java.util.Locale.ROOT, "%.3f / %.3f / %.3f ms", 1e3 * median, 1e3 * p95, 1e3 * max);
        }
    }

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
        Map<Key, List<Double>> seconds = new LinkedHashMap<>();
        for (QueryScore score : scores) {
            List<Double> times = seconds.computeIfAbsent(score.key(), k -> new ArrayList<>());
            if (score.seconds() != null) {
                times.add(score.seconds());
            }
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
            out.add(new Aggregate(entry.getKey(), Bootstrap.meanInterval(v, samples, seed), excluded.get(entry.getKey()),
                    AnswerTime.of(seconds.get(entry.getKey()))));
        }
        return out;
    }
}
