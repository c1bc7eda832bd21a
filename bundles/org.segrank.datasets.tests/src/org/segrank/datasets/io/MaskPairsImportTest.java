package org.segrank.datasets.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.segrank.metrics.mask.Rle;
import org.segrank.workspace.BoundingBox;
import org.segrank.workspace.GtInstance;
import org.segrank.workspace.Image;
import org.segrank.workspace.Workspace;

class MaskPairsImportTest {
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

    private List<GtInstance> importSingle(String maskFile, TestFiles.Canvas mask) throws IOException {
        TestFiles.image(data.resolve("images/x.png"), 1);
        mask.writeGrey(data.resolve(maskFile));
        ImportReport report = new DatasetImporter(workspace).importInto("pairs", data, DatasetFormat.MASK_PAIRS,
                ImportOptions.defaults().withSingleSplit("candidate"));
        assertEquals(1, report.imported().size(), report.summary());
        Image image = workspace.datasets().images("pairs", null).get(0);
        assertEquals("x.png", image.fileName());
        assertEquals("candidate", image.split());
        return workspace.datasets().instances(image.id());
    }

    @Test
    void twoSeparateSquaresAreTwoInstancesWithExactAreasBoxesAndMasks() throws IOException {
        TestFiles.Canvas mask = new TestFiles.Canvas().rect(2, 3, 3, 3, 255).rect(10, 10, 5, 4, 255);
        List<GtInstance> instances = importSingle("masks/x.png", mask);

        assertEquals(2, instances.size());
        // raster order of the first pixel: the square at y=3 comes first
        assertEquals(9.0, instances.get(0).area());
        assertEquals(20.0, instances.get(1).area());
        assertEquals(new BoundingBox(2, 3, 3, 3), instances.get(0).bbox());
        assertEquals(new BoundingBox(10, 10, 5, 4), instances.get(1).bbox());
        TestFiles.Canvas first = new TestFiles.Canvas().rect(2, 3, 3, 3, 1);
        assertArrayEquals(first.maskOf(1), decode(instances.get(0)));
        assertEquals(Rle.encodeRowMajor(first.maskOf(1), 20, 20).toCompressedString(), instances.get(0).rleCounts());
        for (GtInstance instance : instances) {
            assertEquals("particle", instance.category());
            assertEquals(20, instance.rleHeight());
            assertEquals(20, instance.rleWidth());
            assertFalse(instance.iscrowd());
        }
    }

    @Test
    void squaresTouchingAlongAnEdgeMergeIntoOneInstance() throws IOException {
        TestFiles.Canvas mask = new TestFiles.Canvas().rect(2, 2, 4, 4, 255).rect(6, 2, 3, 4, 255);
        List<GtInstance> instances = importSingle("masks/x.png", mask);

        assertEquals(1, instances.size());
        assertEquals(28.0, instances.get(0).area());
        assertEquals(new BoundingBox(2, 2, 7, 4), instances.get(0).bbox());
    }

    @Test
    void squaresTouchingAtACornerMergeBecauseComponentsAreEightConnected() throws IOException {
        TestFiles.Canvas mask = new TestFiles.Canvas().rect(2, 2, 3, 3, 255).rect(5, 5, 3, 3, 255);
        List<GtInstance> instances = importSingle("masks/x.png", mask);

        assertEquals(1, instances.size());
        assertEquals(18.0, instances.get(0).area());
    }

    @Test
    void zeroOneMasksAreAcceptedLikeZero255() throws IOException {
        TestFiles.Canvas mask = new TestFiles.Canvas().rect(0, 0, 2, 2, 1).rect(18, 18, 2, 2, 1);
        List<GtInstance> instances = importSingle("masks/x.png", mask);

        assertEquals(2, instances.size());
        assertEquals(4.0, instances.get(0).area());
        assertEquals(4.0, instances.get(1).area());
    }

    @Test
    void anEmptyMaskGivesAnImageWithoutInstances() throws IOException {
        assertTrue(importSingle("masks/x.png", new TestFiles.Canvas()).isEmpty());
    }

    @Test
    void sideBySideMaskSuffixLayoutAndSubfoldersArePaired() throws IOException {
        TestFiles.image(data.resolve("run1/a.png"), 1);
        new TestFiles.Canvas().rect(1, 1, 2, 2, 255).writeGrey(data.resolve("run1/a_mask.png"));
        TestFiles.image(data.resolve("b.png"), 2);
        new TestFiles.Canvas().rect(1, 1, 2, 2, 255).rect(9, 9, 3, 3, 255).writeGrey(data.resolve("b_mask.png"));

        ImportReport report = new DatasetImporter(workspace).importInto("flat", data, DatasetFormat.MASK_PAIRS,
                ImportOptions.defaults().withSingleSplit("query"));

        assertFalse(report.hasProblems(), report.summary());
        assertEquals(List.of("b.png", "run1/a.png"), report.imported().stream().map(ImportReport.Item::fileName).toList());
        assertEquals(List.of(2, 1), report.imported().stream().map(ImportReport.Item::instances).toList());
        assertEquals(2, workspace.datasets().images("flat", "query").size());
    }

    @Test
    void aJpegImageIsPairedWithAPngMaskOfTheSameName() throws IOException {
        TestFiles.write(new BufferedImage(20, 20, BufferedImage.TYPE_BYTE_GRAY), "jpeg",
                data.resolve("images/photo.jpg"));
        new TestFiles.Canvas().rect(4, 4, 4, 4, 255).writeGrey(data.resolve("masks/photo.png"));

        ImportReport report = DatasetImporter.validate(data, DatasetFormat.MASK_PAIRS,
                ImportOptions.defaults().withSingleSplit("candidate"));

        assertFalse(report.hasProblems(), report.summary());
        assertEquals(1, report.imported().get(0).instances());
    }

    private static boolean[] decode(GtInstance instance) {
        return Rle.fromCompressedString(instance.rleCounts(), instance.rleHeight(), instance.rleWidth()).decodeRowMajor();
    }
}
