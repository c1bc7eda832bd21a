package org.segrank.experiments;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.segrank.core.InvalidInputException;
import org.segrank.features.FeatureSet;
import org.segrank.features.FeatureStore;
import org.segrank.features.RegisteredExtractor;
import org.segrank.workspace.EvaluationResult;
import org.segrank.workspace.Image;
import org.segrank.workspace.ModelFormat;
import org.segrank.workspace.ModelRegistration;
import org.segrank.workspace.NewDataset;
import org.segrank.workspace.NewImage;
import org.segrank.workspace.RegisteredModel;
import org.segrank.workspace.Workspace;

/**
 * A case small enough to compute by hand: 2 candidates (both representatives), 3 queries (one with AP 0 for every
 * model), 3 models, 2-d features without PCA.
 */
class ExperimentRunnerTest {

    private static final String SETTINGS = "coco-segm:maxdets-1-10-1000";
    private static final double LOG3 = Math.log(3) / Math.log(2);

    @TempDir
    Path dir;
    Workspace ws;
    List<RegisteredModel> models = new ArrayList<>();

    @BeforeEach
    void workspace() throws Exception {
        ws = Workspace.open(dir.resolve("ws"));
        ws.datasets().create(NewDataset.named("d"));
        List<NewImage> images = new ArrayList<>();
        for (String[] image : new String[][] { { "cA", "candidate" }, { "cB", "candidate" }, { "q1", "query" }, { "q2", "query" },
                { "q3", "query" } }) {
            String sha = ws.put(new ByteArrayInputStream(image[0].getBytes())).sha256();
            images.add(new NewImage(image[0] + ".png", sha, 8, 8, image[1], null, null, List.of()));
        }
        ws.datasets().addImages("d", "test", images);
        for (String name : List.of("m1", "m2", "m3")) {
            models.add(ws.models().register(ModelRegistration.builder(name, "test", ModelFormat.ONNX).build()));
        }
        ap("cA", 0.9, 0.5, 0.1);
        ap("cB", 0.1, 0.3, 0.8);
        ap("q1", 0.8, 0.7, 0.0);
        ap("q2", 0.6, 0.1, 0.5);
        ap("q3", 0.0, 0.0, 0.0);
        FeatureStore store = FeatureStore.of(ws);
        RegisteredExtractor extractor = store.registerExtractor("toy", "1", 2, "{}", null);
        FeatureSet set = store.featureSet(extractor, ws.datasets().get("d").id(), "h", "{}");
        feature(store, set, "cA", 1, 0);
        feature(store, set, "cB", 0, 1);
        feature(store, set, "q1", 0.9f, 0.1f);
        feature(store, set, "q2", 0.2f, 0.8f);
        feature(store, set, "q3", 1, 1);
    }

    @AfterEach
    void close() {
        ws.close();
    }

    private Image image(String name) {
        return ws.datasets().findImage("d", name + ".png").orElseThrow();
    }

    private void ap(String image, double... values) {
        for (int m = 0; m < values.length; m++) {
            ws.results().upsert(EvaluationResult.of(image(image).id(), models.get(m).id(), SETTINGS, values[m], null, null, 1, 1, 1.0));
        }
    }

    private void feature(FeatureStore store, FeatureSet set, String image, float x, float y) {
        store.put(set, image(image).id(), new float[] { x, y });
    }

    private ExperimentConfig config() {
        return new ExperimentConfig("toy", "d", "candidate", "query", List.of("m1", "m2", "m3"), List.of("toy"), List.of(2), 0, 2,
                List.of(0, 1), 0.8, 500, 5, SETTINGS, ExperimentConfig.EXACT_INDEX);
    }

