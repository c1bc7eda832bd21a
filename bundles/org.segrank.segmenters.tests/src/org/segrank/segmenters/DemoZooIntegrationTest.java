package org.segrank.segmenters;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.segrank.datasets.corpus.CorpusSpec;
import org.segrank.datasets.corpus.Regime;
import org.segrank.datasets.io.GeneratedDataset;
import org.segrank.evaluation.EvaluationRunner;
import org.segrank.metrics.coco.EvalParams;
import org.segrank.workspace.ApMatrix;
import org.segrank.workspace.RegisteredModel;
import org.segrank.workspace.Workspace;

/**
 * The whole chain on a tiny generated corpus: build the zoo (DJL training), find it cached, evaluate it through
 * the DJL factory (one shared-encoder group), resume, and refuse a corrupt artifact by name.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DemoZooIntegrationTest {

    private static final DemoZoo.Settings TINY = new DemoZoo.Settings(64, new CompactSettings.Base(20, 4, 32, 1e-2, 0.1),
            new CompactSettings.FineTune(5, 1e-2), 11);

    private static Path dir;
    private static Workspace workspace;
    private static DemoZoo.Report first;

    @BeforeAll
    static void corpus() throws Exception {
        dir = Files.createTempDirectory("segrank-zoo-test");
        workspace = Workspace.open(dir.resolve("ws"));
        CorpusSpec spec = new CorpusSpec(10, 6, 0, 2, 128, 128, 5);
        GeneratedDataset.generate(workspace, "corpus", spec, dir.resolve("corpus"), (phase, done, total) -> { }, () -> false);
    }

    @AfterAll
    static void close() {
        if (workspace != null) {
            workspace.close();
        }
    }

    @Test
    @Order(1)
    void buildTrainsAndRegistersBasePlusOneModelPerSubsetWithProvenance() throws Exception {
        first = new DemoZoo(workspace, TINY).build("corpus", (m, d, t) -> { }, () -> false);
        assertEquals(Regime.FINE_TUNING_REGIME_COUNT, first.models().size());
        assertEquals(40, first.trained());
        assertEquals(0, first.reused());
        Set<String> names = first.models().stream().map(RegisteredModel::name).collect(Collectors.toSet());
        for (Regime regime : Regime.fineTuningRegimes()) {
            assertTrue(names.contains("zoo-" + regime.name()), "model for " + regime);
        }
        RegisteredModel model = workspace.models().get("zoo-" + Regime.fineTuningRegimes().get(0).name() + ":" + first.version());
        assertEquals(first.base().qualifiedName(), model.baseModel());
        assertEquals("corpus", model.fineTunedOnDataset());
        assertTrue(model.tags().contains(DemoZoo.TAG));
        String provenance = model.provenance();
        assertTrue(provenance.contains("\"subset\":\"finetune:" + Regime.fineTuningRegimes().get(0).name() + "\""), provenance);
        assertTrue(provenance.contains("\"images\":2"), provenance);
        assertTrue(provenance.contains("\"seed\":"), provenance);
        assertTrue(provenance.contains("\"trainingSeconds\":"), provenance);
        assertTrue(provenance.contains("\"engine\":\"PyTorch"), provenance);
        assertTrue(first.base().provenance().contains("\"subset\":\"classification-train\""), first.base().provenance());
    }

    @Test
    @Order(2)
    void aSecondBuildReusesEveryModel() throws Exception {
        DemoZoo.Report again = new DemoZoo(workspace, TINY).build("corpus", (m, d, t) -> { }, () -> false);
        assertEquals(0, again.trained());
        assertEquals(40, again.reused());
        assertEquals(first.version(), again.version());
        DemoZoo.Settings otherSeed = new DemoZoo.Settings(64, TINY.base(), TINY.fineTune(), 12);
        assertTrue(!new DemoZoo(workspace, otherSeed).version("corpus", workspace.datasets().images("corpus", null))
                .equals(first.version()), "other settings, other version");
    }

    @Test
    @Order(3)
    void evaluationRunsTheZooAsOneGroupAndResumes() throws Exception {
        DjlSegmenterFactory factory = new DjlSegmenterFactory();
        List<List<RegisteredModel>> groups = factory.groups(workspace, first.models());
        assertEquals(1, groups.size());
        assertEquals(39, groups.get(0).size());

        EvaluationRunner runner = new EvaluationRunner(workspace, factory, EvalParams.defaults(), 2);
        EvaluationRunner.Summary summary = runner.run("corpus", "candidate", first.models(), (d, t, e) -> { }, () -> false);
        assertEquals(6 * 39, summary.pairs());
        assertEquals(6 * 39, summary.computed());
        assertEquals(0, summary.failed());

        EvaluationRunner.Summary again = runner.run("corpus", "candidate", first.models(), (d, t, e) -> { }, () -> false);
        assertEquals(6 * 39, again.reused());
        assertEquals(0, again.computed());

        ApMatrix matrix = workspace.results().apMatrix("corpus", "candidate", runner.settingsHash()).withModels(first.models());
        assertEquals(0, matrix.count(ApMatrix.Cell.MISSING));
        ZooReport report = ZooReport.of(matrix);
        assertEquals(report.scoredImages(), report.bestCounts().values().stream().mapToInt(Integer::intValue).sum());
        assertEquals(6, report.scoredImages() + report.skippedImages());
    }

    @Test
    @Order(4)
    void aCorruptArtifactIsRefusedByNameAndRecordedAsTheError() throws Exception {
        RegisteredModel victim = first.models().get(3);
        Path file = workspace.resolve(victim.artifactSha256());
        file.toFile().setWritable(true);
        Files.write(file, "tampered".getBytes());
        EvaluationRunner runner = new EvaluationRunner(workspace, new DjlSegmenterFactory(), EvalParams.defaults(), 1);
        EvaluationRunner.Summary summary = runner.run("corpus", "classification-train", List.of(victim), (d, t, e) -> { },
                () -> false);
        assertEquals(10, summary.failed());
        try (java.sql.Connection c = workspace.dataSource().getConnection();
                java.sql.PreparedStatement q = c.prepareStatement(
                        "SELECT error_text FROM evaluation_results WHERE model_id = ? AND error_text IS NOT NULL")) {
            q.setLong(1, victim.id());
            try (java.sql.ResultSet rows = q.executeQuery()) {
                assertTrue(rows.next(), "an error is stored");
                String error = rows.getString(1);
                assertTrue(error.contains(victim.qualifiedName()), error);
                assertTrue(error.contains("cannot open model"), error);
            }
        }
    }

    @Test
    @Order(5)
    void onnxAndTorchScriptMaskRcnnsRunThroughTheFactory() throws Exception {
        // the tiny recorded Mask R-CNN of org.segrank.djl.tests (random weights: plumbing, not accuracy)
        Path fixtures = Path.of("..", "org.segrank.djl.tests", "fixtures");
        RegisteredModel onnx = workspace.models().register(org.segrank.workspace.ModelRegistration
                .builder("tiny-onnx", "maskrcnn-tiny", org.segrank.workspace.ModelFormat.ONNX)
                .artifact(fixtures.resolve("tiny_maskrcnn.onnx")).scoreThreshold(0.0).build());
        RegisteredModel torchscript = workspace.models().register(org.segrank.workspace.ModelRegistration
                .builder("tiny-ts", "maskrcnn-tiny", org.segrank.workspace.ModelFormat.TORCHSCRIPT)
                .artifact(fixtures.resolve("tiny_maskrcnn_scripted.pt")).scoreThreshold(0.0).build());
        DjlSegmenterFactory factory = new DjlSegmenterFactory();
        assertEquals(2, factory.groups(workspace, List.of(onnx, torchscript)).size(), "Mask R-CNNs run alone");
        EvaluationRunner runner = new EvaluationRunner(workspace, factory, EvalParams.defaults(), 2);
        EvaluationRunner.Summary summary = runner.run("corpus", "candidate", List.of(onnx, torchscript), (d, t, e) -> { },
                () -> false);
        assertEquals(12, summary.computed());
        assertEquals(0, summary.failed());
        ApMatrix matrix = workspace.results().apMatrix("corpus", "candidate", runner.settingsHash())
                .withModels(List.of(onnx, torchscript));
        assertEquals(12, matrix.count(ApMatrix.Cell.VALUE) + matrix.count(ApMatrix.Cell.UNDEFINED));
        try (java.sql.Connection c = workspace.dataSource().getConnection();
                java.sql.PreparedStatement q = c.prepareStatement(
                        "SELECT MIN(inference_ms) FROM evaluation_results WHERE model_id IN (?, ?)")) {
            q.setLong(1, onnx.id());
            q.setLong(2, torchscript.id());
            try (java.sql.ResultSet rows = q.executeQuery()) {
                rows.next();
                assertTrue(rows.getDouble(1) > 0, "inference time recorded");
            }
        }
    }

    private static int modelIndex(ApMatrix matrix, RegisteredModel model) {
        for (int m = 0; m < matrix.models().size(); m++) {
            if (matrix.models().get(m).id() == model.id()) {
                return m;
            }
        }
        throw new AssertionError("model not in matrix");
    }
}
