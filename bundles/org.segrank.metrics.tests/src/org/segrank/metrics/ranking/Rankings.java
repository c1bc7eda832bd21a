package org.segrank.metrics.ranking;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.segrank.core.ModelId;
import org.segrank.core.ModelRanking;

/** Short builders for hand-made test data. */
final class Rankings {

    static final ModelId A = new ModelId("A");
    static final ModelId B = new ModelId("B");
    static final ModelId C = new ModelId("C");
    static final ModelId D = new ModelId("D");

    /**
     * Hand-computed DCG terms 1 / log2(1 + i):
     * i=1: 1/log2(2) = 1; i=2: 1/log2(3) = 0.6309297536; i=3: 1/log2(4) = 0.5;
     * i=4: 1/log2(5) = 0.4306765581.
     */
    static final double TOLERANCE = 1e-9;

    private Rankings() {
    }

    /** {@code aps("A", 0.9, "B", 0.8)}: APs in the given order. */
    static ModelRanking aps(Object... modelApPairs) {
        Map<ModelId, Double> aps = new LinkedHashMap<>();
        for (int index = 0; index < modelApPairs.length; index += 2) {
            aps.put(new ModelId((String) modelApPairs[index]), ((Number) modelApPairs[index + 1]).doubleValue());
        }
        return ModelRanking.byAp(aps);
    }

    /** A strict ranking with the given models best first (APs 1.0, 0.9, 0.8, ...). */
    static ModelRanking order(ModelId... bestFirst) {
        Map<ModelId, Double> aps = new LinkedHashMap<>();
        for (int index = 0; index < bestFirst.length; index++) {
            aps.put(bestFirst[index], 1.0 - 0.1 * index);
        }
        ModelRanking ranking = ModelRanking.byAp(aps);
        if (!ranking.models().equals(List.of(bestFirst))) {
            throw new AssertionError("test helper built " + ranking.models());
        }
        return ranking;
    }
}
