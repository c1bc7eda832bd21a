package org.segrank.datasets.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CancellationException;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.segrank.core.InvalidInputException;
import org.segrank.metrics.coco.CocoAnnotation;
import org.segrank.metrics.coco.CocoDataset;
import org.segrank.metrics.coco.CocoJson;
import org.segrank.metrics.coco.Segmentation;
import org.segrank.workspace.GtInstance;
import org.segrank.workspace.Image;
import org.segrank.workspace.Workspace;

class ExportRoundTripTest {
    @TempDir
    Path temp;

    private Workspace workspace;

    @BeforeEach
    void openWorkspace() throws IOException {
        workspace = Workspace.open(temp.resolve("workspace"));
    }

    @AfterEach
    void closeWorkspace() {
        workspace.close();
    }

    /** Three label-PNG images in two splits, one in a sub-folder, with classes and a regime. */
    private void importLabelDataset(String name) throws IOException {
        Path data = temp.resolve("labels-data");
        TestFiles.image(data.resolve("images/a.png"), 1);
        new TestFiles.Canvas().rect(1, 1, 3, 3, 1).rect(4, 1, 2, 5, 2).write16(data.resolve("labels/a.png"));
        TestFiles.image(data.resolve("images/b.png"), 2);
        new TestFiles.Canvas().rect(0, 0, 20, 1, 200).writeGrey(data.resolve("labels/b.png"));
        TestFiles.image(data.resolve("images/sub/c.png"), 3);
        new TestFiles.Canvas().writeGrey(data.resolve("labels/sub/c.png"));
        TestFiles.text(data.resolve("manifest.csv"), "file,split,class,regime\n"
                + "images/a.png,candidate,round,\"sparse, bright\"\n"
                + "images/b.png,query,fibre,\n"
                + "images/sub/c.png,query,,\n");
        ImportReport report = new DatasetImporter(workspace).importInto(name, data, DatasetFormat.LABEL_PNGS,
                ImportOptions.defaults().withCategory("particle"));
        assertFalse(report.hasProblems(), report.summary());
    }

    private void assertSameDataset(String expected, String actual, String split) {
        List<Image> original = workspace.datasets().images(expected, split);
        List<Image> copy = workspace.datasets().images(actual, split);
        assertEquals(original.size(), copy.size());
        for (int i = 0; i < original.size(); i++) {
            Image a = original.get(i);
            Image b = copy.get(i);
            assertEquals(List.of(a.fileName(), a.sha256(), a.width(), a.height(), a.split()),
                    List.of(b.fileName(), b.sha256(), b.width(), b.height(), b.split()));
            assertEquals(a.classLabel(), b.classLabel(), a.fileName());
            assertEquals(a.regime(), b.regime(), a.fileName());
            List<GtInstance> x = workspace.datasets().instances(a.id());
            List<GtInstance> y = workspace.datasets().instances(b.id());
            assertEquals(x.size(), y.size(), a.fileName());
            for (int k = 0; k < x.size(); k++) {
                assertEquals(x.get(k).rleCounts(), y.get(k).rleCounts());
                assertEquals(x.get(k).area(), y.get(k).area());
                assertEquals(x.get(k).bbox(), y.get(k).bbox());
                assertEquals(x.get(k).category(), y.get(k).category());
                assertEquals(x.get(k).iscrowd(), y.get(k).iscrowd());
                assertEquals(List.of(x.get(k).rleHeight(), x.get(k).rleWidth()),
                        List.of(y.get(k).rleHeight(), y.get(k).rleWidth()));
            }
        }
    }

    @Test
    void exportThenReimportGivesIdenticalImagesSplitsAndInstances() throws IOException {
        importLabelDataset("original");
        Path out = temp.resolve("export");

        DatasetExporter.ExportReport exported = new DatasetExporter(workspace).export("original", null, out);
        ImportReport reimported = new DatasetImporter(workspace).importInto("copy", out, DatasetFormat.COCO_JSON,
                ImportOptions.defaults());

        assertEquals(3, exported.images());
        assertEquals(3, exported.annotations());
        assertEquals(List.of("particle"), exported.categories());
        assertFalse(reimported.hasProblems(), reimported.summary());
        assertEquals(3, reimported.imported().size());
        assertSameDataset("original", "copy", null);
        assertEquals("sparse, bright", workspace.datasets().findImage("copy", "a.png").orElseThrow().regime());
    }