    @Test
    void nearestRepresentativeRankingsScoreAsComputedByHand() {
        ExperimentOutcome outcome = new ExperimentRunner(ws).run(config(), Map.of("SegRank", "test"), (m, d, t) -> { }, () -> false);
        assertEquals(3, outcome.queries());
        assertEquals(1, outcome.allZeroQueries());
        // q1 -> cA (m1, m2, m3): method 1 relevant {m1, m2} -> 1; method 2 {m1} first -> 1
        // q2 -> cB (m3, m2, m1): method 1 relevant {m1, m3}: (1 + 1/2) / (1 + 1/log2 3); method 2: m1 third -> 1/2
        double q2Method1 = 1.5 / (1 + 1 / LOG3);
        assertEquals((1 + q2Method1) / 2, outcome.mean("toy", 2, "nearest", ExperimentRunner.METHOD_1, 0), 1e-9);
        assertEquals(0.75, outcome.mean("toy", 2, "nearest", ExperimentRunner.METHOD_2, 0), 1e-9);
        // @1: q1's first model is relevant under both rules, q2's (m3) only under method 1
        assertEquals(1.0, outcome.mean("toy", 2, "nearest", ExperimentRunner.METHOD_1, 1), 1e-9);
        assertEquals(0.5, outcome.mean("toy", 2, "nearest", ExperimentRunner.METHOD_2, 1), 1e-9);
        assertEquals(1.0, outcome.mean(null, null, "oracle", ExperimentRunner.METHOD_1, 0), 1e-12);
        assertEquals(1.0, outcome.mean(null, null, "oracle", ExperimentRunner.METHOD_2, 0), 1e-12);
        double random = outcome.mean(null, null, "random", ExperimentRunner.METHOD_2, 0);
        assertTrue(random > 0 && random <= 1, "random baseline " + random);
        Aggregate nearest = outcome.aggregates().stream()
                .filter(a -> a.key().equals(new Aggregate.Key("toy", 2, "nearest", ExperimentRunner.METHOD_2, 0))).findFirst().orElseThrow();
        assertEquals(1, nearest.excluded(), "q3 (all AP 0) is excluded and counted");
        assertEquals(2, nearest.interval().n());
    }

    @Test
    void theExperimentIsStoredWithConfigurationAndPerQueryEvidence() {
        ExperimentOutcome outcome = new ExperimentRunner(ws).run(config(), Map.of("SegRank", "test"), (m, d, t) -> { }, () -> false);
        ExperimentStore store = new ExperimentStore(ws.dataSource());
        ExperimentStore.StoredExperiment stored = store.get(Long.toString(outcome.experimentId()));
        assertEquals("finished", stored.status());
        assertEquals(List.of("m1:1", "m2:1", "m3:1"), stored.config().models());
        assertEquals(5, stored.config().seed());
        assertTrue(stored.versions().contains("SegRank"));
        assertEquals(64, stored.datasetChecksum().length());
        List<QueryScore> scores = store.queryScores(outcome.experimentId());
        QueryScore q2 = scores.stream().filter(s -> s.queryFile().equals("q2.png") && "nearest".equals(s.strategy())).findFirst()
                .orElseThrow();
        assertTrue(q2.details().contains("\"nearest\":\"cB.png\""), q2.details());
        assertTrue(q2.details().contains("\"model\":\"m3:1\""), q2.details());
        // aggregates recomputed from the stored rows equal the run's
        Aggregate recomputed = store.aggregates(stored).stream().filter(a -> a.key().equals(new Aggregate.Key("toy", 2, "nearest",
                ExperimentRunner.METHOD_1, 0))).findFirst().orElseThrow();
        assertEquals(outcome.mean("toy", 2, "nearest", ExperimentRunner.METHOD_1, 0), recomputed.mean(), 1e-12);
        // every retrieval row has its query's answer time, stored and read back; baselines have none
        for (QueryScore score : scores) {
            if (score.extractor() == null) {
                assertNull(score.seconds(), "baseline " + score);
            } else {
                assertTrue(score.seconds() != null && score.seconds() > 0 && score.seconds() < 10, "answer time of " + score);
            }
        }
        double q2Seconds = q2.seconds();
        assertTrue(scores.stream().filter(s -> s.queryFile().equals("q2.png") && "nearest".equals(s.strategy()))
                .allMatch(s -> s.seconds() == q2Seconds), "one answer time per query and strategy, whatever the metric");
        Aggregate stats = recomputed;
        assertEquals(3, scores.stream().filter(s -> s.key().equals(stats.key())).count());
        assertTrue(stats.answerTime().median() > 0 && stats.answerTime().median() <= stats.answerTime().p95()
                && stats.answerTime().p95() <= stats.answerTime().max(), stats.answerTime().toString());
        assertNull(store.aggregates(stored).stream().filter(a -> "borda".equals(a.key().strategy())).findFirst().orElseThrow()
                .answerTime());
        assertTrue(outcome.tables().stream().anyMatch(line -> line.matches("  toy +nearest +k=2 +[0-9.]+ / [0-9.]+ / [0-9.]+ ms")),
                String.join("\n", outcome.tables()));
    }

