package org.segrank.datasets.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.segrank.core.InvalidInputException;
import org.segrank.metrics.mask.Rle;
import org.segrank.workspace.BoundingBox;
import org.segrank.workspace.GtInstance;
import org.segrank.workspace.Image;
import org.segrank.workspace.Workspace;

class CocoImportTest {
    private static final double[] POLYGON = {2, 2, 8, 2, 8, 8, 2, 8};

    @TempDir
    Path temp;

    private Workspace workspace;
    private Path data;

    @BeforeEach
    void openWorkspace() throws IOException {
        workspace = Workspace.open(temp.resolve("workspace"));
        data = temp.resolve("data");
    }

    @AfterEach
    void closeWorkspace() {
        workspace.close();
    }

    private static String cocoJson(String images, String annotations) {
        return "{\"images\": [" + images + "],"
                + " \"categories\": [{\"id\": 1, \"name\": \"grain\"}, {\"id\": 2, \"name\": \"\"}],"
                + " \"annotations\": [" + annotations + "]}";
    }

    @Test
    void importsPolygonCompressedAndUncompressedRleAndCrowdAnnotations() throws IOException {
        TestFiles.image(data.resolve("images/a.png"), 1);
        TestFiles.image(data.resolve("images/sub/b.png"), 2);
        String rectangle = Rle.encodeRowMajor(new TestFiles.Canvas().rect(12, 1, 4, 3, 1).maskOf(1), 20, 20)
                .toCompressedString();
        TestFiles.text(data.resolve("annotations.json"), cocoJson(
                "{\"id\": 1, \"width\": 20, \"height\": 20, \"file_name\": \"a.png\"},"
                        + "{\"id\": 2, \"width\": 20, \"height\": 20, \"file_name\": \"sub/b.png\"}",
                "{\"id\": 10, \"image_id\": 1, \"category_id\": 1, \"segmentation\": [[2, 2, 8, 2, 8, 8, 2, 8]]},"
                        + "{\"id\": 11, \"image_id\": 1, \"category_id\": 1, \"area\": 12.5, \"bbox\": [12, 1, 4, 3],"
                        + " \"segmentation\": {\"size\": [20, 20], \"counts\": \"" + rectangle.replace("\\", "\\\\")
                        + "\"}},"
                        + "{\"id\": 12, \"image_id\": 1, \"category_id\": 2, \"iscrowd\": 1,"
                        + " \"segmentation\": {\"size\": [20, 20], \"counts\": [380, 20]}}"));
        TestFiles.text(data.resolve("splits.csv"), "file,split,class\nimages/a.png,candidate,round\nsub/b.png,query,\n");

        ImportReport report = new DatasetImporter(workspace).importInto("coco", data, DatasetFormat.COCO_JSON,
                ImportOptions.defaults());

        assertFalse(report.hasProblems(), report.summary());
        Image a = workspace.datasets().findImage("coco", "a.png").orElseThrow();
        assertEquals("candidate", a.split());
        assertEquals("round", a.classLabel());
        Image b = workspace.datasets().findImage("coco", "sub/b.png").orElseThrow();
        assertEquals("query", b.split());
        assertTrue(workspace.datasets().instances(b.id()).isEmpty());

        List<GtInstance> instances = workspace.datasets().instances(a.id());
        assertEquals(3, instances.size());
        Rle polygon = Rle.fromPolygon(new double[][] {POLYGON}, 20, 20);
        GtInstance fromPolygon = instances.get(0);
        assertEquals(polygon.toCompressedString(), fromPolygon.rleCounts());
        assertEquals(polygon.area(), fromPolygon.area()); // no area field: the mask area
        assertEquals(new BoundingBox(polygon.toBbox()[0], polygon.toBbox()[1], polygon.toBbox()[2],
                polygon.toBbox()[3]), fromPolygon.bbox());
        assertEquals("grain", fromPolygon.category());
        assertFalse(fromPolygon.iscrowd());

        GtInstance fromRle = instances.get(1);
        assertEquals(rectangle, fromRle.rleCounts());
        assertEquals(12.5, fromRle.area()); // the area field is kept, as pycocotools does
        assertEquals(new BoundingBox(12, 1, 4, 3), fromRle.bbox());

        GtInstance crowd = instances.get(2);
        assertTrue(crowd.iscrowd());
        assertEquals("category-2", crowd.category()); // blank category name
        assertEquals(20.0, crowd.area());
        assertEquals(Rle.of(20, 20, new int[] {380, 20}).toCompressedString(), crowd.rleCounts());
    }

