/**
 * Ranking metrics for SegRank: nDCG@k of a predicted model ranking against a query's true APs,
 * and the Borda-count baseline ranking.
 *
 * <p>Decisions the paper leaves open, each an explicit setting or documented rule:
 * <ul>
 *   <li>Cut-off {@code k}: {@link org.segrank.metrics.ranking.CutOff}, default the whole list;
 *       larger than the list is clipped; {@code k < 1} rejected.</li>
 *   <li>Relevance: {@link org.segrank.metrics.ranking.RelevanceRule} method 1 ({@code ap >= ratio *
 *       best - 1e-12}, ratio default 0.8) or method 2 (best only, exact ties all relevant).</li>
 *   <li>Ties in a ranking: rankings are strict orders, AP descending then model id ascending
 *       ({@link org.segrank.core.ModelRanking}). Ties in Borda totals: model id ascending.</li>
 *   <li>Queries whose true APs are all 0: {@link org.segrank.metrics.ranking.AllZeroPolicy},
 *       default {@code EXCLUDE}; {@link org.segrank.metrics.ranking.NdcgSummary} reports how many
 *       queries it hit and which.</li>
 * </ul>
 */
package org.segrank.metrics.ranking;