    @Test
    void comparingAnExperimentWithItselfGivesZeroDifferences() {
        ExperimentRunner runner = new ExperimentRunner(ws);
        ExperimentOutcome a = runner.run(config(), Map.of(), (m, d, t) -> { }, () -> false);
        ExperimentOutcome b = runner.run(config(), Map.of(), (m, d, t) -> { }, () -> false);
        ExperimentStore store = new ExperimentStore(ws.dataSource());
        List<ExperimentComparison.Difference> differences = ExperimentComparison.compare(store.queryScores(a.experimentId()),
                store.queryScores(b.experimentId()), 200, 1);
        assertTrue(differences.size() > 10);
        for (ExperimentComparison.Difference d : differences) {
            assertEquals(0.0, d.interval().mean(), 1e-12, d.describe());
        }
        List<String> text = ExperimentText.compare(store, store.get(Long.toString(a.experimentId())),
                store.get(Long.toString(b.experimentId())), 0);
        assertEquals("B - A: experiment " + b.experimentId() + " minus experiment " + a.experimentId()
                + " (paired over common queries, full list)", text.get(0));
        long fullListCombinations = differences.stream().filter(d -> d.key().cutoff() == 0).count();
        assertEquals(fullListCombinations + 1, text.size());
        assertTrue(text.stream().skip(1).allMatch(line -> line.contains("+0.0000 [+0.0000, +0.0000]")), String.join("\n", text));
    }

    @Test
    void deletingAnExperimentRemovesItsResultsAndLeavesTheOthers() throws Exception {
        ExperimentRunner runner = new ExperimentRunner(ws);
        ExperimentOutcome kept = runner.run(config(), Map.of(), (m, d, t) -> { }, () -> false);
        ExperimentOutcome deleted = runner.run(config(), Map.of(), (m, d, t) -> { }, () -> false);
        ExperimentStore store = new ExperimentStore(ws.dataSource());
        int keptScores = store.queryScores(kept.experimentId()).size();
        assertTrue(keptScores > 0);
        assertTrue(store.delete(store.get(Long.toString(deleted.experimentId())), false));
        assertEquals(List.of(kept.experimentId()), store.list().stream().map(ExperimentStore.StoredExperiment::id).toList());
        try (var c = ws.dataSource().getConnection(); var q = c.prepareStatement(
                "SELECT COUNT(*) FROM experiment_results WHERE experiment_id = ?")) {
            q.setLong(1, deleted.experimentId());
            try (var rows = q.executeQuery()) {
                rows.next();
                assertEquals(0, rows.getInt(1), "the deleted experiment's rows are gone");
            }
        }
        assertEquals(keptScores, store.queryScores(kept.experimentId()).size(), "the other experiment is untouched");

        long running = store.create(config(), Map.of(), "d", "m"); // as a crashed run leaves it
        ExperimentStore.StoredExperiment stale = store.get(Long.toString(running));
        InvalidInputException refused = assertThrows(InvalidInputException.class, () -> store.delete(stale, false));
        assertTrue(refused.getMessage().contains("running"), refused.getMessage());
        assertTrue(store.delete(stale, true));
        assertFalse(store.delete(stale, true), "already gone");
    }

