package org.segrank.experiments;

/**
 * One query's nDCG for one combination.
 *
 * @param extractor {@code null} for baselines
 * @param k the requested number of representatives, {@code null} for baselines
 * @param strategy nearest, vote-m&lt;m&gt;, borda, oracle or random
 * @param metric {@link ExperimentRunner#METHOD_1} or {@link ExperimentRunner#METHOD_2}
 * @param cutoff 0 for the full list
 * @param value {@code null} when the query is excluded (all models AP 0)
 * @param details JSON evidence (nearest representative, similarity, top models)
 * @param seconds time to answer the query: its search among the representatives plus building this strategy's
 *            ranking; {@code null} for baselines, whose ranking does not depend on the query
 */
public record QueryScore(long queryImageId, String queryFile, String extractor, Integer k, String strategy, String metric,
        int cutoff, Double value, String details, Double seconds) {

    /** The combination this score belongs to. */
    public Aggregate.Key key() {
        return new Aggregate.Key(extractor, k, strategy, metric, cutoff);
    }
}
