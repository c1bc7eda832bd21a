package org.segrank.experiments;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;

import org.segrank.core.InvalidInputException;
import org.segrank.core.ModelId;
import org.segrank.core.ModelRanking;
import org.segrank.features.FeatureMatrix;
import org.segrank.features.FeatureSet;
import org.segrank.features.FeatureStore;
import org.segrank.features.RegisteredExtractor;
import org.segrank.metrics.ranking.BordaCount;
import org.segrank.metrics.ranking.CutOff;
import org.segrank.metrics.ranking.Ndcg;
import org.segrank.metrics.ranking.NdcgResult;
import org.segrank.metrics.ranking.NdcgSettings;
import org.segrank.metrics.ranking.RelevanceRule;
import org.segrank.retrieval.Hit;
import org.segrank.retrieval.RankingStrategy;
import org.segrank.retrieval.Representatives;
import org.segrank.workspace.ApMatrix;
import org.segrank.workspace.Image;
import org.segrank.workspace.RegisteredModel;
import org.segrank.workspace.Workspace;

/**
 * Runs the paper's evaluation protocol and stores it as an experiment: for each extractor and k, representatives
 * of the candidates (PCA, k-means, nearest to each centroid), each query's ranking by the nearest representative and
 * by the similarity-weighted vote, nDCG with method 1 and 2 at each cut-off; the Borda, oracle and random baselines;
 * means over queries with 95% bootstrap intervals.
 *
 * <p>Queries (and candidates) need a defined AP for every model; those without (no ground truth, a failed or missing
 * evaluation) are left out and counted. Queries whose models all have AP 0 are excluded by nDCG's all-zero policy
 * and counted per combination.
 */
public final class ExperimentRunner {

    /** Progress: a message and steps done of total. */
    @FunctionalInterface
    public interface Progress {
        void progress(String message, int done, int total);
    }

    public static final String METHOD_1 = "ndcg-m1";
    public static final String METHOD_2 = "ndcg-m2";

    private final Workspace workspace;
    private final ExperimentStore store;

    public ExperimentRunner(Workspace workspace) {
        this.workspace = workspace;
        this.store = new ExperimentStore(workspace.dataSource());
    }

    /**
     * The software versions an experiment records: SegRank's (as the caller knows it: the bundle version inside the
     * product), Java's and the OS's.
     */
    public static Map<String, String> softwareVersions(String segrankVersion) {
        Map<String, String> versions = new java.util.LinkedHashMap<>();
        versions.put("SegRank", segrankVersion);
        versions.put("Java", System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ")");
        versions.put("OS", System.getProperty("os.name") + " " + System.getProperty("os.arch"));
        return versions;
    }

