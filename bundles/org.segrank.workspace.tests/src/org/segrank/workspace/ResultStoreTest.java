package org.segrank.workspace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.segrank.core.InvalidInputException;
import org.segrank.core.ModelId;

class ResultStoreTest {
    private static final String SETTINGS = "s1";

    @TempDir
    Path folder;

    private Workspace workspace;
    private ResultStore results;
    private Image a;
    private Image b;
    private Image c;
    private RegisteredModel m1;
    private RegisteredModel m2;

    @BeforeEach
    void populate() throws IOException {
        workspace = Workspace.open(folder.resolve("ws"));
        results = workspace.results();
        workspace.datasets().create(NewDataset.named("particles"));
        List<Image> images = workspace.datasets().addImages("particles", "test", List.of(
                TestData.imageWithInstance(workspace, "a.png", ImageSplits.CANDIDATE),
                TestData.imageWithInstance(workspace, "b.png", ImageSplits.CANDIDATE),
                TestData.imageWithInstance(workspace, "c.png", ImageSplits.QUERY)));
        a = images.get(0);
        b = images.get(1);
        c = images.get(2);
        m1 = TestData.metadataOnlyModel(workspace, "m1", "1");
        m2 = TestData.metadataOnlyModel(workspace, "m2", "1");
    }

    @AfterEach
    void close() {
        workspace.close();
    }

    @Test
    void upsertingAPairAgainReplacesItsRowInsteadOfAddingOne() {
        results.upsert(EvaluationResult.of(a.id(), m1.id(), SETTINGS, 0.5, 0.7, 0.4, 3, 5, 120.0));
        results.upsert(EvaluationResult.of(a.id(), m1.id(), SETTINGS, 0.6, null, null, 3, 4, 80.0));
        results.upsertAll(List.of(EvaluationResult.of(a.id(), m1.id(), SETTINGS, 0.65, null, null, 3, 4, 81.0),
                EvaluationResult.of(a.id(), m1.id(), "s2", 0.1, null, null, 3, 4, 81.0)));
        assertEquals(2, TestData.count(workspace, "evaluation_results"), "one row per (image, model, settings)");
        EvaluationResult stored = results.find(a.id(), m1.id(), SETTINGS).orElseThrow();
        assertEquals(0.65, stored.ap());
        assertEquals(4, stored.detectionCount());
        assertEquals(0.1, results.find(a.id(), m1.id(), "s2").orElseThrow().ap());
    }

    @Test
    void theApMatrixHasEveryImageAndActiveModelWithTheStateOfEachCell() {
        results.upsertAll(List.of(EvaluationResult.of(a.id(), m1.id(), SETTINGS, 0.5, null, null, 1, 1, null),
                EvaluationResult.of(a.id(), m2.id(), SETTINGS, 0.25, null, null, 1, 1, null),
                EvaluationResult.undefined(b.id(), m1.id(), SETTINGS, 0, 0, null),
                EvaluationResult.failure(b.id(), m2.id(), SETTINGS, "out of memory"),
                EvaluationResult.of(c.id(), m1.id(), SETTINGS, 0.9, null, null, 1, 1, null),
                EvaluationResult.of(a.id(), m1.id(), "other", 0.0, null, null, 1, 1, null)));
        ApMatrix matrix = results.apMatrix("particles", ImageSplits.CANDIDATE, SETTINGS);
        assertEquals(List.of("a.png", "b.png"), matrix.images().stream().map(Image::fileName).toList());
        assertEquals(List.of("m1:1", "m2:1"), matrix.models().stream().map(RegisteredModel::qualifiedName).toList());
        assertEquals(ApMatrix.Cell.VALUE, matrix.cell(0, 0));
        assertEquals(0.5, matrix.ap(0, 0));
        assertEquals(0.25, matrix.ap(0, 1));
        assertEquals(ApMatrix.Cell.UNDEFINED, matrix.cell(1, 0));
        assertTrue(Double.isNaN(matrix.ap(1, 0)));
        assertEquals(ApMatrix.Cell.FAILED, matrix.cell(1, 1));
        Map<ModelId, Double> expected = new LinkedHashMap<>();
        expected.put(new ModelId("m1:1"), 0.5);
        expected.put(new ModelId("m2:1"), 0.25);
        assertEquals(expected, matrix.apByModel(matrix.imageIndex("a.png")));
        assertEquals(Map.of(), matrix.apByModel(1));

        ApMatrix all = results.apMatrix("particles", null, SETTINGS);
        assertEquals(3, all.images().size());
        assertEquals(0.9, all.ap(all.imageIndex("c.png"), 0));
        assertEquals(ApMatrix.Cell.MISSING, all.cell(all.imageIndex("c.png"), 1));
        assertEquals(1, all.count(ApMatrix.Cell.MISSING));
    }