    @Test
    void aRunWhoseProcessIsGoneShowsAsInterruptedAndCanBeDeleted() throws Exception {
        ExperimentStore store = new ExperimentStore(ws.dataSource());
        long id = store.create(config(), Map.of(), "d", "m");
        assertEquals("running", store.get(Long.toString(id)).status(), "this process is alive");

        Process finished = new ProcessBuilder("true").start();
        finished.waitFor();
        setNotes(id, ExperimentStore.runningMarker(finished.pid()));
        ExperimentStore.StoredExperiment killed = store.get(Long.toString(id));
        assertEquals(ExperimentStore.INTERRUPTED, killed.status());
        assertEquals(ExperimentStore.INTERRUPTED, store.list().get(0).status());

        setNotes(id, "running in process " + finished.pid() + "@another-machine");
        assertEquals("running", store.get(Long.toString(id)).status(), "another machine's process cannot be checked");
        assertEquals("finished", ExperimentStore.status("finished", ExperimentStore.runningMarker(finished.pid())));

        setNotes(id, ExperimentStore.runningMarker(finished.pid()));
        assertTrue(store.delete(store.get(Long.toString(id)), false), "an interrupted run needs no force");
    }

    private void setNotes(long experimentId, String notes) throws Exception {
        try (var c = ws.dataSource().getConnection(); var update = c.prepareStatement("UPDATE experiments SET notes = ? WHERE id = ?")) {
            update.setString(1, notes);
            update.setLong(2, experimentId);
            assertEquals(1, update.executeUpdate());
        }
    }

    @Test
    void theTextOfAStoredExperimentCarriesItsNumbers() {
        ExperimentOutcome outcome = new ExperimentRunner(ws).run(config(), Map.of("SegRank", "test"), (m, d, t) -> { }, () -> false);
        ExperimentStore store = new ExperimentStore(ws.dataSource());
        ExperimentStore.StoredExperiment stored = store.get(Long.toString(outcome.experimentId()));
        List<String> text = ExperimentText.describe(store, stored);
        assertTrue(text.get(0).startsWith("experiment " + outcome.experimentId() + " '" + stored.name() + "': finished"), text.get(0));
        assertEquals("configuration: " + stored.config().toJson(), text.get(1));
        // q1 and q2 count (q3 has AP 0 for every model): method 2, nearest, full list = (1 + 1/2) / 2, as computed by hand above
        String nearestMethod2 = text.stream().filter(line -> line.contains(
                new Aggregate.Key("toy", 2, "nearest", ExperimentRunner.METHOD_2, 0).describe())).findFirst().orElseThrow();
        assertTrue(nearestMethod2.contains(" 0.750 [") && nearestMethod2.contains("n=2 excluded=1"), nearestMethod2);
        assertTrue(nearestMethod2.contains("answer time"), nearestMethod2);
        assertTrue(ExperimentText.compare(store, stored, stored, 99).get(1).contains("no combination in common"),
                "no cut-off 99 was computed");
    }

