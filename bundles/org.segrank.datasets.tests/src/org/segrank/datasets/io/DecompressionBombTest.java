package org.segrank.datasets.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;

import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.segrank.workspace.Workspace;

/** A PNG whose header claims a huge size is refused from the header, before any pixel is decoded. */
class DecompressionBombTest {
    @TempDir
    Path temp;

    @Test
    void theCraftedFileReallyClaimsTheHugeSize() throws IOException {
        Path bomb = TestFiles.decompressionBomb(temp.resolve("bomb.png"), 100_000, 100_000);
        try (ImageInputStream input = ImageIO.createImageInputStream(bomb.toFile())) {
            ImageReader reader = ImageIO.getImageReaders(input).next();
            reader.setInput(input);
            assertEquals(100_000, reader.getWidth(0));
            assertEquals(100_000, reader.getHeight(0));
            reader.dispose();
        }
    }

    @Test
    void anImageWhoseHeaderClaimsTenGigapixelsIsRefusedWithoutDecoding() throws IOException {
        Path data = temp.resolve("data");
        TestFiles.decompressionBomb(data.resolve("images/bomb.png"), 100_000, 100_000);
        new TestFiles.Canvas().writeGrey(data.resolve("masks/bomb.png"));

        // Decoding would need 10 GB for the pixels alone; refusing from the header takes milliseconds.
        ImportReport report = assertTimeoutPreemptively(Duration.ofSeconds(10), () -> DatasetImporter.validate(data,
                DatasetFormat.MASK_PAIRS, ImportOptions.defaults().withSingleSplit("candidate")));

        assertEquals(1, report.invalid().size());
        assertEquals(new ImportReport.Problem("images/bomb.png", "image is 100000x100000 = 10000 megapixels according"
                + " to its header, over the limit of 100 megapixels (refused without decoding it; raise the pixel limit"
                + " if the image is genuine)"), report.invalid().get(0));
    }

    @Test
    void aBombMaskIsRefusedToo() throws IOException {
        Path data = temp.resolve("data");
        TestFiles.image(data.resolve("images/x.png"), 1);
        TestFiles.decompressionBomb(data.resolve("masks/x.png"), 60_000, 50_000);

        ImportReport report = DatasetImporter.validate(data, DatasetFormat.MASK_PAIRS,
                ImportOptions.defaults().withSingleSplit("candidate"));

        assertEquals(1, report.invalid().size());
        assertTrue(report.invalid().get(0).problem().startsWith("mask masks/x.png is 60000x50000 = 3000 megapixels"),
                report.invalid().get(0).problem());
    }

    @Test
    void anImportWithABombStoresNothing() throws IOException {
        Path data = temp.resolve("data");
        TestFiles.decompressionBomb(data.resolve("images/bomb.png"), 30_000, 30_000);
        new TestFiles.Canvas().writeGrey(data.resolve("masks/bomb.png"));
        try (Workspace workspace = Workspace.open(temp.resolve("workspace"))) {
            InvalidDatasetException e = assertThrows(InvalidDatasetException.class, () -> new DatasetImporter(workspace)
                    .importInto("lab", data, DatasetFormat.MASK_PAIRS, ImportOptions.defaults().withSingleSplit("query")));

            assertTrue(e.getMessage().contains("images/bomb.png: image is 30000x30000 = 900 megapixels"), e.getMessage());
            assertEquals(0, TestFiles.imageCount(workspace, "lab"));
        }
    }
}
