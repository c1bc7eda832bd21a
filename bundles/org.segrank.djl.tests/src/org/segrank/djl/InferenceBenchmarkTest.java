package org.segrank.djl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.util.Arrays;

import org.junit.jupiter.api.Test;

class InferenceBenchmarkTest {

    static final String TINY_NOTE = "tiny fixture model (68k parameters, 3-layer backbone): shows the adapter's own "
            + "cost, not a ResNet-50 Mask R-CNN's (~2 s/image on 2 cores, see toolchain notes)";

    @Test
    void printsSecondsPerImageOfTheTinyOnnxModelOn512x512() throws IOException {
        try (SegmentationModel model = OnnxMaskRcnn.load(Fixtures.file(Fixtures.ONNX_MODEL),
                ModelSettings.defaults())) {
            InferenceBenchmark.Result result = InferenceBenchmark.run(model, TINY_NOTE, 512, 1, 5);
            System.out.println(result);
            assertEquals(512, result.imageWidth());
            assertEquals(512, result.imageHeight());
            assertEquals(5, result.timedRuns());
            assertTrue(result.minSeconds() > 0 && result.minSeconds() <= result.medianSeconds()
                    && result.medianSeconds() <= result.maxSeconds(), result.toString());
            assertTrue(result.meanDetections() > 0, "the tiny model finds particles on the benchmark image");
            String printed = result.toString();
            assertTrue(printed.contains("ONNX model tiny_maskrcnn.onnx, 512x512 image")
                    && printed.contains("tiny fixture"), printed);
        }
    }

    @Test
    void particleImageIsReproducible() {
        BufferedImage a = InferenceBenchmark.particleImage(64, 48, 7);
        BufferedImage b = InferenceBenchmark.particleImage(64, 48, 7);
        int[] pixelsA = a.getRGB(0, 0, 64, 48, null, 0, 64);
        assertTrue(Arrays.equals(pixelsA, b.getRGB(0, 0, 64, 48, null, 0, 64)));
        assertNotEquals(Arrays.stream(pixelsA).min().getAsInt(), Arrays.stream(pixelsA).max().getAsInt());
        int[] other = InferenceBenchmark.particleImage(64, 48, 8).getRGB(0, 0, 64, 48, null, 0, 64);
        assertTrue(!Arrays.equals(pixelsA, other), "another seed draws other particles");
    }
}
