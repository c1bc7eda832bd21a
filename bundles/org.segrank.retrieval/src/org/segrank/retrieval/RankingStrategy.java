package org.segrank.retrieval;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Turns a query's nearest representatives into a model ranking. {@code ap[rep][model]} is the AP of model
 * {@code model} on representative {@code rep} ({@code NaN} = undefined); hit ids index its rows.
 *
 * <ul>
 * <li>{@link #nearest}: the paper's rule, the nearest representative's ranking: models by AP descending.</li>
 * <li>{@link #weightedVote}: the extension, {@code score_j = sum over the m nearest representatives of
 *     max(similarity, 0) * ap[rep][j]}, skipping undefined APs; a model with no defined AP among them scores
 *     {@code NaN}.</li>
 * </ul>
 * Rankings put larger scores first, break ties by ascending model index and put {@code NaN} scores last.
 */
public final class RankingStrategy {
    private RankingStrategy() {
    }

    /**
     * One representative used as evidence.
     *
     * @param representative row of {@code ap} (the hit id)
     * @param similarity cosine similarity of the query to it
     * @param weight its weight in the scores (1 for {@link #nearest}, {@code max(similarity, 0)} for the vote)
     */
    public record Evidence(int representative, double similarity, double weight) {
    }

    /**
     * A ranking of models.
     *
     * @param strategy {@code "nearest"} or {@code "weighted-vote(m)"}
     * @param models model indices, best first
     * @param scores score of each model, indexed by model ({@code NaN} = no evidence)
     * @param evidence the representatives used, most similar first
     */
    public record Ranking(String strategy, int[] models, double[] scores, List<Evidence> evidence) {
        public Ranking {
            models = models.clone();
            scores = scores.clone();
            evidence = List.copyOf(evidence);
        }

        @Override
        public int[] models() {
            return models.clone();
        }

        @Override
        public double[] scores() {
            return scores.clone();
        }

        /** The best model. */
        public int best() {
            return models[0];
        }

        /** Score of the model at rank {@code rank} (0 = best). */
        public double scoreAt(int rank) {
            return scores[models[rank]];
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Ranking r && strategy.equals(r.strategy) && Arrays.equals(models, r.models)
                    && Arrays.equals(scores, r.scores) && evidence.equals(r.evidence);
        }

        @Override
        public int hashCode() {
            return 31 * (31 * (31 * strategy.hashCode() + Arrays.hashCode(models)) + Arrays.hashCode(scores))
                    + evidence.hashCode();
        }

        @Override
        public String toString() {
            return "Ranking[" + strategy + ", models=" + Arrays.toString(models) + ", scores="
                    + Arrays.toString(scores) + ", evidence=" + evidence + "]";
        }
    }

    /**
     * The nearest representative's ranking: models by its AP, descending.
     *
     * @param hits the query's hits (any order; the most similar, lowest id on ties, is used)
     * @throws IllegalArgumentException for no hits, a hit id outside {@code ap}, or a malformed {@code ap}
     */
    public static Ranking nearest(double[][] ap, List<Hit> hits) {
        checkAp(ap);
        List<Hit> sorted = sortedHits(hits, ap.length);
        Hit best = sorted.get(0);
        double[] scores = ap[best.id()].clone();
        return new Ranking("nearest", rank(scores), scores,
                List.of(new Evidence(best.id(), best.similarity(), 1.0)));
    }

    /**
     * Similarity-weighted vote of the {@code m} nearest representatives (fewer if there are fewer hits).
     *
     * @throws IllegalArgumentException for {@code m < 1}, no hits, a hit id outside {@code ap}, or a malformed
     *             {@code ap}
     */
    public static Ranking weightedVote(double[][] ap, List<Hit> hits, int m) {
        if (m < 1) {
            throw new IllegalArgumentException("m must be >= 1, got " + m);
        }
        int models = checkAp(ap);
        List<Hit> sorted = sortedHits(hits, ap.length);
        int used = Math.min(m, sorted.size());
        double[] scores = new double[models];
        boolean[] defined = new boolean[models];
        List<Evidence> evidence = new ArrayList<>(used);
        for (int h = 0; h < used; h++) {
            Hit hit = sorted.get(h);
            double weight = Math.max(hit.similarity(), 0.0);
            double[] row = ap[hit.id()];
            for (int j = 0; j < models; j++) {
                if (!Double.isNaN(row[j])) {
                    scores[j] += weight * row[j];
                    defined[j] = true;
                }
            }
            evidence.add(new Evidence(hit.id(), hit.similarity(), weight));
        }
        for (int j = 0; j < models; j++) {
            if (!defined[j]) {
                scores[j] = Double.NaN;
            }
        }
        return new Ranking("weighted-vote(" + m + ")", rank(scores), scores, evidence);
    }

    /** Indices of {@code scores}: larger first, ascending index on ties, {@code NaN} last. */
    public static int[] rank(double[] scores) {
        Integer[] order = new Integer[scores.length];
        for (int j = 0; j < order.length; j++) {
            order[j] = j;
        }
        Arrays.sort(order, (a, b) -> {
            double x = scores[a];
            double y = scores[b];
            boolean xn = Double.isNaN(x);
            boolean yn = Double.isNaN(y);
            if (xn != yn) {
                return xn ? 1 : -1;
            }
            if (!xn && x != y) {
                return x > y ? -1 : 1;
            }
            return Integer.compare(a, b);
        });
        int[] ranked = new int[order.length];
        for (int j = 0; j < ranked.length; j++) {
            ranked[j] = order[j];
        }
        return ranked;
    }

    private static int checkAp(double[][] ap) {
        if (ap == null || ap.length == 0) {
            throw new IllegalArgumentException("ap must have at least one representative row");
        }
        if (ap[0] == null || ap[0].length == 0) {
            throw new IllegalArgumentException("ap row 0 must have at least one model");
        }
        int models = ap[0].length;
        for (int r = 0; r < ap.length; r++) {
            if (ap[r] == null || ap[r].length != models) {
                throw new IllegalArgumentException("ap row " + r + " has " + (ap[r] == null ? "no" : ap[r].length)
                        + " values, expected " + models);
            }
            for (int j = 0; j < models; j++) {
                if (Double.isInfinite(ap[r][j])) {
                    throw new IllegalArgumentException("ap row " + r + " has an infinite value for model " + j);
                }
            }
        }
        return models;
    }

    private static List<Hit> sortedHits(List<Hit> hits, int representatives) {
        if (hits == null || hits.isEmpty()) {
            throw new IllegalArgumentException("no hits: the query needs at least one representative");
        }
        for (int h = 0; h < hits.size(); h++) {
            Hit hit = hits.get(h);
            if (hit == null) {
                throw new IllegalArgumentException("hit " + h + " is null");
            }
            if (hit.id() < 0 || hit.id() >= representatives) {
                throw new IllegalArgumentException("hit " + h + " has id " + hit.id() + ", outside the " + representatives
                        + " ap rows");
            }
            if (Double.isNaN(hit.similarity())) {
                throw new IllegalArgumentException("hit " + h + " (id " + hit.id() + ") has a NaN similarity");
            }
        }
        List<Hit> sorted = new ArrayList<>(hits);
        sorted.sort(Comparator.comparingDouble(Hit::similarity).reversed().thenComparingInt(Hit::id));
        return sorted;
    }
}
