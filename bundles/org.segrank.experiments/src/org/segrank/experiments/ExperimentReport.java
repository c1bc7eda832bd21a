package org.segrank.experiments;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.segrank.report.ApMatrixData;
import org.segrank.report.DatasetInfo;
import org.segrank.report.ExcelReport;
import org.segrank.report.ModelInfo;
import org.segrank.report.NdcgRow;
import org.segrank.report.QueryRanking;
import org.segrank.report.RankedModel;
import org.segrank.report.ReportData;
import org.segrank.report.Summary;
import org.segrank.workspace.ApMatrix;
import org.segrank.workspace.DatasetSummary;
import org.segrank.workspace.RegisteredModel;
import org.segrank.workspace.Workspace;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Gathers a stored experiment, its AP matrices, the registry and the dataset into the Excel report's data, and
 * writes the report. Per-query rankings are listed for the nearest-representative strategy at each extractor's
 * first (largest) k; best-model frequency counts the queries' true best models (the paper's figure 14).
 */
public final class ExperimentReport {

    private static final ObjectMapper JSON = new ObjectMapper();

    private ExperimentReport() {
    }

    /** Writes the report of experiment {@code ref} (id or name) to {@code out}. */
    public static Path write(Workspace workspace, String ref, Path out) throws IOException {
        ExperimentStore store = new ExperimentStore(workspace.dataSource());
        ExperimentStore.StoredExperiment experiment = store.get(ref);
        ExcelReport.write(assemble(workspace, store, experiment), out);
        return out;
    }

    public static ReportData assemble(Workspace workspace, ExperimentStore store, ExperimentStore.StoredExperiment experiment)
            throws IOException {
        ExperimentConfig config = experiment.config();
        List<RegisteredModel> models = config.models().stream().map(ref -> workspace.models().get(ref)).toList();
        List<QueryScore> scores = store.queryScores(experiment.id());
        List<Aggregate> aggregates = Aggregate.of(scores, config.bootstrapSamples(), config.seed());

        List<NdcgRow> ndcg = new ArrayList<>();
        for (Aggregate a : aggregates) {
            if (Double.isNaN(a.mean())) {
                continue;
            }
            Aggregate.Key key = a.key();
            ndcg.add(new NdcgRow(key.extractor() == null ? "-" : key.extractor(), key.strategy(), key.k(),
                    key.metric().equals(ExperimentRunner.METHOD_1) ? "method 1" : "method 2", key.cutoff() == 0 ? null : key.cutoff(),
                    a.mean(), a.interval().low(), a.interval().high(), a.interval().n()));
        }

        ApMatrix candidates = workspace.results().apMatrix(config.dataset(), config.candidateSplit(), config.evaluationSettings())
                .withModels(models);
        ApMatrix queries = workspace.results().apMatrix(config.dataset(), config.querySplit(), config.evaluationSettings())
                .withModels(models);
        List<String> imageNames = new ArrayList<>();
        List<String> splits = new ArrayList<>();
        List<double[]> rows = new ArrayList<>();
        for (ApMatrix matrix : List.of(candidates, queries)) {
            for (int i = 0; i < matrix.images().size(); i++) {
                imageNames.add(matrix.images().get(i).fileName());
                splits.add(matrix.images().get(i).split());
                double[] row = new double[models.size()];
                for (int m = 0; m < models.size(); m++) {
                    row[m] = matrix.ap(i, m);
                }
                rows.add(row);
            }
        }
        ApMatrixData apData = new ApMatrixData(imageNames, splits, models.stream().map(RegisteredModel::qualifiedName).toList(),
                rows.toArray(double[][]::new));

        Map<String, Integer> best = new LinkedHashMap<>();
        models.forEach(m -> best.put(m.qualifiedName(), 0));
        Map<String, double[]> trueAp = new HashMap<>();
        int allZero = 0;
        for (int i = 0; i < queries.images().size(); i++) {
            double[] ap = new double[models.size()];
            int top = -1;
            for (int m = 0; m < models.size(); m++) {
                ap[m] = queries.ap(i, m);
                if (!Double.isNaN(ap[m]) && (top < 0 || ap[m] > ap[top])) {
                    top = m;
                }
            }
            trueAp.put(queries.images().get(i).fileName(), ap);
            if (top >= 0 && ap[top] > 0) {
                best.merge(models.get(top).qualifiedName(), 1, Integer::sum);
            } else if (top >= 0) {
                allZero++;
            }
        }
        Map<String, Integer> bestSorted = new LinkedHashMap<>();
        best.entrySet().stream().sorted((x, y) -> Integer.compare(y.getValue(), x.getValue()))
                .forEach(e -> bestSorted.put(e.getKey(), e.getValue()));

        List<QueryRanking> rankings = queryRankings(config, models, scores, trueAp);
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("PCA dimensions", config.pcaDimensions() == 0 ? "none" : Integer.toString(config.pcaDimensions()));
        settings.put("k (representatives)", config.ks().toString().replaceAll("[\\[\\]]", ""));
        settings.put("strategies", String.join(", ", config.retrievalStrategies()) + ", borda, oracle, random");
        settings.put("extractors", String.join(", ", config.extractors()));
        settings.put("relevance ratio (method 1)", Double.toString(config.relevanceRatio()));
        settings.put("nDCG cut-offs", config.cutoffs().stream().map(c -> c == 0 ? "full list" : "@" + c).toList().toString()
                .replaceAll("[\\[\\]]", ""));
        settings.put("bootstrap samples", Integer.toString(config.bootstrapSamples()));
        settings.put("seed", Long.toString(config.seed()));
        settings.put("AP settings", config.evaluationSettings());
        settings.put("models", Integer.toString(models.size()));
        Map<String, String> versions = new LinkedHashMap<>();
        try {
            JsonNode node = JSON.readTree(experiment.versions() == null ? "{}" : experiment.versions());
            node.fields().forEachRemaining(e -> versions.put(e.getKey(), e.getValue().asText()));
        } catch (IOException e) {
            versions.put("recorded", experiment.versions());
        }
        long queryCount = scores.stream().map(QueryScore::queryImageId).distinct().count();
        Summary summary = new Summary(experiment.name(), experiment.id(), config.dataset(), config.candidateSplit(),
                config.querySplit(), experiment.startedAt(), experiment.finishedAt(), settings, versions,
                experiment.datasetChecksum(), experiment.modelSetChecksum(), (int) queryCount, allZero,
                experiment.notes() == null ? "" : experiment.notes());

        List<ModelInfo> modelInfos = models.stream().map(m -> new ModelInfo(m.name(), m.version(), m.architecture(), m.format().id(),
                m.fineTunedOnDataset(), m.baseModel(), m.artifactSha256(), m.provenance())).toList();
        List<DatasetInfo> datasets = new ArrayList<>();
        for (DatasetSummary d : workspace.datasets().list()) {
            if (d.dataset().name().equals(config.dataset())) {
                datasets.add(new DatasetInfo(d.dataset().name(), d.imagesPerSplit(), d.instanceCount(), d.dataset().source()));
            }
        }
        return new ReportData(summary, ndcg, apData, rankings, bestSorted, modelInfos, datasets);
    }