    /**
     * Runs and stores an experiment.
     *
     * @param versions software versions to record (SegRank, Java, engines)
     * @throws InvalidInputException if models, results or features are missing (naming what to run first)
     * @throws CancellationException when cancelled; the experiment is stored as cancelled
     */
    public ExperimentOutcome run(ExperimentConfig config, Map<String, String> versions, Progress progress,
            BooleanSupplier cancelled) {
        long start = System.nanoTime();
        List<RegisteredModel> models = config.models().stream().map(ref -> workspace.models().get(ref)).toList();
        if (models.size() < 2) {
            throw new InvalidInputException(config.dataset(), "models", "an experiment ranks at least 2 models, got " + models.size());
        }
        ApMatrix candidates = workspace.results().apMatrix(config.dataset(), config.candidateSplit(), config.evaluationSettings())
                .withModels(models);
        ApMatrix queries = workspace.results().apMatrix(config.dataset(), config.querySplit(), config.evaluationSettings())
                .withModels(models);
        List<Integer> candidateRows = completeRows(candidates);
        List<Integer> queryRows = completeRows(queries);
        List<String> notes = new ArrayList<>();
        if (candidateRows.isEmpty()) {
            throw new InvalidInputException(config.dataset(), "split " + config.candidateSplit(),
                    "no candidate has an AP for every model: run 'segrank evaluate' on it first");
        }
        if (queryRows.isEmpty()) {
            throw new InvalidInputException(config.dataset(), "split " + config.querySplit(),
                    "no query has an AP for every model: run 'segrank evaluate' on it first");
        }
        int missingQueries = queries.images().size() - queryRows.size();
        if (missingQueries > 0) {
            notes.add(missingQueries + " queries left out: not every model has a defined AP on them");
        }
        if (candidates.images().size() > candidateRows.size()) {
            notes.add((candidates.images().size() - candidateRows.size())
                    + " candidates left out: not every model has a defined AP on them");
        }
        List<ModelId> ids = models.stream().map(RegisteredModel::modelId).toList();
        double[][] candidateAp = rows(candidates, candidateRows);
        double[][] queryAp = rows(queries, queryRows);
        List<ModelRanking> truth = new ArrayList<>();
        for (double[] row : queryAp) {
            truth.add(ranking(ids, row));
        }
        Map<String, Long> extractorIds = new LinkedHashMap<>();
        Map<String, FeatureMatrix[]> features = new LinkedHashMap<>();
        for (String extractor : config.extractors()) {
            FeatureLookup lookup = features(config, extractor);
            extractorIds.put(extractor, lookup.extractorId());
            features.put(extractor, new FeatureMatrix[] { lookup.candidates(), lookup.queries() });
        }
        String datasetChecksum = checksum(candidates.images(), candidateRows, queries.images(), queryRows);
        String modelChecksum = modelChecksum(models);
        long id = store.create(config.withModels(models.stream().map(RegisteredModel::qualifiedName).toList()), versions,
                datasetChecksum, modelChecksum);
        try {
            List<QueryScore> scores = new ArrayList<>();
            List<Image> queryImages = queryRows.stream().map(r -> queries.images().get(r)).toList();
            int steps = config.extractors().size() * config.ks().size() + 1;
            int step = 0;
            progress.progress("baselines", step, steps);
            baselines(config, ids, candidateAp, truth, queryImages, scores);
            step++;
            for (String extractor : config.extractors()) {
                FeatureMatrix[] pair = features.get(extractor);
                Aligned cand = align(pair[0], candidates, candidateRows, extractor, config.candidateSplit());
                Aligned query = align(pair[1], queries, queryRows, extractor, config.querySplit());
                for (int k : config.ks()) {
                    if (cancelled.getAsBoolean()) {
                        throw new CancellationException("experiment cancelled");
                    }
                    progress.progress(extractor + ", k = " + k, step, steps);
                    int usedK = Math.min(k, cand.vectors().length);
                    if (usedK < k) {
                        notes.add(String.format(Locale.ROOT, "%s: k = %d clipped to the %d candidates with features", extractor, k, usedK));
                    }
                    retrieval(config, extractor, extractorIds.get(extractor), k, usedK, ids, candidateAp, cand, query, truth,
                            queryImages, candidates, candidateRows, scores);
                    step++;
                }
            }
            List<Aggregate> aggregates = Aggregate.of(scores, config.bootstrapSamples(), config.seed());
            store.saveResults(id, scores, aggregates, extractorIds);
            int allZero = (int) truth.stream().filter(t -> t.bestAp() == 0.0).count();
            if (allZero > 0) {
                notes.add(allZero + " queries have AP 0 for every model: nDCG is undefined for them and they are excluded");
            }
            store.finish(id, "finished", String.join("\n", notes));
            progress.progress("done", steps, steps);
            return new ExperimentOutcome(id, config, aggregates, queryRows.size(), missingQueries, allZero, notes,
                    (System.nanoTime() - start) / 1e9);
        } catch (CancellationException e) {
            store.finish(id, "cancelled", String.join("\n", notes));
            throw e;
        } catch (RuntimeException e) {
            store.finish(id, "failed", e.toString());
            throw e;
        }
    }

    private void baselines(ExperimentConfig config, List<ModelId> ids, double[][] candidateAp, List<ModelRanking> truth,
            List<Image> queryImages, List<QueryScore> scores) {
        List<ModelRanking> candidateRankings = new ArrayList<>();
        for (double[] row : candidateAp) {
            candidateRankings.add(ranking(ids, row));
        }
        List<ModelId> borda = BordaCount.rank(candidateRankings).models();
        SplittableRandom random = new SplittableRandom(config.seed());
        for (int q = 0; q < truth.size(); q++) {
            score(config, null, null, "borda", borda, truth.get(q), queryImages.get(q), "{}", null, scores);
            score(config, null, null, "oracle", truth.get(q).models(), truth.get(q), queryImages.get(q), "{}", null, scores);
            List<ModelId> shuffled = new ArrayList<>(ids);
            for (int i = shuffled.size() - 1; i > 0; i--) {
                java.util.Collections.swap(shuffled, i, random.nextInt(i + 1));
            }
            score(config, null, null, "random", shuffled, truth.get(q), queryImages.get(q), "{}", null, scores);
        }
    }

