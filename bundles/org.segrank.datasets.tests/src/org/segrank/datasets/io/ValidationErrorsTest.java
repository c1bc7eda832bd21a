package org.segrank.datasets.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every kind of invalid item is reported with the file it concerns and a precise reason. */
class ValidationErrorsTest {
    @TempDir
    Path temp;

    private Path data() {
        return temp.resolve("data");
    }

    private ImportReport validate() throws IOException {
        return validate(ImportOptions.defaults().withSingleSplit("candidate"));
    }

    private ImportReport validate(ImportOptions options) throws IOException {
        return DatasetImporter.validate(data(), DatasetFormat.MASK_PAIRS, options);
    }

    private void goodMask(String mask) throws IOException {
        new TestFiles.Canvas().rect(2, 2, 3, 3, 255).writeGrey(data().resolve(mask));
    }

    /** Asserts exactly one invalid item, for {@code file}, whose reason contains {@code expected}. */
    private static void assertOnlyProblem(ImportReport report, String file, String expected) {
        assertEquals(1, report.invalid().size(), report.summary());
        ImportReport.Problem problem = report.invalid().get(0);
        assertEquals(file, problem.file());
        assertTrue(problem.problem().contains(expected), "expected '" + expected + "' in: " + problem.problem());
    }

    private static BufferedImage noise(int width, int height) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_GRAY);
        Random random = new Random(3);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                image.getRaster().setSample(x, y, 0, random.nextInt(256));
            }
        }
        return image;
    }

    @Test
    void aFileThatIsNoImageIsUnreadable() throws IOException {
        TestFiles.text(data().resolve("images/x.png"), "this is not a PNG");
        goodMask("masks/x.png");

        assertOnlyProblem(validate(), "images/x.png", "image is not an image in a supported format");
    }

    @Test
    void aPngCutInHalfIsTruncated() throws IOException {
        Path image = TestFiles.write(noise(64, 64), "png", data().resolve("images/x.png"));
        byte[] bytes = Files.readAllBytes(image);
        Files.write(image, Arrays.copyOf(bytes, bytes.length / 2));
        new TestFiles.Canvas(64, 64).writeGrey(data().resolve("masks/x.png"));

        assertOnlyProblem(validate(), "images/x.png", "image is truncated");
    }

    @Test
    void aPngMissingOnlyItsEndChunkIsTruncatedThoughImageIoWouldDecodeIt() throws IOException {
        TestFiles.image(data().resolve("images/x.png"), 1);
        goodMask("masks/x.png");
        Path mask = data().resolve("masks/x.png");
        byte[] bytes = Files.readAllBytes(mask);
        Files.write(mask, Arrays.copyOf(bytes, bytes.length - 12)); // drops IEND

        assertOnlyProblem(validate(), "images/x.png", "mask masks/x.png is truncated: the file ends at byte");
    }

    @Test
    void aPngWithAFlippedBitFailsItsCrc() throws IOException {
        Path image = TestFiles.write(noise(32, 32), "png", data().resolve("images/x.png"));
        byte[] bytes = Files.readAllBytes(image);
        bytes[bytes.length / 2] ^= 0x10; // inside the IDAT data
        Files.write(image, bytes);
        new TestFiles.Canvas(32, 32).writeGrey(data().resolve("masks/x.png"));

        assertOnlyProblem(validate(), "images/x.png", "image is corrupt: CRC mismatch in PNG chunk IDAT");
    }

    @Test
    void aTruncatedJpegIsRefusedAlthoughTheDecoderOnlyWarns() throws IOException {
        Path image = TestFiles.write(noise(64, 64), "jpeg", data().resolve("images/x.jpg"));
        byte[] bytes = Files.readAllBytes(image);
        Files.write(image, Arrays.copyOf(bytes, bytes.length * 2 / 3));
        new TestFiles.Canvas(64, 64).writeGrey(data().resolve("masks/x.png"));

        assertOnlyProblem(validate(), "images/x.jpg", "image is truncated or corrupt");
    }

    @Test
    void aMaskOfAnotherSizeIsRefused() throws IOException {
        TestFiles.image(data().resolve("images/x.png"), 1);
        new TestFiles.Canvas(20, 19).writeGrey(data().resolve("masks/x.png"));

        assertOnlyProblem(validate(), "images/x.png", "mask masks/x.png is 20x19 pixels but the image is 20x20");
    }

    @Test
    void aMaskWithGreyValuesIsNotBinary() throws IOException {
        TestFiles.image(data().resolve("images/x.png"), 1);
        new TestFiles.Canvas().rect(2, 2, 4, 4, 255).pixel(5, 6, 128).writeGrey(data().resolve("masks/x.png"));

        assertOnlyProblem(validate(), "images/x.png",
                "mask masks/x.png is not binary: value 128 at (x=5, y=6); 1 of 400 pixels are neither 0 nor the"
                        + " foreground value 255");
    }

    @Test
    void aMaskMixingOneAnd255IsNotBinary() throws IOException {
        TestFiles.image(data().resolve("images/x.png"), 1);
        new TestFiles.Canvas().rect(2, 2, 2, 2, 1).rect(10, 10, 2, 2, 255).writeGrey(data().resolve("masks/x.png"));

        assertOnlyProblem(validate(), "images/x.png", "mask masks/x.png is not binary: value 255 at (x=10, y=10)");
    }

    @Test
    void aColourMaskWithNonGreyPixelsIsNotBinary() throws IOException {
        TestFiles.image(data().resolve("images/x.png"), 1);
        BufferedImage rgb = new BufferedImage(20, 20, BufferedImage.TYPE_INT_RGB);
        rgb.setRGB(3, 4, 0xff0000);
        TestFiles.write(rgb, "png", data().resolve("masks/x.png"));

        assertOnlyProblem(validate(), "images/x.png", "mask masks/x.png is not binary: the colour pixel at (x=3, y=4)");
    }

    @Test
    void aLossyJpegMaskIsRefused() throws IOException {
        TestFiles.image(data().resolve("images/x.png"), 1);
        TestFiles.write(new BufferedImage(20, 20, BufferedImage.TYPE_BYTE_GRAY), "jpeg", data().resolve("masks/x.jpg"));

        assertOnlyProblem(validate(), "images/x.png", "mask masks/x.jpg is a JPEG file; masks and label images must be"
                + " lossless");
    }

    @Test
    void aMissingMaskIsNamed() throws IOException {
        TestFiles.image(data().resolve("images/x.png"), 1);
        TestFiles.image(data().resolve("images/y.png"), 2);
        goodMask("masks/y.png");

        assertOnlyProblem(validate(), "images/x.png", "missing mask: expected masks/x.png");
    }

    @Test
    void aMissingSideBySideMaskNamesTheExpectedFile() throws IOException {
        TestFiles.image(data().resolve("x.png"), 1);

        assertOnlyProblem(validate(), "x.png", "missing mask: expected x_mask.png");
    }

    @Test
    void theSameContentTwiceIsADuplicate() throws IOException {
        TestFiles.image(data().resolve("images/a.png"), 1);
        TestFiles.image(data().resolve("images/b.png"), 1);
        goodMask("masks/a.png");
        goodMask("masks/b.png");

        assertOnlyProblem(validate(), "images/b.png", "has the same content as images/a.png");
    }

    @Test
    void fileNamesDifferingOnlyInCaseAreDuplicates() throws IOException {
        TestFiles.image(data().resolve("images/X.png"), 1);
        TestFiles.image(data().resolve("images/x.png"), 2);
        try (var files = Files.list(data().resolve("images"))) {
            assumeTrue(files.count() == 2, "case-insensitive file system");
        }
        goodMask("masks/X.png");
        goodMask("masks/x.png");

        assertOnlyProblem(validate(), "images/x.png", "has the same file name as images/X.png");
    }

    @Test
    void csvPathsLeavingTheFolderAreRefused() throws IOException {
        TestFiles.image(data().resolve("images/a.png"), 1);
        goodMask("masks/a.png");
        TestFiles.image(temp.resolve("secret.png"), 2);
        TestFiles.text(data().resolve("manifest.csv"), "file,split\na.png,candidate\n../secret.png,candidate\n"
                + "/etc/passwd,query\nimages/../../secret.png,query\n");

        ImportReport report = validate(ImportOptions.defaults());

        assertEquals(1, report.imported().size());
        assertEquals(List.of("../secret.png", "/etc/passwd", "images/../../secret.png"),
                report.invalid().stream().map(ImportReport.Problem::file).toList());
        assertTrue(report.invalid().get(0).problem().contains("contains '..'"));
        assertTrue(report.invalid().get(1).problem().contains("is an absolute path"));
        assertTrue(report.invalid().get(2).problem().contains("contains '..'"));
    }

    @Test
    void symbolicLinksLeadingOutsideTheFolderAreRefusedAndInsideOnesAccepted() throws IOException {
        Path outside = TestFiles.image(temp.resolve("outside.png"), 1);
        Path inside = TestFiles.image(data().resolve("store/inside.png"), 2);
        Files.createDirectories(data().resolve("images"));
        try {
            Files.createSymbolicLink(data().resolve("images/out.png"), outside);
            Files.createSymbolicLink(data().resolve("images/in.png"), inside);
        } catch (UnsupportedOperationException | IOException e) {
            assumeTrue(false, "symbolic links not available: " + e);
        }
        goodMask("masks/out.png");
        goodMask("masks/in.png");

        ImportReport report = validate();

        assertEquals(List.of("in.png"), report.imported().stream().map(ImportReport.Item::fileName).toList());
        assertOnlyProblem(report, "images/out.png", "leads outside the dataset folder");
    }

    @Test
    void imagesOverThePixelLimitAreRefused() throws IOException {
        TestFiles.image(data().resolve("images/x.png"), 1);
        goodMask("masks/x.png");

        assertOnlyProblem(validate(ImportOptions.defaults().withSingleSplit("query").withMaxPixels(399)),
                "images/x.png", "image is 20x20 = 0.00 megapixels according to its header, over the limit");
        assertTrue(validate(ImportOptions.defaults().withSingleSplit("query").withMaxPixels(400)).invalid().isEmpty());
    }

    @Test
    void unsupportedFormatsAreNamedByExtensionOrContent() throws IOException {
        TestFiles.write(noise(20, 20), "gif", data().resolve("images/a.gif"));
        goodMask("masks/a.png");
        TestFiles.write(noise(20, 20), "gif", data().resolve("images/b.png")); // GIF content, PNG name
        goodMask("masks/b.png");

        ImportReport report = validate();

        assertEquals(2, report.invalid().size(), report.summary());
        assertEquals(new ImportReport.Problem("images/a.gif",
                "image has an unsupported format .gif (supported: PNG, JPEG, TIFF, BMP)"), report.invalid().get(0));
        assertEquals(new ImportReport.Problem("images/b.png",
                "image has an unsupported format GIF (supported: PNG, JPEG, TIFF, BMP)"), report.invalid().get(1));
    }

    @Test
    void tiffAndBmpImagesAndMasksAreSupported() throws IOException {
        TestFiles.write(noise(20, 20), "tiff", data().resolve("images/a.tif"));
        TestFiles.write(noise(20, 20), "bmp", data().resolve("images/b.bmp"));
        BufferedImage mask = new BufferedImage(20, 20, BufferedImage.TYPE_BYTE_GRAY);
        mask.getRaster().setSample(3, 3, 0, 255);
        TestFiles.write(mask, "tiff", data().resolve("masks/a.tiff"));
        TestFiles.write(mask, "bmp", data().resolve("masks/b.bmp"));

        ImportReport report = validate();

        assertTrue(report.invalid().isEmpty(), report.summary());
        assertEquals(List.of(1, 1), report.imported().stream().map(ImportReport.Item::instances).toList());
    }
}
