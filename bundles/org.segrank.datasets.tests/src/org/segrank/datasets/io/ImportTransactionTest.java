package org.segrank.datasets.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.segrank.workspace.Image;
import org.segrank.workspace.NewDataset;
import org.segrank.workspace.Workspace;

/** All-or-nothing, skip-invalid, idempotent re-import, progress and cancellation. */
class ImportTransactionTest {
    @TempDir
    Path temp;

    private Workspace workspace;
    private DatasetImporter importer;
    private Path data;

    @BeforeEach
    void openWorkspace() throws IOException {
        workspace = Workspace.open(temp.resolve("workspace"));
        importer = new DatasetImporter(workspace);
        data = temp.resolve("data");
    }

    @AfterEach
    void closeWorkspace() {
        workspace.close();
    }

    /** {@code count} valid pairs {@code images/img-<i>.png} with i+1 separate 2x2 squares each. */
    private void validPairs(int count) throws IOException {
        for (int i = 0; i < count; i++) {
            TestFiles.image(data.resolve("images/img-" + i + ".png"), i);
            TestFiles.Canvas mask = new TestFiles.Canvas();
            for (int k = 0; k <= i; k++) {
                mask.rect(1 + 4 * k, 1, 2, 2, 255);
            }
            mask.writeGrey(data.resolve("masks/img-" + i + ".png"));
        }
    }

    private static ImportOptions candidates() {
        return ImportOptions.defaults().withSingleSplit("candidate");
    }

    @Test
    void oneBadFileLeavesTheDatabaseUnchangedAndIsNamed() throws IOException {
        workspace.datasets().create(NewDataset.named("lab"));
        validPairs(3);
        TestFiles.image(data.resolve("images/bad.png"), 9);
        new TestFiles.Canvas().pixel(1, 1, 77).writeGrey(data.resolve("masks/bad.png"));

        InvalidDatasetException e = assertThrows(InvalidDatasetException.class,
                () -> importer.importInto("lab", data, DatasetFormat.MASK_PAIRS, candidates()));

        assertEquals(0, TestFiles.imageCount(workspace, "lab"));
        assertTrue(e.getMessage().contains("1 of 4 images is invalid, so nothing was imported"), e.getMessage());
        assertTrue(e.getMessage().contains("images/bad.png: mask masks/bad.png is not binary"), e.getMessage());
        assertEquals(3, e.report().imported().size());
        assertEquals(1, e.report().invalid().size());
    }

    @Test
    void aRefusedImportDoesNotCreateTheDataset() throws IOException {
        validPairs(1);
        TestFiles.image(data.resolve("images/orphan.png"), 9);

        assertThrows(InvalidDatasetException.class,
                () -> importer.importInto("new", data, DatasetFormat.MASK_PAIRS, candidates()));

        assertTrue(workspace.datasets().findByName("new").isEmpty());
    }

    @Test
    void theMessageListsTheFirstProblemsAndCountsTheRest() throws IOException {
        validPairs(1);
        for (int i = 0; i < 5; i++) {
            TestFiles.image(data.resolve("images/orphan-" + i + ".png"), 10 + i);
        }

        InvalidDatasetException e = assertThrows(InvalidDatasetException.class, () -> importer.importInto("lab", data,
                DatasetFormat.MASK_PAIRS, candidates().withMaxListedProblems(2)));

        assertTrue(e.getMessage().contains("images/orphan-0.png: missing mask"), e.getMessage());
        assertTrue(e.getMessage().contains("images/orphan-1.png: missing mask"), e.getMessage());
        assertFalse(e.getMessage().contains("orphan-2"), e.getMessage());
        assertTrue(e.getMessage().endsWith("\n  ... and 3 more"), e.getMessage());
        assertEquals(data.toRealPath().toString(), e.source());
        assertEquals(5, e.report().invalid().size());
    }

    @Test
    void skipInvalidImportsTheRestAndReportsTheSkipped() throws IOException {
        validPairs(3);
        TestFiles.image(data.resolve("images/orphan.png"), 9);
        Files.writeString(data.resolve("images/broken.png"), "not an image");
        new TestFiles.Canvas().writeGrey(data.resolve("masks/broken.png"));

        ImportReport report = importer.importInto("lab", data, DatasetFormat.MASK_PAIRS,
                candidates().withSkipInvalid(true));

        assertEquals(List.of("img-0.png", "img-1.png", "img-2.png"),
                workspace.datasets().images("lab", null).stream().map(Image::fileName).toList());
        assertEquals(3, report.imported().size());
        assertEquals(6, report.importedInstances());
        assertEquals(List.of("images/broken.png", "images/orphan.png"),
                report.invalid().stream().map(ImportReport.Problem::file).toList());
        assertTrue(report.summary().contains("3 images with 6 instances imported, 0 already present, 2 invalid skipped"),
                report.summary());
    }

    @Test
    void reimportingTheSameFilesIsIdempotent() throws IOException {
        validPairs(3);
        ImportReport first = importer.importInto("lab", data, DatasetFormat.MASK_PAIRS, candidates());
        List<Image> before = workspace.datasets().images("lab", null);
        validPairs(4); // the same three files plus one new

        ImportReport second = importer.importInto("lab", data, DatasetFormat.MASK_PAIRS, candidates());

        assertEquals(3, first.imported().size());
        assertEquals(List.of("img-3.png"), second.imported().stream().map(ImportReport.Item::fileName).toList());
        assertEquals(3, second.alreadyPresent().size());
        assertTrue(second.invalid().isEmpty());
        List<Image> after = workspace.datasets().images("lab", null);
        assertEquals(4, after.size());
        assertEquals(before, after.subList(0, 3)); // same rows, same ids
        assertEquals(3, workspace.datasets().instances(after.get(2).id()).size()); // instances not doubled

        ImportReport third = importer.importInto("lab", data, DatasetFormat.MASK_PAIRS, candidates());
        assertEquals(0, third.imported().size());
        assertEquals(4, third.alreadyPresent().size());
    }