    private void retrieval(ExperimentConfig config, String extractor, long extractorId, int k, int usedK, List<ModelId> ids,
            double[][] candidateAp, Aligned cand, Aligned query, List<ModelRanking> truth, List<Image> queryImages,
            ApMatrix candidates, List<Integer> candidateRows, List<QueryScore> scores) {
        Representatives.Selection selection = Representatives.select(cand.vectors(), config.pcaDimensions(), usedK, config.seed());
        int[] repRows = selection.rows();
        double[][] repAp = new double[repRows.length][];
        float[][] repVectors = new float[repRows.length][];
        int[] ids0 = new int[repRows.length];
        for (int r = 0; r < repRows.length; r++) {
            repAp[r] = candidateAp[cand.apRow()[repRows[r]]];
            repVectors[r] = cand.vectors()[repRows[r]];
            ids0[r] = r;
        }
        // one search per query, as a user's query runs, so that each query's answer time is its own
        int n = query.vectors().length;
        List<List<Hit>> hits = new ArrayList<>(n);
        long[] searchNanos = new long[n];
        try (VectorIndexes.Closeable index = VectorIndexes.open(config.index(), repVectors[0].length)) {
            index.get().addAll(ids0, repVectors);
            for (int i = 0; i < n; i++) {
                long t0 = System.nanoTime();
                hits.add(index.get().search(query.vectors()[i], Math.max(1, config.voteM())));
                searchNanos[i] = System.nanoTime() - t0;
            }
        }
        for (int i = 0; i < n; i++) {
            int q = query.apRow()[i];
            for (String strategy : config.retrievalStrategies()) {
                long t0 = System.nanoTime();
                RankingStrategy.Ranking ranking = strategy.equals("nearest") ? RankingStrategy.nearest(repAp, hits.get(i))
                        : RankingStrategy.weightedVote(repAp, hits.get(i), config.voteM());
                double seconds = (searchNanos[i] + System.nanoTime() - t0) / 1e9;
                List<ModelId> order = new ArrayList<>();
                for (int m : ranking.models()) {
                    order.add(ids.get(m));
                }
                RankingStrategy.Evidence nearest = ranking.evidence().get(0);
                String nearestFile = candidates.images().get(candidateRows.get(cand.apRow()[repRows[nearest.representative()]])).fileName();
                StringBuilder details = new StringBuilder(String.format(Locale.ROOT,
                        "{\"nearest\":\"%s\",\"similarity\":%.6f,\"representatives\":%d,\"top\":[", json(nearestFile),
                        nearest.similarity(), repRows.length));
                for (int t = 0; t < Math.min(5, order.size()); t++) {
                    details.append(t == 0 ? "" : ",").append(String.format(Locale.ROOT, "{\"model\":\"%s\",\"score\":%.6f}",
                            json(order.get(t).name()), ranking.scoreAt(t)));
                }
                details.append("]}");
                score(config, extractor, k, strategy, order, truth.get(q), queryImages.get(q), details.toString(), seconds, scores);
            }
        }
    }

    private static void score(ExperimentConfig config, String extractor, Integer k, String strategy, List<ModelId> order,
            ModelRanking truth, Image query, String details, Double seconds, List<QueryScore> scores) {
        for (String metric : List.of(METHOD_1, METHOD_2)) {
            RelevanceRule rule = metric.equals(METHOD_1) ? RelevanceRule.withinRatioOfBest(config.relevanceRatio())
                    : RelevanceRule.bestOnly();
            for (int cutoff : config.cutoffs()) {
                NdcgSettings settings = NdcgSettings.defaults().withRelevanceRule(rule)
                        .withCutOff(cutoff == 0 ? CutOff.fullList() : CutOff.at(cutoff));
                NdcgResult result = new Ndcg(settings).evaluate(order, truth);
                Double value = switch (result) {
                    case NdcgResult.Scored s -> s.ndcg();
                    case NdcgResult.ScoredByAllZeroPolicy z -> z.ndcg();
                    case NdcgResult.Excluded x -> null;
                };
                scores.add(new QueryScore(query.id(), query.fileName(), extractor, k, strategy, metric, cutoff, value, details, seconds));
            }
        }
    }

