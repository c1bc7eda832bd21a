package org.segrank.datasets.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.segrank.datasets.corpus.CorpusSpec;
import org.segrank.datasets.corpus.CorpusWriter;
import org.segrank.metrics.mask.Rle;
import org.segrank.workspace.BoundingBox;
import org.segrank.workspace.GtInstance;
import org.segrank.workspace.Image;
import org.segrank.workspace.Workspace;

class LabelPngImportTest {
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

    @Test
    void sixteenBitLabelsGiveOneInstancePerValueWithExactAreasAndRleRoundTrip() throws IOException {
        Path data = temp.resolve("data");
        TestFiles.image(data.resolve("images/a.png"), 1);
        // 300 and 65535 need 16 bits; label 7 is split in two parts and stays ONE instance; 2 touches 300
        TestFiles.Canvas labels = new TestFiles.Canvas()
                .rect(0, 0, 3, 2, 300)
                .rect(3, 0, 2, 2, 2)
                .rect(10, 10, 2, 2, 7).rect(15, 15, 1, 3, 7)
                .rect(19, 19, 1, 1, 65535);
        labels.write16(data.resolve("labels/a.png"));

        ImportReport report = new DatasetImporter(workspace).importInto("labels", data, DatasetFormat.LABEL_PNGS,
                ImportOptions.defaults().withSingleSplit("candidate").withCategory("grain"));

        assertFalse(report.hasProblems(), report.summary());
        Image image = workspace.datasets().images("labels", null).get(0);
        List<GtInstance> instances = workspace.datasets().instances(image.id());
        int[] values = {2, 7, 300, 65535}; // ascending label order
        double[] areas = {4, 7, 6, 1};
        assertEquals(values.length, instances.size());
        for (int i = 0; i < values.length; i++) {
            GtInstance instance = instances.get(i);
            assertEquals(areas[i], instance.area(), "label " + values[i]);
            assertEquals("grain", instance.category());
            Rle rle = Rle.fromCompressedString(instance.rleCounts(), instance.rleHeight(), instance.rleWidth());
            assertArrayEquals(labels.maskOf(values[i]), rle.decodeRowMajor(), "label " + values[i]);
            assertEquals(Rle.encodeRowMajor(labels.maskOf(values[i]), 20, 20).toCompressedString(),
                    instance.rleCounts(), "label " + values[i]);
        }
        assertEquals(new BoundingBox(10, 10, 6, 8), instances.get(1).bbox());
    }

    @Test
    void eightBitLabelImagesAreAcceptedToo() throws IOException {
        Path data = temp.resolve("data");
        TestFiles.image(data.resolve("x.png"), 1);
        new TestFiles.Canvas().rect(1, 1, 2, 2, 1).rect(5, 5, 3, 3, 2).writeGrey(data.resolve("x_label.png"));

        ImportReport report = DatasetImporter.validate(data, DatasetFormat.LABEL_PNGS,
                ImportOptions.defaults().withSingleSplit("query"));

        assertFalse(report.hasProblems(), report.summary());
        assertEquals(2, report.imported().get(0).instances());
    }

    @Test
    void aColourLabelImageIsRefusedNamingTheFile() throws IOException {
        Path data = temp.resolve("data");
        TestFiles.image(data.resolve("images/x.png"), 1);
        TestFiles.write(new BufferedImage(20, 20, BufferedImage.TYPE_INT_RGB), "png",
                data.resolve("labels/x.png"));

        ImportReport report = DatasetImporter.validate(data, DatasetFormat.LABEL_PNGS,
                ImportOptions.defaults().withSingleSplit("query"));

        assertEquals(1, report.invalid().size());
        assertEquals("images/x.png", report.invalid().get(0).file());
        assertTrue(report.invalid().get(0).problem().contains("label image labels/x.png must be a single-channel"),
                report.invalid().get(0).problem());
    }

    @Test
    void importsACorpusWriterFolderWithItsManifestAsIs() throws IOException {
        Path corpus = temp.resolve("corpus");
        CorpusSpec spec = new CorpusSpec(3, 2, 2, 0, 48, 48, 5);
        new CorpusWriter().write(spec, corpus, (done, total) -> { }, () -> false);
        Map<String, String[]> manifest = new HashMap<>();
        List<String> lines = Files.readAllLines(corpus.resolve(CorpusWriter.MANIFEST_FILE));
        for (String line : lines.subList(1, lines.size())) {
            String[] columns = line.split(",", -1);
            manifest.put(columns[0].substring("images/".length()), columns);
        }

        ImportReport report = new DatasetImporter(workspace).importInto("corpus", corpus, DatasetFormat.LABEL_PNGS,
                ImportOptions.defaults());

        assertFalse(report.hasProblems(), report.summary());
        assertEquals(spec.totalImages(), report.imported().size());
        List<Image> images = workspace.datasets().images("corpus", null);
        assertEquals(spec.totalImages(), images.size());
        for (Image image : images) {
            String[] row = manifest.get(image.fileName());
            assertEquals(row[2], image.split(), image.fileName());
            assertEquals(row[3], image.classLabel(), image.fileName());
            assertEquals(row[4], image.regime(), image.fileName());
            assertEquals(48, image.width());
            assertEquals(Integer.parseInt(row[8]), workspace.datasets().instances(image.id()).size(), image.fileName());
        }
        assertEquals(2, workspace.datasets().images("corpus", "candidate").size());
    }
}
