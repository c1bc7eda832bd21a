package org.segrank.report;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Everything {@link ExcelReport} writes. Immutable; collections are copied and keep their order.
 *
 * @param summary what was run, on what, when
 * @param ndcg nDCG results; at most one row per (extractor, strategy, k, method, cutoff)
 * @param apMatrix per-image, per-model AP
 * @param queries per-query predicted rankings
 * @param bestModelCounts model -> number of images where it is the best model; insertion order = display order
 * @param models model registry rows
 * @param datasets dataset rows
 */
public record ReportData(Summary summary, List<NdcgRow> ndcg, ApMatrixData apMatrix, List<QueryRanking> queries,
        Map<String, Integer> bestModelCounts, List<ModelInfo> models, List<DatasetInfo> datasets) {

    public ReportData {
        Objects.requireNonNull(summary, "summary");
        ndcg = Checks.list(ndcg, "ndcg");
        Objects.requireNonNull(apMatrix, "apMatrix");
        queries = Checks.list(queries, "queries");
        bestModelCounts = Checks.orderedMap(bestModelCounts, "bestModelCounts");
        bestModelCounts.forEach((model, n) -> Checks.nonNegative(n, "best-model count of " + model));
        models = Checks.list(models, "models");
        datasets = Checks.list(datasets, "datasets");
        for (int i = 0; i < ndcg.size(); i++) {
            for (int j = 0; j < i; j++) {
                if (ndcg.get(i).sameKey(ndcg.get(j))) {
                    NdcgRow r = ndcg.get(i);
                    throw new IllegalArgumentException("duplicate nDCG row for extractor " + r.extractor()
                            + ", strategy " + r.strategy() + ", k " + r.k() + ", " + r.method() + ", cutoff "
                            + r.cutoff());
                }
            }
        }
    }
}