    @Test
    void countDoneCountsSuccessfulPairsOfActiveModelsForResume() {
        results.upsertAll(List.of(EvaluationResult.of(a.id(), m1.id(), SETTINGS, 0.5, null, null, 1, 1, null),
                EvaluationResult.undefined(b.id(), m1.id(), SETTINGS, 0, 0, null),
                EvaluationResult.failure(a.id(), m2.id(), SETTINGS, "crashed"),
                EvaluationResult.of(b.id(), m2.id(), SETTINGS, 0.3, null, null, 1, 1, null),
                EvaluationResult.of(c.id(), m2.id(), SETTINGS, 0.3, null, null, 1, 1, null)));
        assertEquals(3, results.countDone("particles", ImageSplits.CANDIDATE, SETTINGS));
        assertEquals(4, results.countDone("particles", null, SETTINGS));
        assertEquals(0, results.countDone("particles", null, "other"));
        assertEquals(Set.of(new ImageModelPair(a.id(), m1.id()), new ImageModelPair(b.id(), m1.id()),
                new ImageModelPair(b.id(), m2.id())), results.donePairs("particles", ImageSplits.CANDIDATE, SETTINGS));

        results.upsert(EvaluationResult.of(a.id(), m2.id(), SETTINGS, 0.2, null, null, 1, 1, null)); // the retry
        assertEquals(4, results.countDone("particles", ImageSplits.CANDIDATE, SETTINGS));
        workspace.models().softRemove("m2");
        assertEquals(2, results.countDone("particles", ImageSplits.CANDIDATE, SETTINGS));
    }

    @Test
    void anInvalidResultInABatchStoresNothing() {
        InvalidInputException outOfRange = assertThrows(InvalidInputException.class, () -> results.upsertAll(List.of(
                EvaluationResult.of(a.id(), m1.id(), SETTINGS, 0.5, null, null, 1, 1, null),
                EvaluationResult.of(b.id(), m1.id(), SETTINGS, 1.5, null, null, 1, 1, null))));
        assertTrue(outOfRange.location().endsWith("field 'ap'"), outOfRange.getMessage());
        InvalidInputException unknownImage = assertThrows(InvalidInputException.class, () -> results.upsertAll(List.of(
                EvaluationResult.of(a.id(), m1.id(), SETTINGS, 0.5, null, null, 1, 1, null),
                EvaluationResult.of(999_999, m1.id(), SETTINGS, 0.5, null, null, 1, 1, null))));
        assertTrue(unknownImage.location().startsWith("image id 999999"), unknownImage.getMessage());
        assertThrows(InvalidInputException.class, () -> results.upsert(
                new EvaluationResult(a.id(), m1.id(), SETTINGS, null, null, null, false, 1, 1, null, null, null)));
        assertThrows(InvalidInputException.class, () -> results.upsert(
                EvaluationResult.of(a.id(), m1.id(), "bad hash!", 0.5, null, null, 1, 1, null)));
        assertEquals(0, TestData.count(workspace, "evaluation_results"));
    }

