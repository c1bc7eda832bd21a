package org.segrank.workspace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.segrank.core.InvalidInputException;

class DatasetRepositoryTest {
    private static final String SOURCE = "particles.json";

    @TempDir
    Path folder;

    private Workspace workspace;
    private DatasetRepository datasets;

    @BeforeEach
    void open() throws IOException {
        workspace = Workspace.open(folder);
        datasets = workspace.datasets();
    }

    @AfterEach
    void close() {
        workspace.close();
    }

    @Test
    void createStoresEveryFieldAndFindByNameReturnsIt() {
        Dataset created = datasets.create(NewDataset.named("particles-2024").withDescription("SEM images")
                .withSource("/lab/particles").withGenerator("synth 1.2", 42L, "{\"count\": 10}"));
        Dataset found = datasets.findByName("particles-2024").orElseThrow();
        assertEquals(created, found);
        assertEquals("SEM images", found.description());
        assertEquals("/lab/particles", found.source());
        assertEquals(42L, found.seed());
        assertEquals("synth 1.2", found.generator());
        assertEquals("{\"count\":10}", found.generatorSettings());
        assertNotNull(found.createdAt());
        assertTrue(datasets.findByName("other").isEmpty());
    }

    @Test
    void aSecondDatasetWithTheSameNameIsRefused() {
        datasets.create(NewDataset.named("particles"));
        InvalidInputException error = assertThrows(InvalidInputException.class,
                () -> datasets.create(NewDataset.named("particles")));
        assertEquals("dataset 'particles', field 'name'", error.location());
        assertTrue(error.getMessage().contains("already exists"), error.getMessage());
    }

    @Test
    void invalidDatasetFieldsAreNamed() {
        InvalidInputException badName = assertThrows(InvalidInputException.class,
                () -> datasets.create(NewDataset.named("has space")));
        assertEquals("field 'name'", badName.location());
        InvalidInputException badJson = assertThrows(InvalidInputException.class,
                () -> datasets.create(NewDataset.named("ok").withGenerator("g", 1L, "[1, 2]")));
        assertEquals("dataset 'ok', field 'generator_settings'", badJson.location());
        assertTrue(datasets.list().isEmpty());
    }

    @Test
    void imagesAndInstancesAreStoredAndCountedPerSplit() throws IOException {
        datasets.create(NewDataset.named("particles"));
        NewImage withTwo = TestData.image(workspace, "b.png", ImageSplits.CANDIDATE,
                TestData.instance("particle", 48, 64),
                new NewInstance("agglomerate", "5Q3", 48, 64, 7.5, new BoundingBox(0.5, 1.5, 2, 3), true));
        List<Image> added = datasets.addImages("particles", SOURCE, List.of(withTwo,
                TestData.imageWithInstance(workspace, "a.png", ImageSplits.CANDIDATE),
                TestData.image(workspace, "q.png", ImageSplits.QUERY)));
        assertEquals(List.of("b.png", "a.png", "q.png"), added.stream().map(Image::fileName).toList());

        DatasetSummary summary = datasets.list().get(0);
        assertEquals("particles", summary.dataset().name());
        assertEquals(Map.of("candidate", 2, "query", 1), summary.imagesPerSplit());
        assertEquals(3, summary.imageCount());
        assertEquals(3, summary.instanceCount());

        List<Image> candidates = datasets.images("particles", ImageSplits.CANDIDATE);
        assertEquals(List.of("a.png", "b.png"), candidates.stream().map(Image::fileName).toList());
        Image b = candidates.get(1);
        assertEquals(withTwo.sha256(), b.sha256());
        assertEquals(64, b.width());
        assertEquals(48, b.height());
        List<GtInstance> instances = datasets.instances(b.id());
        assertEquals(2, instances.size());
        GtInstance second = instances.get(1);
        assertEquals("agglomerate", second.category());
        assertEquals("5Q3", second.rleCounts());
        assertEquals(48, second.rleHeight());
        assertEquals(64, second.rleWidth());
        assertEquals(7.5, second.area());
        assertEquals(new BoundingBox(0.5, 1.5, 2, 3), second.bbox());
        assertTrue(second.iscrowd());
        assertEquals(b, datasets.findImage("particles", "b.png").orElseThrow());
        assertEquals(3, datasets.images("particles", null).size());
    }

