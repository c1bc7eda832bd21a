package org.segrank.report;

import java.util.List;

/**
 * The ranking predicted for one query image by one configuration.
 *
 * @param queryImage query image name
 * @param nearestRepresentative representative image whose AP row was used; {@code null} for strategies that use
 *     none (baselines)
 * @param similarity cosine similarity to that representative in [-1, 1]; NaN if not applicable
 * @param extractor feature extractor ({@code "-"} for baselines)
 * @param k number of representatives; {@code 0} if not applicable (baselines)
 * @param strategy ranking strategy
 * @param top the first (up to 5) models of the predicted ranking, best first
 * @param ndcgMethod1 nDCG of the full ranking under relevance method 1, in [0, 1]; NaN if undefined
 * @param ndcgMethod2 nDCG of the full ranking under relevance method 2, in [0, 1]; NaN if undefined
 */
public record QueryRanking(String queryImage, String nearestRepresentative, double similarity, String extractor,
        int k, String strategy, List<RankedModel> top, double ndcgMethod1, double ndcgMethod2) {

    /** Most models listed per query. */
    public static final int MAX_TOP = 5;

    public QueryRanking {
        Checks.text(queryImage, "queryImage");
        Checks.text(extractor, "extractor");
        Checks.text(strategy, "strategy");
        if (!Double.isNaN(similarity) && !(similarity >= -1 - Checks.UNIT_TOLERANCE
                && similarity <= 1 + Checks.UNIT_TOLERANCE)) {
            throw new IllegalArgumentException("similarity must be in [-1, 1] or NaN, got " + similarity);
        }
        Checks.nonNegative(k, "k");
        top = Checks.list(top, "top");
        if (top.size() > MAX_TOP) {
            throw new IllegalArgumentException("top lists at most " + MAX_TOP + " models, got " + top.size());
        }
        Checks.unitOrNaN(ndcgMethod1, "ndcgMethod1");
        Checks.unitOrNaN(ndcgMethod2, "ndcgMethod2");
    }
}
