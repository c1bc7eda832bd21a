package org.segrank.experiments;

import java.util.List;
import java.util.Locale;

/**
 * What a run produced.
 *
 * @param queries queries scored (with a defined AP for every model)
 * @param leftOutQueries queries without a defined AP for every model
 * @param allZeroQueries scored queries whose models all have AP 0 (excluded from nDCG means)
 */
public record ExperimentOutcome(long experimentId, ExperimentConfig config, List<Aggregate> aggregates, int queries,
        int leftOutQueries, int allZeroQueries, List<String> notes, double seconds) {

    /** The mean of one combination, or NaN. */
    public double mean(String extractor, Integer k, String strategy, String metric, int cutoff) {
        Aggregate.Key key = new Aggregate.Key(extractor, k, strategy, metric, cutoff);
        return aggregates.stream().filter(a -> a.key().equals(key)).mapToDouble(Aggregate::mean).findFirst().orElse(Double.NaN);
    }

    /** The paper's tables as text: per extractor nDCG (full list) by k and method, then the baselines. */
    public List<String> tables() {
        List<String> lines = new java.util.ArrayList<>();
        for (String extractor : config.extractors()) {
            for (String strategy : config.retrievalStrategies()) {
                lines.add(String.format(Locale.ROOT, "%s, %s (nDCG, full list, mean [95%% CI] over %d queries)", extractor, strategy,
                        queries - allZeroQueries));
                lines.add(String.format(Locale.ROOT, "  %6s  %-24s %-24s", "k", "method 1", "method 2"));
                for (int k : config.ks()) {
                    lines.add(String.format(Locale.ROOT, "  %6d  %-24s %-24s", k, cell(extractor, k, strategy, ExperimentRunner.METHOD_1),
                            cell(extractor, k, strategy, ExperimentRunner.METHOD_2)));
                }
            }
        }
        lines.add("baselines (nDCG, full list)");
        for (String baseline : List.of("borda", "oracle", "random")) {
            lines.add(String.format(Locale.ROOT, "  %-8s  %-24s %-24s", baseline, cell(null, null, baseline, ExperimentRunner.METHOD_1),
                    cell(null, null, baseline, ExperimentRunner.METHOD_2)));
        }
        lines.add("answer time per query (search among the representatives + ranking; median / 95th percentile / max)");
        for (String extractor : config.extractors()) {
            for (String strategy : config.retrievalStrategies()) {
                for (int k : config.ks()) {
                    Aggregate.Key key = new Aggregate.Key(extractor, k, strategy, ExperimentRunner.METHOD_1, 0);
                    aggregates.stream().filter(a -> a.key().equals(key) && a.answerTime() != null).findFirst()
                            .ifPresent(a -> lines.add(String.format(Locale.ROOT, "  %-24s %-10s k=%-4d %s", extractor, strategy, k,
                                    a.answerTime().describe())));
                }
            }
        }
        return lines;
    }

    private String cell(String extractor, Integer k, String strategy, String metric) {
        Aggregate.Key key = new Aggregate.Key(extractor, k, strategy, metric, 0);
        return aggregates.stream().filter(a -> a.key().equals(key)).findFirst()
                .map(a -> String.format(Locale.ROOT, "%.3f [%.3f, %.3f]", a.mean(), a.interval().low(), a.interval().high()))
                .orElse("-");
    }
}
