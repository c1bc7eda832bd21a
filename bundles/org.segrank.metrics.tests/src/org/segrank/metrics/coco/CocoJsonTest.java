package org.segrank.metrics.coco;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.segrank.metrics.mask.Rle;

class CocoJsonTest {

    /** Image 1 is 10 wide and 8 high; image 2 is 4x4. One category (id 3). */
    private static final String GT = """
            {"images": [{"id": 1, "width": 10, "height": 8, "file_name": "one.png"},
                        {"id": 2, "width": 4, "height": 4}],
             "categories": [{"id": 3, "name": "cell"}],
             "annotations": [
               {"id": 5, "image_id": 1, "category_id": 3, "segmentation": [[0, 0, 4, 0, 4, 4, 0, 4]],
                "area": 16, "iscrowd": 0},
               {"id": 6, "image_id": 2, "category_id": 3, "segmentation": {"size": [4, 4], "counts": [0, 16]},
                "area": 16, "iscrowd": 1}]}
            """;

    @TempDir
    Path dir;

    private Path write(String name, String json) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, json, StandardCharsets.UTF_8);
        return file;
    }

    private CocoDataset gt() throws IOException {
        return CocoJson.readGroundTruth(write("gt.json", GT));
    }

    /** Reads ground truth and expects an error naming the file and containing all fragments. */
    private void assertGroundTruthError(String json, String... fragments) throws IOException {
        Path file = write("bad_gt.json", json);
        CocoFormatException e = assertThrows(CocoFormatException.class, () -> CocoJson.readGroundTruth(file));
        assertTrue(e.getMessage().contains("bad_gt.json"), e.getMessage());
        for (String fragment : fragments) {
            assertTrue(e.getMessage().contains(fragment), "'" + fragment + "' not in: " + e.getMessage());
        }
    }

    private void assertResultsError(String json, String... fragments) throws IOException {
        CocoDataset gt = gt();
        Path file = write("bad_results.json", json);
        CocoFormatException e = assertThrows(CocoFormatException.class, () -> CocoJson.readResults(file, gt));
        assertTrue(e.getMessage().contains("bad_results.json"), e.getMessage());
        for (String fragment : fragments) {
            assertTrue(e.getMessage().contains(fragment), "'" + fragment + "' not in: " + e.getMessage());
        }
    }

    private static String result(String fields) {
        return "[{\"image_id\": 1, \"category_id\": 3, \"score\": 0.5, "
                + "\"segmentation\": {\"size\": [8, 10], \"counts\": [0, 80]}}, {" + fields + "}]";
    }

    // ----------------------------------------------------------------------------------------------------------------

    @Test
    void readsGroundTruth() throws IOException {
        CocoDataset dataset = gt();
        assertEquals(2, dataset.images().size());
        assertEquals("one.png", dataset.image(1).orElseThrow().fileName());
        assertNull(dataset.image(2).orElseThrow().fileName());
        CocoAnnotation polygon = dataset.annotationsOf(1).get(0);
        // Box polygon 0..4 x 0..4 covers pixels 0..3 x 0..3.
        assertEquals(16, polygon.mask().area());
        assertEquals(16.0, polygon.area());
        CocoAnnotation crowd = dataset.annotationsOf(2).get(0);
        assertTrue(crowd.crowd());
        assertEquals(16, crowd.mask().area());
    }

    @Test
    void writtenFilesReadBackUnchanged() throws IOException {
        CocoDataset dataset = gt();
        Path gtCopy = dir.resolve("copy.json");
        CocoJson.writeGroundTruth(dataset, gtCopy);
        CocoDataset again = CocoJson.readGroundTruth(gtCopy);
        assertEquals(dataset.images(), again.images());
        assertEquals(dataset.categories(), again.categories());
        for (int i = 0; i < dataset.annotations().size(); i++) {
            CocoAnnotation a = dataset.annotations().get(i);
            CocoAnnotation b = again.annotations().get(i);
            assertEquals(a.segmentation(), b.segmentation());
            assertEquals(a.mask(), b.mask());
            assertEquals(a.area(), b.area());
            assertEquals(a.crowd(), b.crowd());
        }

        Rle mask = Rle.fromPolygon(new double[][] {{1, 1, 6, 1, 6, 5}}, 8, 10);
        List<Detection> detections = List.of(Detection.of(1, 1, 3, 0.25, mask));
        Path results = dir.resolve("results.json");
        CocoJson.writeResults(detections, results);
        List<Detection> read = CocoJson.readResults(results, dataset);
        assertEquals(1, read.size());
        assertEquals(mask, read.get(0).mask());
        assertEquals(0.25, read.get(0).score());
        assertEquals(mask.area(), read.get(0).area());
        assertTrue(Files.readString(results).contains(mask.toCompressedString()));
    }

    @Test
    void resultIdsAndAreasFollowLoadRes() throws IOException {
        // ids are index + 1; without a bbox the area is the mask area (80 for the full 8x10 image).
        List<Detection> plain = CocoJson.readResults(write("r.json", result(
                "\"image_id\": 1, \"category_id\": 3, \"score\": 0.25, "
                        + "\"segmentation\": {\"size\": [8, 10], \"counts\": [8, 8, 64]}")), gt());
        assertEquals(1, plain.get(0).id());
        assertEquals(2, plain.get(1).id());
        assertEquals(80.0, plain.get(0).area());
        assertEquals(8.0, plain.get(1).area());

        // When the first result has a bbox, pycocotools takes every area from the bbox: 3 * 5 = 15, 2 * 2 = 4.
        String withBoxes = "[{\"image_id\": 1, \"category_id\": 3, \"score\": 0.5, \"bbox\": [0, 0, 3, 5],"
                + " \"segmentation\": {\"size\": [8, 10], \"counts\": [0, 80]}},"
                + " {\"image_id\": 1, \"category_id\": 3, \"score\": 0.5, \"bbox\": [1, 1, 2, 2],"
                + " \"segmentation\": {\"size\": [8, 10], \"counts\": [0, 80]}}]";
        List<Detection> boxed = CocoJson.readResults(write("boxed.json", withBoxes), gt());
        assertEquals(15.0, boxed.get(0).area());
        assertEquals(4.0, boxed.get(1).area());
        assertArrayEquals(new double[] {1, 1, 2, 2}, boxed.get(1).bbox());
    }

    @Test
    void polygonOnTheBorderIsAccepted() throws IOException {
        // x = width (10) and y = height (8) are legitimate COCO border coordinates; 10.5 is within the tolerance.
        CocoDataset gt = gt();
        List<Detection> read = CocoJson.readResults(write("border.json", "[{\"image_id\": 1, \"category_id\": 3,"
                + " \"score\": 1, \"segmentation\": [[0, 0, 10.5, 0, 10, 8, 0, 8]]}]"), gt);
        assertEquals(80, read.get(0).mask().area());
    }

    // ----------------------------------------------------------------------------------------------------------------
    // Bad input

    @Test
    void invalidJson() throws IOException {
        assertGroundTruthError("{\"images\": [", "invalid JSON", "line");
        assertGroundTruthError(GT + "}", "invalid JSON"); // trailing content, rejected by Python's json too
        assertGroundTruthError("", "invalid JSON");
        assertResultsError("[{\"image_id\": 1,}]", "invalid JSON");
    }

    @Test
    void unreadableFile() {
        Path missing = dir.resolve("missing_gt.json");
        CocoFormatException e = assertThrows(CocoFormatException.class, () -> CocoJson.readGroundTruth(missing));
        assertTrue(e.getMessage().contains("missing_gt.json"), e.getMessage());
        assertTrue(e.getMessage().contains("cannot read"), e.getMessage());
    }

    @Test
    void missingRequiredFields() throws IOException {
        assertGroundTruthError(GT.replace("\"categories\"", "\"kategorien\""), "'categories'");
        assertGroundTruthError(GT.replace("\"id\": 6, \"image_id\": 2, \"category_id\": 3,", "\"id\": 6, \"image_id\": 2,"),
                "annotations[1]", "(id 6)", "'category_id'");
        assertGroundTruthError(GT.replace("{\"id\": 2, \"width\": 4, \"height\": 4}", "{\"id\": 2, \"width\": 4}"),
                "images[1]", "(id 2)", "'height'");
        assertResultsError(result("\"image_id\": 1, \"category_id\": 3, \"score\": 0.5"), "results[1]",
                "'segmentation'");
        assertResultsError(result("\"image_id\": 1, \"category_id\": 3, "
                + "\"segmentation\": {\"size\": [8, 10], \"counts\": [0, 80]}"), "results[1]", "'score'");
    }

    @Test
    void unknownImageOrCategory() throws IOException {
        assertResultsError(result("\"image_id\": 42, \"category_id\": 3, \"score\": 0.5, "
                + "\"segmentation\": {\"size\": [8, 10], \"counts\": [0, 80]}"), "results[1]", "'image_id'", "42");
        assertResultsError(result("\"image_id\": 1, \"category_id\": 4, \"score\": 0.5, "
                + "\"segmentation\": {\"size\": [8, 10], \"counts\": [0, 80]}"), "results[1]", "'category_id'", "4");
        assertGroundTruthError(GT.replace("\"image_id\": 2,", "\"image_id\": 9,"), "annotations[1]", "(id 6)",
                "image 9");
    }

    @Test
    void malformedCompressedRle() throws IOException {
        // '~' is outside '0'..'o'.
        assertResultsError(result("\"image_id\": 1, \"category_id\": 3, \"score\": 0.5, "
                + "\"segmentation\": {\"size\": [8, 10], \"counts\": \"1~\"}"), "results[1]", "segmentation",
                "invalid character");
        // "1" decodes to the single count 1, but 8 * 10 = 80 pixels are needed.
        assertResultsError(result("\"image_id\": 1, \"category_id\": 3, \"score\": 0.5, "
                + "\"segmentation\": {\"size\": [8, 10], \"counts\": \"1\"}"), "results[1]", "sum to 1");
        // Uncompressed counts must sum to 80 as well.
        assertGroundTruthError(GT.replace("\"counts\": [0, 16]", "\"counts\": [0, 15]"), "annotations[1]",
                "(id 6)", "sum to 15");
    }

    @Test
    void rleSizeMustMatchTheImage() throws IOException {
        assertResultsError(result("\"image_id\": 2, \"category_id\": 3, \"score\": 0.5, "
                + "\"segmentation\": {\"size\": [8, 10], \"counts\": [0, 80]}"), "results[1]",
                "does not match image 2");
    }

    @Test
    void malformedPolygons() throws IOException {
        assertGroundTruthError(GT.replace("[[0, 0, 4, 0, 4, 4, 0, 4]]", "[[0, 0, 4, 0, 4, 4, 0]]"),
                "annotations[0]", "(id 5)", "'segmentation'", "odd number of coordinates (7)");
        assertGroundTruthError(GT.replace("[[0, 0, 4, 0, 4, 4, 0, 4]]", "[[0, 0, 4, 0]]"), "annotations[0]",
                "fewer than 3 points");
        // x = 11.5 is beyond width 10 + tolerance 1.
        assertGroundTruthError(GT.replace("[[0, 0, 4, 0, 4, 4, 0, 4]]", "[[0, 0, 11.5, 0, 4, 4, 0, 4]]"),
                "annotations[0]", "(id 5)", "outside image 1");
        assertGroundTruthError(GT.replace("[[0, 0, 4, 0, 4, 4, 0, 4]]", "[[0, 0, 4, -2, 4, 4, 0, 4]]"),
                "annotations[0]", "y = -2.0");
    }

    @Test
    void negativeOrNanScores() throws IOException {
        assertResultsError(result("\"image_id\": 1, \"category_id\": 3, \"score\": -0.1, "
                + "\"segmentation\": {\"size\": [8, 10], \"counts\": [0, 80]}"), "results[1]", "'score'", "negative");
        assertResultsError(result("\"image_id\": 1, \"category_id\": 3, \"score\": NaN, "
                + "\"segmentation\": {\"size\": [8, 10], \"counts\": [0, 80]}"), "results[1]", "'score'", "NaN");
    }

    @Test
    void duplicateIdsAndWrongTypes() throws IOException {
        assertGroundTruthError(GT.replace("\"id\": 6,", "\"id\": 5,"), "annotations[1]", "duplicate annotation id 5");
        assertGroundTruthError(GT.replace("\"iscrowd\": 1", "\"iscrowd\": \"yes\""), "annotations[1]", "'iscrowd'");
        assertResultsError("{\"image_id\": 1}", "results file must be a JSON array");
        assertResultsError("[{\"image_id\": 1, \"category_id\": 3, \"score\": 0.5, \"bbox\": [0, 0, 1, 1], "
                + "\"segmentation\": {\"size\": [8, 10], \"counts\": [0, 80]}}, {\"image_id\": 1, "
                + "\"category_id\": 3, \"score\": 0.5, \"segmentation\": {\"size\": [8, 10], \"counts\": [0, 80]}}]",
                "results[1]", "'bbox'");
    }
}