    private static List<QueryRanking> queryRankings(ExperimentConfig config, List<RegisteredModel> models, List<QueryScore> scores,
            Map<String, double[]> trueAp) {
        Map<String, Integer> column = new HashMap<>();
        for (int m = 0; m < models.size(); m++) {
            column.put(models.get(m).qualifiedName(), m);
        }
        int k = config.ks().get(0);
        Map<String, QueryScore[]> byQuery = new LinkedHashMap<>();
        for (QueryScore s : scores) {
            if ("nearest".equals(s.strategy()) && s.k() != null && s.k() == k && s.cutoff() == 0) {
                QueryScore[] pair = byQuery.computeIfAbsent(s.extractor() + "\u0000" + s.queryFile(), x -> new QueryScore[2]);
                pair[s.metric().equals(ExperimentRunner.METHOD_1) ? 0 : 1] = s;
            }
        }
        List<QueryRanking> out = new ArrayList<>();
        for (QueryScore[] pair : byQuery.values()) {
            QueryScore first = pair[0] != null ? pair[0] : pair[1];
            double[] ap = trueAp.get(first.queryFile());
            double bestAp = 0;
            for (double v : ap) {
                if (!Double.isNaN(v)) {
                    bestAp = Math.max(bestAp, v);
                }
            }
            try {
                JsonNode details = JSON.readTree(first.details());
                List<RankedModel> top = new ArrayList<>();
                for (JsonNode entry : details.path("top")) {
                    String model = entry.path("model").asText();
                    Integer m = column.get(model);
                    double apHere = m == null ? Double.NaN : ap[m];
                    boolean relevant1 = bestAp > 0 && apHere >= config.relevanceRatio() * bestAp - 1e-12;
                    boolean relevant2 = bestAp > 0 && apHere == bestAp;
                    top.add(new RankedModel(model, entry.path("score").asDouble(), apHere, relevant1, relevant2));
                }
                out.add(new QueryRanking(first.queryFile(), details.path("nearest").asText(), details.path("similarity").asDouble(),
                        first.extractor(), k, "nearest", top, value(pair[0]), value(pair[1])));
            } catch (IOException e) {
                throw new IllegalStateException(String.format(Locale.ROOT, "stored evidence of %s is not JSON", first.queryFile()), e);
            }
        }
        return out;
    }

    private static double value(QueryScore score) {
        return score == null || score.value() == null ? Double.NaN : score.value();
    }
}
