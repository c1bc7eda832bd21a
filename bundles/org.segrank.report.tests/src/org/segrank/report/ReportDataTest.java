package org.segrank.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** Validation and immutability of the report records. */
class ReportDataTest {
    @Test
    void apMatrixIsCopiedAndChecked() {
        double[][] ap = {{0.5, Double.NaN}, {0.25, 1.0}};
        ApMatrixData m = new ApMatrixData(List.of("a", "b"), List.of("query", "query"), List.of("m1", "m2"), ap);
        ap[0][0] = 0.9;
        assertEquals(0.5, m.ap(0, 0));
        m.ap()[1][1] = 0;
        assertEquals(1.0, m.ap(1, 1));
        assertEquals(m, new ApMatrixData(List.of("a", "b"), List.of("query", "query"), List.of("m1", "m2"),
                new double[][] {{0.5, Double.NaN}, {0.25, 1.0}}));

        assertThrows(IllegalArgumentException.class, () -> new ApMatrixData(List.of("a"), List.of("q"),
                List.of("m1"), new double[][] {{1.5}}));
        assertThrows(IllegalArgumentException.class, () -> new ApMatrixData(List.of("a"), List.of("q"),
                List.of("m1", "m2"), new double[][] {{0.5}}));
        assertThrows(IllegalArgumentException.class, () -> new ApMatrixData(List.of("a"), List.of("q"),
                List.of("m1", "m1"), new double[][] {{0.5, 0.5}}));
        assertThrows(IllegalArgumentException.class, () -> new ApMatrixData(List.of("a"), List.of(),
                List.of("m1"), new double[][] {{0.5}}));
    }

    @Test
    void ndcgRowsAreCheckedAndUnique() {
        assertThrows(IllegalArgumentException.class, () -> new NdcgRow("x", "nearest", 0, "method 1", null,
                0.5, 0.4, 0.6, 10));
        assertThrows(IllegalArgumentException.class, () -> new NdcgRow("x", "nearest", 25, "method 1", null,
                0.5, 0.6, 0.4, 10));
        assertThrows(IllegalArgumentException.class, () -> new NdcgRow("x", "nearest", 25, "method 1", null,
                1.2, 0.4, 0.6, 10));
        assertThrows(IllegalArgumentException.class, () -> new NdcgRow("x", "nearest", 25, "method 1", null,
                0.5, Double.NaN, 0.6, 10));
        List<NdcgRow> rows = new ArrayList<>(ReportFixtures.ndcg());
        rows.add(rows.get(0));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new ReportData(ReportFixtures.summary(), rows, ReportFixtures.apMatrix(), List.of(),
                        Map.of(), List.of(), List.of()));
        assertTrue(e.getMessage().contains("duplicate nDCG row"), e.getMessage());
    }

    @Test
    void summaryAndRankingsAreChecked() {
        Summary s = ReportFixtures.summary();
        assertThrows(IllegalArgumentException.class, () -> new Summary(s.experimentName(), 1, "d", "c", "q",
                s.startedAt(), s.startedAt(), Map.of(), Map.of(), null, null, 10, 11, null));
        assertThrows(IllegalArgumentException.class, () -> new Summary(s.experimentName(), 1, "d", "c", "q",
                s.startedAt(), s.startedAt().minusSeconds(1), Map.of(), Map.of(), null, null, 10, 1, null));
        List<RankedModel> six = Collections.nCopies(6, new RankedModel("m", 0.5, 0.5, true, false));
        assertThrows(IllegalArgumentException.class, () -> new QueryRanking("q", "r", 0.9, "x", 25, "nearest",
                six, 0.5, 0.5));
        assertThrows(IllegalArgumentException.class, () -> new ModelInfo("m", null, null, null, null, null,
                "not-a-sha", null));
        assertThrows(NullPointerException.class, () -> new Summary(null, 1, "d", "c", "q", Instant.EPOCH, null,
                Map.of(), Map.of(), null, null, 0, 0, null));
    }

    @Test
    void mapsKeepTheirOrderAndAreImmutable() {
        Map<String, Integer> counts = new LinkedHashMap<>();
        counts.put("z", 1);
        counts.put("a", 2);
        counts.put("m", 3);
        ReportData data = new ReportData(ReportFixtures.summary(), List.of(), ReportFixtures.apMatrix(), List.of(),
                counts, List.of(), List.of());
        counts.put("b", 4);
        assertEquals(List.of("z", "a", "m"), List.copyOf(data.bestModelCounts().keySet()));
        assertThrows(UnsupportedOperationException.class, () -> data.bestModelCounts().put("q", 1));
        assertEquals(List.of("PCA dimensions", "k", "relevance ratio (method 1)", "bootstrap samples", "seed"),
                List.copyOf(data.summary().settings().keySet()));
    }
}