    @Test
    void aBadInstanceRejectsTheWholeBatchAndNamesImageInstanceAndField() throws IOException {
        datasets.create(NewDataset.named("particles"));
        NewImage bad = TestData.image(workspace, "c.png", ImageSplits.CANDIDATE, TestData.instance("particle", 48, 64),
                new NewInstance("particle", TestData.RLE, 48, 64, 3, new BoundingBox(0, 0, -1, 2), false));
        InvalidInputException error = assertThrows(InvalidInputException.class,
                () -> datasets.addImages("particles", SOURCE, List.of(
                        TestData.imageWithInstance(workspace, "a.png", ImageSplits.CANDIDATE),
                        TestData.imageWithInstance(workspace, "b.png", ImageSplits.CANDIDATE), bad)));
        assertEquals(SOURCE, error.source());
        assertEquals("images[2] 'c.png', instances[1], field 'bbox'", error.location());
        assertNothingStored();
    }

    @Test
    void aFailureInsideTheTransactionRollsBackTheRowsAlreadyInserted() throws IOException {
        datasets.create(NewDataset.named("particles"));
        datasets.addImages("particles", SOURCE, List.of(TestData.imageWithInstance(workspace, "x.png", "candidate")));
        // y.png is inserted before x.png is found to exist: the rollback must remove y.png again.
        InvalidInputException error = assertThrows(InvalidInputException.class,
                () -> datasets.addImages("particles", "second.json", List.of(
                        TestData.imageWithInstance(workspace, "y.png", "candidate"),
                        TestData.imageWithInstance(workspace, "x.png", "candidate"))));
        assertEquals("images[1] 'x.png', field 'file_name'", error.location());
        assertEquals(List.of("x.png"), datasets.images("particles", null).stream().map(Image::fileName).toList());
        assertEquals(1, TestData.count(workspace, "gt_instances"));
    }

    @Test
    void everyImageProblemIsNamed() throws IOException {
        datasets.create(NewDataset.named("particles"));
        NewImage good = TestData.imageWithInstance(workspace, "a.png", "candidate");
        assertProblem("images[0] 'a.png', field 'sha256'", "no file with this content", List.of(new NewImage("a.png", "f".repeat(64),
                64, 48, "candidate", null, null, List.of())));
        assertProblem("images[0] 'a.png', instances[0], field 'size'", "differs", List.of(new NewImage("a.png",
                good.sha256(), 64, 48, "candidate", null, null, List.of(TestData.instance("particle", 64, 48)))));
        assertProblem("images[0] 'a.png', instances[0], field 'counts'", "character", List.of(new NewImage("a.png",
                good.sha256(), 64, 48, "candidate", null, null,
                List.of(new NewInstance("p", "ab{c", 48, 64, 1, new BoundingBox(0, 0, 1, 1), false)))));
        assertProblem("images[0] 'a.png', field 'split'", "split", List.of(new NewImage("a.png", good.sha256(), 64, 48,
                "Training Set", null, null, List.of())));
        assertProblem("images[0] '../a.png', field 'file_name'", "relative", List.of(new NewImage("../a.png",
                good.sha256(), 64, 48, "candidate", null, null, List.of())));
        assertProblem("images[1] 'a.png', field 'file_name'", "more than once", List.of(good, good));
        assertProblem("images[0] 'a.png', field 'width'", "positive", List.of(new NewImage("a.png", good.sha256(), 0, 48,
                "candidate", null, null, List.of())));
        InvalidInputException unknown = assertThrows(InvalidInputException.class,
                () -> datasets.addImages("nope", SOURCE, List.of(good)));
        assertEquals("dataset 'nope'", unknown.location());
        assertNothingStored();
    }

    private void assertProblem(String location, String problemFragment, List<NewImage> images) {
        InvalidInputException error = assertThrows(InvalidInputException.class,
                () -> datasets.addImages("particles", SOURCE, images));
        assertEquals(location, error.location());
        assertTrue(error.getMessage().contains(problemFragment), error.getMessage());
    }

    private void assertNothingStored() {
        assertEquals(0, TestData.count(workspace, "images"));
        assertEquals(0, TestData.count(workspace, "gt_instances"));
    }
}
