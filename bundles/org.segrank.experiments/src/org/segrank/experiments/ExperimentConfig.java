package org.segrank.experiments;

import java.util.List;
import java.util.Map;
import java.util.Objects;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Everything an experiment depends on, stored with it as JSON so it can be shown and re-run.
 *
 * @param name a label for the user (several experiments may share it)
 * @param dataset the dataset holding candidates and queries
 * @param candidateSplit representatives are chosen among these images (paper: 250)
 * @param querySplit the images whose model ranking is predicted (paper: 275)
 * @param models model references as resolved at run time (name:version), the ranking's columns
 * @param extractors feature extractor names; each needs vectors of both splits in the workspace
 * @param ks numbers of representatives (paper: 250, 125, 50, 25); a k above the number of candidates is
 *        clipped to it and reported
 * @param pcaDimensions PCA components before k-means (paper: 2; 0 = k-means on the full vectors)
 * @param voteM the m of the similarity-weighted vote strategy ({@code vote-m<m>}); 0 leaves the strategy out
 * @param cutoffs nDCG cut-offs; 0 stands for the full list
 * @param relevanceRatio method 1's ratio of the best AP (paper: 0.8)
 * @param bootstrapSamples resamples of the queries for the 95% intervals
 * @param seed seeds k-means, the random baseline and the bootstrap
 * @param evaluationSettings the AP results' settings label (e.g. {@code coco-segm:maxdets-1-10-1000})
 * @param index the representatives' vector index: {@value #EXACT_INDEX} (default) or {@value #HNSW_INDEX} (approximate,
 *        Lucene's HNSW graph, for very large pools of representatives)
 */