    @Test
    void anImageWhoseSizeDiffersFromItsCocoEntryIsRefused() throws IOException {
        TestFiles.image(data.resolve("images/a.png"), 1);
        TestFiles.text(data.resolve("gt.json"), cocoJson(
                "{\"id\": 1, \"width\": 30, \"height\": 20, \"file_name\": \"a.png\"}", ""));

        ImportReport report = DatasetImporter.validate(data, DatasetFormat.COCO_JSON,
                ImportOptions.defaults().withSingleSplit("candidate"));

        assertEquals(List.of(new ImportReport.Problem("images/a.png",
                "the image is 20x20 pixels but its COCO entry (id 1) says 30x20")), report.invalid());
    }

    @Test
    void missingImagesAndFileNamesLeavingTheFolderAreRefusedPerEntry() throws IOException {
        TestFiles.image(data.resolve("images/a.png"), 1);
        TestFiles.image(temp.resolve("outside.png"), 2);
        TestFiles.text(data.resolve("annotations.json"), cocoJson(
                "{\"id\": 1, \"width\": 20, \"height\": 20, \"file_name\": \"a.png\"},"
                        + "{\"id\": 2, \"width\": 20, \"height\": 20, \"file_name\": \"gone.png\"},"
                        + "{\"id\": 3, \"width\": 20, \"height\": 20, \"file_name\": \"../../outside.png\"},"
                        + "{\"id\": 4, \"width\": 20, \"height\": 20}", ""));

        ImportReport report = DatasetImporter.validate(data, DatasetFormat.COCO_JSON,
                ImportOptions.defaults().withSingleSplit("candidate"));

        assertEquals(1, report.imported().size());
        assertEquals(3, report.invalid().size(), report.summary());
        assertEquals("images/gone.png", report.invalid().get(0).file());
        assertTrue(report.invalid().get(0).problem().contains("does not exist"));
        assertTrue(report.invalid().get(1).file().contains("'../../outside.png'"), report.invalid().get(1).file());
        assertTrue(report.invalid().get(1).problem().contains("contains '..'"));
        assertEquals("annotations.json images[3] (id 4)", report.invalid().get(2).file());
        assertEquals("has no file_name", report.invalid().get(2).problem());
    }

    @Test
    void aMalformedCocoFileFailsTheWholeImportNamingTheFileAndEntry() throws IOException {
        TestFiles.image(data.resolve("images/a.png"), 1);
        TestFiles.text(data.resolve("annotations.json"), cocoJson(
                "{\"id\": 1, \"width\": 20, \"height\": 20, \"file_name\": \"a.png\"}",
                "{\"id\": 5, \"image_id\": 1, \"category_id\": 1, \"segmentation\": [[1, 1, 5]]}"));

        InvalidInputException e = assertThrows(InvalidInputException.class, () -> new DatasetImporter(workspace)
                .importInto("coco", data, DatasetFormat.COCO_JSON, ImportOptions.defaults().withSingleSplit("query")));

        assertTrue(e.getMessage().contains("annotations.json"), e.getMessage());
        assertTrue(e.getMessage().contains("annotations[0]"), e.getMessage());
        assertTrue(workspace.datasets().findByName("coco").isEmpty());
    }
}