    @Test
    void reimportingChangedGroundTruthOrContentIsAConflict() throws IOException {
        validPairs(2);
        importer.importInto("lab", data, DatasetFormat.MASK_PAIRS, candidates());
        new TestFiles.Canvas().rect(5, 5, 6, 6, 255).writeGrey(data.resolve("masks/img-0.png"));
        TestFiles.image(data.resolve("images/img-1.png"), 99);
        new TestFiles.Canvas().rect(1, 1, 2, 2, 255).rect(5, 1, 2, 2, 255).writeGrey(data.resolve("masks/img-1.png"));

        InvalidDatasetException e = assertThrows(InvalidDatasetException.class,
                () -> importer.importInto("lab", data, DatasetFormat.MASK_PAIRS, candidates()));

        List<ImportReport.Problem> problems = e.report().invalid();
        assertEquals(2, problems.size());
        assertTrue(problems.get(0).problem().contains("already has an image named 'img-0.png' with different ground"
                + " truth"), problems.get(0).problem());
        assertTrue(problems.get(1).problem().contains("already has an image named 'img-1.png' with different content"),
                problems.get(1).problem());
        assertEquals(2, TestFiles.imageCount(workspace, "lab"));
    }

    @Test
    void contentAlreadyInTheDatasetUnderAnotherNameIsADuplicate() throws IOException {
        validPairs(1);
        importer.importInto("lab", data, DatasetFormat.MASK_PAIRS, candidates());
        Files.copy(data.resolve("images/img-0.png"), data.resolve("images/copy.png"));
        Files.copy(data.resolve("masks/img-0.png"), data.resolve("masks/copy.png"));

        ImportReport report = importer.importInto("lab", data, DatasetFormat.MASK_PAIRS,
                candidates().withSkipInvalid(true));

        assertEquals(1, report.alreadyPresent().size());
        assertEquals(List.of(new ImportReport.Problem("images/copy.png", "has the same content as 'img-0.png', which"
                + " dataset 'lab' already has; a dataset must not contain an image twice")), report.invalid());
        assertEquals(1, TestFiles.imageCount(workspace, "lab"));
    }

    @Test
    void progressCountsEveryItem() throws IOException {
        validPairs(4);
        List<String> calls = new ArrayList<>();

        importer.importInto("lab", data, DatasetFormat.MASK_PAIRS, candidates(),
                (done, total) -> calls.add(done + "/" + total), () -> false);

        assertEquals(List.of("0/4", "1/4", "2/4", "3/4", "4/4"), calls);
    }

    @Test
    void cancellationBetweenItemsStoresNothingInTheDatabase() throws IOException {
        validPairs(5);
        workspace.datasets().create(NewDataset.named("lab"));
        AtomicInteger polls = new AtomicInteger();

        CancellationException e = assertThrows(CancellationException.class, () -> importer.importInto("lab", data,
                DatasetFormat.MASK_PAIRS, candidates().withThreads(1), ProgressCallback.NONE,
                () -> polls.incrementAndGet() > 2));

        assertTrue(e.getMessage().contains("cancelled after 2 of 5 images"), e.getMessage());
        assertEquals(0, TestFiles.imageCount(workspace, "lab"));
    }

    @Test
    void cancellationAfterTheLastItemStillStoresNothing() throws IOException {
        validPairs(3);
        AtomicInteger polls = new AtomicInteger();

        assertThrows(CancellationException.class, () -> importer.importInto("fresh", data, DatasetFormat.MASK_PAIRS,
                candidates().withThreads(2), ProgressCallback.NONE, () -> polls.incrementAndGet() > 3));

        assertTrue(workspace.datasets().findByName("fresh").isEmpty());
    }

    @Test
    void parallelAndSequentialImportsGiveIdenticalResults() throws IOException {
        validPairs(6);
        importer.importInto("one", data, DatasetFormat.MASK_PAIRS, candidates().withThreads(1));
        importer.importInto("four", data, DatasetFormat.MASK_PAIRS, candidates().withThreads(4));

        List<Image> one = workspace.datasets().images("one", null);
        List<Image> four = workspace.datasets().images("four", null);
        assertEquals(6, one.size());
        for (int i = 0; i < one.size(); i++) {
            assertEquals(one.get(i).fileName(), four.get(i).fileName());
            assertEquals(one.get(i).sha256(), four.get(i).sha256());
            assertEquals(workspace.datasets().instances(one.get(i).id()).stream().map(g -> g.rleCounts()).toList(),
                    workspace.datasets().instances(four.get(i).id()).stream().map(g -> g.rleCounts()).toList());
        }
    }

    @Test
    void imageFilesGoIntoTheContentStore() throws IOException {
        validPairs(2);
        importer.importInto("lab", data, DatasetFormat.MASK_PAIRS, candidates());

        for (Image image : workspace.datasets().images("lab", null)) {
            assertTrue(workspace.store().contains(image.sha256()));
            assertEquals(-1, Files.mismatch(workspace.resolve(image.sha256()), data.resolve("images/" + image.fileName())));
        }
    }
}