    @Test
    void importingACsvStoresEveryRowUnderOneRunAndReportsInsertsAndUpdates() throws IOException {
        Path csv = TestData.write(folder, "ap.csv", "image,model,ap,ap50,ap75\n"
                + "a.png,m1,0.5,0.8,0.45\n"
                + "a.png,m2:1,0.25,,\n"
                + "b.png,m1:1,0,0,0\n");
        ResultImportSummary first = results.importApCsv(csv, "particles", SETTINGS);
        assertEquals(new ResultImportSummary(3, 3, 0, first.runId()), first);
        EvaluationResult stored = results.find(a.id(), m1.id(), SETTINGS).orElseThrow();
        assertEquals(0.5, stored.ap());
        assertEquals(0.8, stored.ap50());
        assertEquals(0.45, stored.ap75());
        assertEquals(first.runId(), stored.runId());
        assertEquals(null, results.find(a.id(), m2.id(), SETTINGS).orElseThrow().ap50());

        workspace.models().setAlias("recommended", "m2:1");
        Path again = TestData.write(folder, "ap2.csv", "image,model,ap\na.png,recommended,0.3\nc.png,m1,1\n");
        ResultImportSummary second = results.importApCsv(again, "particles", SETTINGS);
        assertEquals(2, second.rows());
        assertEquals(1, second.inserted());
        assertEquals(1, second.updated());
        assertEquals(0.3, results.find(a.id(), m2.id(), SETTINGS).orElseThrow().ap());
        assertEquals(4, TestData.count(workspace, "evaluation_results"));
        assertEquals(2, TestData.count(workspace, "evaluation_runs WHERE status = 'imported'"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "unknown image | x.png,m1,0.5 | row 2 (line 3), field 'image' | no image 'x.png' in dataset 'particles'",
        "unknown model | b.png,m9,0.5 | row 2 (line 3), field 'model' | no model or alias",
        "unknown version | b.png,m1:2,0.5 | row 2 (line 3), field 'model' | no model m1 with version 2",
        "AP above 1 | b.png,m1,1.5 | row 2 (line 3), field 'ap' | must be a number in [0, 1]",
        "negative AP | b.png,m1,-0.1 | row 2 (line 3), field 'ap' | must be a number in [0, 1]",
        "non-numeric AP | b.png,m1,high | row 2 (line 3), field 'ap' | 'high' is not a number",
        "NaN AP | b.png,m1,NaN | row 2 (line 3), field 'ap' | must be a number in [0, 1]",
        "empty AP | b.png,m1, | row 2 (line 3), field 'ap' | is required",
        "non-numeric AP50 | b.png,m1,0.5,x | row 2 (line 3), field 'ap50' | 'x' is not a number",
        "pair twice | a.png,m1:1,0.5 | row 2 (line 3), field 'model' | already given at row 1 (line 2)",
    })
    void aBadRowImportsNothingAndNamesRowAndField(String name, String badRow, String location, String problem)
            throws IOException {
        String header = badRow.split(",").length > 3 ? "image,model,ap,ap50\n" : "image,model,ap\n";
        String firstRow = header.contains("ap50") ? "a.png,m1,0.5,0.5\n" : "a.png,m1,0.5\n";
        Path csv = TestData.write(folder, "ap.csv", header + firstRow + badRow + "\n");
        InvalidInputException error = assertThrows(InvalidInputException.class,
                () -> results.importApCsv(csv, "particles", SETTINGS));
        assertEquals(csv.toString(), error.source());
        assertEquals(location, error.location());
        assertTrue(error.getMessage().contains(problem), error.getMessage());
        assertEquals(0, TestData.count(workspace, "evaluation_results"), "the valid first row is not imported");
        assertEquals(0, TestData.count(workspace, "evaluation_runs"));
    }

    @Test
    void headerProblemsAndAmbiguousNamesAreNamed() throws IOException {
        assertImportError("header, field 'score'", "unknown column", "image,model,score\na.png,m1,0.5\n");
        assertImportError("header", "'ap' is missing", "image,model\na.png,m1\n");
        assertImportError("", "no data rows", "image,model,ap\n");
        TestData.metadataOnlyModel(workspace, "m1", "2");
        assertImportError("row 1 (line 2), field 'model'", "several active versions ([2, 1])",
                "image,model,ap\na.png,m1,0.5\n");
        workspace.models().softRemove("m2:1");
        assertImportError("row 1 (line 2), field 'model'", "was removed", "image,model,ap\na.png,m2:1,0.5\n");
        assertEquals(0, TestData.count(workspace, "evaluation_results"));
    }

    private void assertImportError(String location, String problem, String content) throws IOException {
        Path csv = TestData.write(folder, "bad.csv", content);
        InvalidInputException error = assertThrows(InvalidInputException.class,
                () -> results.importApCsv(csv, "particles", SETTINGS));
        assertEquals(location, error.location(), error.getMessage());
        assertTrue(error.getMessage().contains(problem), error.getMessage());
    }
}
