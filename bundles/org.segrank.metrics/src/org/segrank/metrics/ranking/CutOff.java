package org.segrank.metrics.ranking;

/**
 * The cut-off {@code k} of nDCG@k: how many predicted positions are scored.
 *
 * <p>{@link FullList} (the default) scores the whole ranking. {@link TopK} scores the first
 * {@code k} positions; {@code k} larger than the ranking is clipped to its length, {@code k < 1}
 * is rejected. The ideal DCG uses the same resolved cut-off.
 */
public sealed interface CutOff {

    /** The default, {@link FullList}. */
    static CutOff fullList() {
        return new FullList();
    }

    /** nDCG@k. */
    static CutOff at(int k) {
        return new TopK(k);
    }

    /** The number of positions actually scored for a ranking of {@code listSize} models. */
    int resolve(int listSize);

    /** {@code "full"} or {@code "@k"}, for recording with results. */
    String describe();

    /** Score every position. */
    record FullList() implements CutOff {
        @Override
        public int resolve(int listSize) {
            return listSize;
        }

        @Override
        public String describe() {
            return "full";
        }
    }

    /**
     * Score the first {@code k} positions, clipped to the ranking length.
     *
     * @param k at least 1
     */
    record TopK(int k) implements CutOff {
        public TopK {
            if (k < 1) {
                throw new IllegalArgumentException("nDCG cut-off k must be >= 1, got " + k);
            }
        }

        @Override
        public int resolve(int listSize) {
            return Math.min(k, listSize);
        }

        @Override
        public String describe() {
            return "@" + k;
        }
    }
}