    private static String json(String text) {
        return text.replace("\\", "\\\\").replace("\"", "\\\"");
    }

    private static ModelRanking ranking(List<ModelId> ids, double[] ap) {
        Map<ModelId, Double> map = new LinkedHashMap<>();
        for (int m = 0; m < ids.size(); m++) {
            map.put(ids.get(m), ap[m]);
        }
        return ModelRanking.byAp(map);
    }

    private static List<Integer> completeRows(ApMatrix matrix) {
        List<Integer> rows = new ArrayList<>();
        for (int i = 0; i < matrix.images().size(); i++) {
            boolean complete = true;
            for (int m = 0; m < matrix.models().size() && complete; m++) {
                complete = matrix.cell(i, m) == ApMatrix.Cell.VALUE;
            }
            if (complete) {
                rows.add(i);
            }
        }
        return rows;
    }

    private static double[][] rows(ApMatrix matrix, List<Integer> rows) {
        double[][] out = new double[rows.size()][matrix.models().size()];
        for (int r = 0; r < rows.size(); r++) {
            for (int m = 0; m < matrix.models().size(); m++) {
                out[r][m] = matrix.ap(rows.get(r), m);
            }
        }
        return out;
    }

    /** Vectors of the rows that have one, and for each the index into the complete-rows AP array. */
    record Aligned(float[][] vectors, int[] apRow) {
    }

    private static Aligned align(FeatureMatrix matrix, ApMatrix ap, List<Integer> completeRows, String extractor, String split) {
        Map<String, Integer> rowByFile = new HashMap<>();
        for (int i = 0; i < matrix.size(); i++) {
            rowByFile.put(matrix.fileNames()[i], i);
        }
        List<float[]> vectors = new ArrayList<>();
        List<Integer> apRows = new ArrayList<>();
        for (int r = 0; r < completeRows.size(); r++) {
            Integer row = rowByFile.get(ap.images().get(completeRows.get(r)).fileName());
            if (row != null) {
                vectors.add(matrix.vectors()[row]);
                apRows.add(r);
            }
        }
        if (vectors.isEmpty()) {
            throw new InvalidInputException(extractor, "split " + split,
                    "no features stored: run 'segrank features extract --extractor " + extractor + "' first");
        }
        return new Aligned(vectors.toArray(float[][]::new), apRows.stream().mapToInt(Integer::intValue).toArray());
    }

    record FeatureLookup(long extractorId, FeatureMatrix candidates, FeatureMatrix queries) {
    }

    /** The extractor's feature set on the dataset with the most vectors (the newest on ties). */
    private FeatureLookup features(ExperimentConfig config, String extractor) {
        FeatureStore features = FeatureStore.of(workspace);
        long datasetId = workspace.datasets().get(config.dataset()).id();
        Map<Long, RegisteredExtractor> byId = new HashMap<>();
        for (RegisteredExtractor e : features.extractors()) {
            byId.put(e.id(), e);
        }
        FeatureSet best = null;
        int bestCount = -1;
        for (FeatureSet set : features.featureSets(datasetId)) {
            RegisteredExtractor e = byId.get(set.extractorId());
            if (e != null && e.name().equals(extractor)) {
                int count = features.count(set);
                if (count >= bestCount) {
                    best = set;
                    bestCount = count;
                }
            }
        }
        if (best == null) {
            throw new InvalidInputException(config.dataset(), "extractor " + extractor,
                    "no features: run 'segrank features extract --dataset " + config.dataset() + " --extractor " + extractor + "' first");
        }
        return new FeatureLookup(best.extractorId(), features.load(best, config.candidateSplit()), features.load(best, config.querySplit()));
    }

    private static String checksum(List<Image> a, List<Integer> aRows, List<Image> b, List<Integer> bRows) {
        MessageDigest digest = sha256();
        for (int r : aRows) {
            digest.update((a.get(r).fileName() + " " + a.get(r).sha256() + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        for (int r : bRows) {
            digest.update((b.get(r).fileName() + " " + b.get(r).sha256() + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private static String modelChecksum(List<RegisteredModel> models) {
        MessageDigest digest = sha256();
        for (RegisteredModel m : models) {
            digest.update((m.qualifiedName() + " " + m.artifactSha256() + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