    @Test
    void theExportIsCocoWithCompressedRleOneCategoryPerNameAndASplitsSidecar() throws IOException {
        importLabelDataset("original");
        Path cocoData = temp.resolve("coco-data");
        TestFiles.image(cocoData.resolve("images/d.png"), 4);
        TestFiles.text(cocoData.resolve("annotations.json"), "{\"images\": [{\"id\": 7, \"width\": 20, \"height\": 20,"
                + " \"file_name\": \"d.png\"}], \"categories\": [{\"id\": 3, \"name\": \"bubble\"}], \"annotations\": ["
                + "{\"id\": 1, \"image_id\": 7, \"category_id\": 3, \"iscrowd\": 1, \"area\": 33.25,"
                + " \"segmentation\": [[1, 1, 9, 1, 9, 9, 1, 9]]}]}");
        new DatasetImporter(workspace).importInto("original", cocoData, DatasetFormat.COCO_JSON,
                ImportOptions.defaults().withSingleSplit("candidate"));
        Path out = temp.resolve("export");

        DatasetExporter.ExportReport exported = new DatasetExporter(workspace).export("original", null, out);

        assertEquals(List.of("bubble", "particle"), exported.categories());
        CocoDataset coco = CocoJson.readGroundTruth(out.resolve("annotations.json"));
        assertEquals(List.of("a.png", "b.png", "d.png", "sub/c.png"),
                coco.images().stream().map(image -> image.fileName()).toList());
        assertEquals(List.of(1L, 2L), coco.categories().stream().map(c -> c.id()).toList());
        assertEquals(4, coco.annotations().size());
        for (CocoAnnotation annotation : coco.annotations()) {
            assertInstanceOf(Segmentation.CompressedRle.class, annotation.segmentation());
            assertTrue(annotation.bbox() != null);
        }
        CocoAnnotation crowd = coco.annotations().get(3);
        assertTrue(crowd.crowd());
        assertEquals(33.25, crowd.area());
        assertEquals(1L, crowd.categoryId());
        for (Image image : workspace.datasets().images("original", null)) {
            assertEquals(-1, Files.mismatch(workspace.resolve(image.sha256()), out.resolve("images/" + image.fileName())));
        }
        assertEquals(List.of("file,split,class,regime", "images/a.png,candidate,round,\"sparse, bright\"",
                "images/b.png,query,fibre,", "images/d.png,candidate,,", "images/sub/c.png,query,,"),
                Files.readAllLines(out.resolve("splits.csv")));

        new DatasetImporter(workspace).importInto("copy", out, DatasetFormat.COCO_JSON, ImportOptions.defaults());
        assertSameDataset("original", "copy", null);
    }

    @Test
    void oneSplitCanBeExportedAlone() throws IOException {
        importLabelDataset("original");
        Path out = temp.resolve("query-only");

        DatasetExporter.ExportReport exported = new DatasetExporter(workspace).export("original", "query", out);
        new DatasetImporter(workspace).importInto("copy", out, DatasetFormat.COCO_JSON, ImportOptions.defaults());

        assertEquals(2, exported.images());
        assertEquals(1, exported.annotations());
        assertEquals(List.of("b.png", "sub/c.png"),
                workspace.datasets().images("copy", null).stream().map(Image::fileName).toList());
        assertSameDataset("original", "copy", "query");
    }

    @Test
    void aNonEmptyTargetAndAnEmptySelectionAreRefused() throws IOException {
        importLabelDataset("original");
        Path occupied = TestFiles.text(temp.resolve("occupied/readme.txt"), "keep me").getParent();
        DatasetExporter exporter = new DatasetExporter(workspace);

        InvalidInputException notEmpty = assertThrows(InvalidInputException.class,
                () -> exporter.export("original", null, occupied));
        InvalidInputException noImages = assertThrows(InvalidInputException.class,
                () -> exporter.export("original", "finetune:none", temp.resolve("x")));

        assertTrue(notEmpty.getMessage().contains("is not empty"), notEmpty.getMessage());
        assertTrue(noImages.getMessage().contains("has no images in split 'finetune:none'"), noImages.getMessage());
        assertEquals(List.of("readme.txt"), Files.list(occupied).map(p -> p.getFileName().toString()).toList());
        assertFalse(Files.exists(temp.resolve("x")));
    }

    @Test
    void aCancelledExportLeavesNoFolder() throws IOException {
        importLabelDataset("original");
        Path out = temp.resolve("export");
        int[] polls = {0};

        assertThrows(CancellationException.class, () -> new DatasetExporter(workspace).export("original", null, out,
                ProgressCallback.NONE, () -> ++polls[0] > 1));

        assertFalse(Files.exists(out));
        try (var leftovers = Files.list(temp)) {
            assertTrue(leftovers.noneMatch(p -> p.getFileName().toString().contains(".export-")));
        }
    }
}