public record ExperimentConfig(String name, String dataset, String candidateSplit, String querySplit, List<String> models,
        List<String> extractors, List<Integer> ks, int pcaDimensions, int voteM, List<Integer> cutoffs,
        double relevanceRatio, int bootstrapSamples, long seed, String evaluationSettings, String index) {

    public static final String EXACT_INDEX = "exact";
    public static final String HNSW_INDEX = "hnsw";
    public static final List<Integer> PAPER_KS = List.of(250, 125, 50, 25);
    public static final List<Integer> DEFAULT_CUTOFFS = List.of(0, 1, 3, 5);
    public static final long DEFAULT_SEED = 20_240_601L;

    public ExperimentConfig {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(dataset, "dataset");
        models = List.copyOf(models);
        extractors = List.copyOf(extractors);
        ks = List.copyOf(ks);
        cutoffs = List.copyOf(cutoffs);
        if (extractors.isEmpty()) {
            throw new IllegalArgumentException("at least one feature extractor is needed");
        }
        if (ks.isEmpty() || ks.stream().anyMatch(k -> k < 1)) {
            throw new IllegalArgumentException("k values must be >= 1, got " + ks);
        }
        if (cutoffs.isEmpty() || cutoffs.stream().anyMatch(c -> c < 0)) {
            throw new IllegalArgumentException("cut-offs must be >= 0 (0 = full list), got " + cutoffs);
        }
        if (pcaDimensions < 0 || voteM < 0 || bootstrapSamples < 1) {
            throw new IllegalArgumentException("need pcaDimensions >= 0, voteM >= 0, bootstrapSamples >= 1");
        }
        index = index == null ? EXACT_INDEX : index;
        if (!index.equals(EXACT_INDEX) && !index.equals(HNSW_INDEX)) {
            throw new IllegalArgumentException("index must be " + EXACT_INDEX + " or " + HNSW_INDEX + ", got '" + index + "'");
        }
        if (!(relevanceRatio > 0 && relevanceRatio <= 1)) {
            throw new IllegalArgumentException("relevance ratio must be in (0, 1], got " + relevanceRatio);
        }
    }

    /**
     * nDCG cut-offs as users write them: {@code full} (the whole list, stored as 0) or a whole number each.
     *
     * @throws IllegalArgumentException naming the entry that is neither
     */
    public static List<Integer> parseCutoffs(List<String> texts) {
        List<Integer> cuts = new java.util.ArrayList<>();
        for (String text : texts) {
            String c = text.strip();
            try {
                cuts.add(c.equalsIgnoreCase("full") ? 0 : Integer.parseInt(c));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("cut-off '" + c + "' is neither 'full' nor a whole number");
            }
        }
        return cuts;
    }

    /**
     * Whole numbers separated by commas, e.g. {@code "250,125,50,25"}.
     *
     * @param what what the numbers are, for the message (e.g. {@code "k"})
     * @throws IllegalArgumentException naming {@code what} and the entry that is not a whole number
     */
    public static List<Integer> parseIntegers(String what, String text) {
        List<Integer> values = new java.util.ArrayList<>();
        for (String part : text.split(",")) {
            try {
                values.add(Integer.parseInt(part.strip()));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(what + ": '" + part.strip() + "' is not a whole number");
            }
        }
        return values;
    }

    /** The paper's protocol on a dataset: candidate/query splits, k 250/125/50/25, PCA 2, vote m 5, cut-offs full/1/3/5. */
    public static ExperimentConfig paper(String name, String dataset, List<String> models, List<String> extractors,
            String evaluationSettings) {
        return new ExperimentConfig(name, dataset, "candidate", "query", models, extractors, PAPER_KS, 2, 5, DEFAULT_CUTOFFS,
                0.8, 1000, DEFAULT_SEED, evaluationSettings, EXACT_INDEX);
    }

    public ExperimentConfig withModels(List<String> resolved) {
        return new ExperimentConfig(name, dataset, candidateSplit, querySplit, resolved, extractors, ks, pcaDimensions, voteM,
                cutoffs, relevanceRatio, bootstrapSamples, seed, evaluationSettings, index);
    }

    public ExperimentConfig withEvaluationSettings(String value) {
        return new ExperimentConfig(name, dataset, candidateSplit, querySplit, models, extractors, ks, pcaDimensions, voteM,
                cutoffs, relevanceRatio, bootstrapSamples, seed, value, index);
    }

    public ExperimentConfig withKs(List<Integer> values) {
        return new ExperimentConfig(name, dataset, candidateSplit, querySplit, models, extractors, values, pcaDimensions, voteM,
                cutoffs, relevanceRatio, bootstrapSamples, seed, evaluationSettings, index);
    }

    public ExperimentConfig withSeed(long value) {
        return new ExperimentConfig(name, dataset, candidateSplit, querySplit, models, extractors, ks, pcaDimensions, voteM,
                cutoffs, relevanceRatio, bootstrapSamples, value, evaluationSettings, index);
    }

    public ExperimentConfig withBootstrapSamples(int value) {
        return new ExperimentConfig(name, dataset, candidateSplit, querySplit, models, extractors, ks, pcaDimensions, voteM,
                cutoffs, relevanceRatio, value, seed, evaluationSettings, index);
    }

    /** Strategies that use features: {@code nearest} and, when {@code voteM > 0}, {@code vote-m<m>}. */
    public List<String> retrievalStrategies() {
        return voteM > 0 ? List.of("nearest", "vote-m" + voteM) : List.of("nearest");
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    public String toJson() {
        ObjectNode node = JSON.createObjectNode();
        node.put("name", name);
        node.put("dataset", dataset);
        node.put("candidateSplit", candidateSplit);
        node.put("querySplit", querySplit);
        ArrayNode m = node.putArray("models");
        models.forEach(m::add);
        ArrayNode e = node.putArray("extractors");
        extractors.forEach(e::add);
        ArrayNode k = node.putArray("ks");
        ks.forEach(k::add);
        node.put("pcaDimensions", pcaDimensions);
        node.put("voteM", voteM);
        ArrayNode c = node.putArray("cutoffs");
        cutoffs.forEach(c::add);
        node.put("relevanceRatio", relevanceRatio);
        node.put("bootstrapSamples", bootstrapSamples);
        node.put("seed", seed);
        node.put("evaluationSettings", evaluationSettings);
        node.put("index", index);
        return node.toString();
    }

    @SuppressWarnings("unchecked")
    public static ExperimentConfig fromJson(String json) {
        try {
            Map<String, Object> map = JSON.readValue(json, Map.class);
            return new ExperimentConfig((String) map.get("name"), (String) map.get("dataset"), (String) map.get("candidateSplit"),
                    (String) map.get("querySplit"), (List<String>) map.get("models"), (List<String>) map.get("extractors"),
                    (List<Integer>) map.get("ks"), ((Number) map.get("pcaDimensions")).intValue(),
                    ((Number) map.get("voteM")).intValue(), (List<Integer>) map.get("cutoffs"),
                    ((Number) map.get("relevanceRatio")).doubleValue(), ((Number) map.get("bootstrapSamples")).intValue(),
                    ((Number) map.get("seed")).longValue(), (String) map.get("evaluationSettings"), (String) map.get("index"));
        } catch (java.io.IOException | RuntimeException e) {
            throw new IllegalArgumentException("stored experiment configuration cannot be read: " + e.getMessage(), e);
        }
    }
}
