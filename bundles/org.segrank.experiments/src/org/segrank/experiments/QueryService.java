package org.segrank.experiments;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;

import org.segrank.core.InvalidInputException;
import org.segrank.features.FeatureExtractor;
import org.segrank.features.FeatureMatrix;
import org.segrank.features.FeatureSet;
import org.segrank.features.FeatureStore;
import org.segrank.features.RegisteredExtractor;
import org.segrank.retrieval.Hit;
import org.segrank.retrieval.RankingStrategy;
import org.segrank.retrieval.Representatives;
import org.segrank.workspace.ApMatrix;
import org.segrank.workspace.Image;
import org.segrank.workspace.RegisteredModel;
import org.segrank.workspace.Workspace;

/**
 * Answers "which model for this image?": the query's feature vector against the representatives of the candidates
 * (chosen as in the experiments: same extractor, PCA, k and seed give the same representatives), and the nearest
 * representative's ranking (or the similarity-weighted vote of the m nearest).
 */
public final class QueryService {

    /** One ranked model with the evidence: the score it was ranked by and the nearest representative's AP. */
    public record RankedModel(RegisteredModel model, double score, double representativeAp) {
    }

    /** The answer with its evidence. */
    public record Answer(List<RankedModel> ranking, Image nearestRepresentative, double similarity, String strategy,
            int representatives, String extractor) {
    }

    private final Workspace workspace;

    public QueryService(Workspace workspace) {
        this.workspace = workspace;
    }

    /**
     * @param config dataset, candidate split, models, PCA dimensions, seed and evaluation settings (e.g. a stored
     *        experiment's); {@code extractor} must match the extractor the candidates' stored features come from
     * @param k representatives (clipped to the candidates)
     * @param voteM 0 for the nearest representative's ranking, else the weighted vote of the m nearest
     */
    public Answer rank(ExperimentConfig config, FeatureExtractor extractor, int k, int voteM, BufferedImage image) {
        List<RegisteredModel> models = config.models().stream().map(ref -> workspace.models().get(ref)).toList();
        ApMatrix candidates = workspace.results().apMatrix(config.dataset(), config.candidateSplit(), config.evaluationSettings())
                .withModels(models);
        FeatureMatrix features = candidateFeatures(config, extractor);
        List<float[]> vectors = new ArrayList<>();
        List<double[]> aps = new ArrayList<>();
        List<Image> images = new ArrayList<>();
        for (int i = 0; i < features.size(); i++) {
            int row = candidates.imageIndex(features.fileNames()[i]);
            if (row < 0) {
                continue;
            }
            double[] ap = new double[models.size()];
            boolean complete = true;
            for (int m = 0; m < models.size(); m++) {
                ap[m] = candidates.ap(row, m);
                complete &= candidates.cell(row, m) == ApMatrix.Cell.VALUE;
            }
            if (complete) {
                vectors.add(features.vectors()[i]);
                aps.add(ap);
                images.add(candidates.images().get(row));
            }
        }
        if (vectors.isEmpty()) {
            throw new InvalidInputException(config.dataset(), "split " + config.candidateSplit(),
                    "no candidate has both features and an AP for every model: run 'segrank evaluate' and 'segrank features extract'");
        }
        int usedK = Math.min(k, vectors.size());
        Representatives.Selection selection = Representatives.select(vectors.toArray(float[][]::new), config.pcaDimensions(), usedK,
                config.seed());
        int[] rows = selection.rows();
        double[][] repAp = new double[rows.length][];
        float[] query = extractor.extract(image);
        List<Hit> hits;
        try (VectorIndexes.Closeable index = VectorIndexes.open(config.index(), extractor.dimension())) {
            for (int r = 0; r < rows.length; r++) {
                repAp[r] = aps.get(rows[r]);
                index.get().add(r, vectors.get(rows[r]));
            }
            hits = index.get().search(query, Math.max(1, voteM));
        }
        RankingStrategy.Ranking ranking = voteM > 0 ? RankingStrategy.weightedVote(repAp, hits, voteM) : RankingStrategy.nearest(repAp, hits);
        RankingStrategy.Evidence nearest = ranking.evidence().get(0);
        List<RankedModel> ranked = new ArrayList<>();
        for (int position = 0; position < ranking.models().length; position++) {
            int m = ranking.models()[position];
            ranked.add(new RankedModel(models.get(m), ranking.scoreAt(position), repAp[nearest.representative()][m]));
        }
        return new Answer(ranked, images.get(rows[nearest.representative()]), nearest.similarity(), ranking.strategy(), rows.length,
                extractor.name());
    }

    private FeatureMatrix candidateFeatures(ExperimentConfig config, FeatureExtractor extractor) {
        FeatureStore store = FeatureStore.of(workspace);
        RegisteredExtractor registered = store.findExtractor(extractor.name(), extractor.version()).orElseThrow(
                () -> new InvalidInputException(extractor.name(), "version " + extractor.version(),
                        "no stored features: run 'segrank features extract --extractor " + extractor.name() + "' first"));
        long datasetId = workspace.datasets().get(config.dataset()).id();
        FeatureSet set = store.findFeatureSet(registered.id(), datasetId, extractor.settingsHash()).orElseThrow(
                () -> new InvalidInputException(config.dataset(), "extractor " + extractor.name(),
                        "no features of this dataset with these settings: run 'segrank features extract' first"));
        return store.load(set, config.candidateSplit());
    }
}