    @Test
    void missingFeaturesAndUnknownExperimentsAreNamed() {
        ExperimentConfig noFeatures = new ExperimentConfig("x", "d", "candidate", "query", List.of("m1", "m2"), List.of("resnet50"),
                List.of(2), 0, 0, List.of(0), 0.8, 10, 1, SETTINGS, null);
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> new ExperimentRunner(ws).run(noFeatures, Map.of(), (m, d, t) -> { }, () -> false));
        assertTrue(e.getMessage().contains("resnet50"), e.getMessage());
        InvalidInputException unknown = assertThrows(InvalidInputException.class,
                () -> new ExperimentStore(ws.dataSource()).get("nope"));
        assertTrue(unknown.getMessage().contains("nope"), unknown.getMessage());
    }

    @Test
    void theExcelReportHoldsTheExperimentsNumbers() throws Exception {
        ExperimentOutcome outcome = new ExperimentRunner(ws).run(config(), Map.of("SegRank", "test"), (m, d, t) -> { }, () -> false);
        Path file = ExperimentReport.write(ws, Long.toString(outcome.experimentId()), dir.resolve("report.xlsx"));
        try (org.apache.poi.xssf.usermodel.XSSFWorkbook workbook = new org.apache.poi.xssf.usermodel.XSSFWorkbook(
                java.nio.file.Files.newInputStream(file))) {
            org.apache.poi.ss.usermodel.Sheet ap = workbook.getSheet(org.segrank.report.ExcelReport.SHEET_AP);
            java.util.Set<String> names = new java.util.HashSet<>();
            double cbM3 = Double.NaN;
            for (org.apache.poi.ss.usermodel.Row row : ap) {
                org.apache.poi.ss.usermodel.Cell first = row.getCell(0);
                if (first != null && first.getCellType() == org.apache.poi.ss.usermodel.CellType.STRING) {
                    names.add(first.getStringCellValue());
                    if (first.getStringCellValue().equals("cB.png")) {
                        for (org.apache.poi.ss.usermodel.Cell cell : row) {
                            if (cell.getCellType() == org.apache.poi.ss.usermodel.CellType.NUMERIC) {
                                cbM3 = cell.getNumericCellValue(); // the last numeric cell: model m3
                            }
                        }
                    }
                }
            }
            assertTrue(names.containsAll(List.of("cA.png", "cB.png", "q1.png", "q2.png", "q3.png")), names.toString());
            assertEquals(0.8, cbM3, 1e-12);
            // the nDCG tables hold the nearest strategy's method-2 mean (0.75) as a number
            boolean found = false;
            for (org.apache.poi.ss.usermodel.Row row : workbook.getSheet(org.segrank.report.ExcelReport.SHEET_NDCG)) {
                for (org.apache.poi.ss.usermodel.Cell cell : row) {
                    found |= cell.getCellType() == org.apache.poi.ss.usermodel.CellType.NUMERIC
                            && Math.abs(cell.getNumericCellValue() - 0.75) < 1e-12;
                }
            }
            assertTrue(found, "0.75 in the nDCG tables");
        }
    }

    @Test
    void theApproximateIndexFindsTheSameNearestRepresentativesHere() {
        ExperimentConfig exact = config();
        ExperimentConfig hnsw = new ExperimentConfig("toy", "d", "candidate", "query", exact.models(), exact.extractors(), exact.ks(), 0,
                2, exact.cutoffs(), 0.8, 500, 5, SETTINGS, ExperimentConfig.HNSW_INDEX);
        ExperimentOutcome a = new ExperimentRunner(ws).run(exact, Map.of(), (m, d, t) -> { }, () -> false);
        ExperimentOutcome b = new ExperimentRunner(ws).run(hnsw, Map.of(), (m, d, t) -> { }, () -> false);
        assertEquals(a.mean("toy", 2, "nearest", ExperimentRunner.METHOD_1, 0), b.mean("toy", 2, "nearest", ExperimentRunner.METHOD_1, 0), 1e-12);
        assertEquals("hnsw", new ExperimentStore(ws.dataSource()).get(Long.toString(b.experimentId())).config().index());
        assertThrows(IllegalArgumentException.class, () -> new ExperimentConfig("x", "d", "c", "q", List.of(), List.of("toy"), List.of(1),
                0, 0, List.of(0), 0.8, 1, 1, SETTINGS, "faiss"));
    }
}
