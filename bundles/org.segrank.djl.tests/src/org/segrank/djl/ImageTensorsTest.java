package org.segrank.djl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.awt.image.BufferedImage;
import java.util.List;

import org.junit.jupiter.api.Test;

class ImageTensorsTest {

    private static final float EXACT = 1e-6f;

    @Test
    void colourImagesBecomeRgbPlanesInZeroToOne() {
        BufferedImage image = new BufferedImage(2, 1, BufferedImage.TYPE_INT_RGB);
        image.setRGB(0, 0, 0xFF8000);
        image.setRGB(1, 0, 0x0A141E);
        assertArrayEquals(new float[] {1f, 10 / 255f, 128 / 255f, 20 / 255f, 0f, 30 / 255f},
                ImageTensors.toChw(image), EXACT);
    }

    @Test
    void greyImagesKeepTheirRawValuesInEveryChannel() {
        // getRGB would turn linear grey 128 into sRGB ~186
        BufferedImage grey = new BufferedImage(2, 1, BufferedImage.TYPE_BYTE_GRAY);
        grey.getRaster().setSample(0, 0, 0, 128);
        grey.getRaster().setSample(1, 0, 0, 255);
        float half = 128 / 255f;
        assertArrayEquals(new float[] {half, 1f, half, 1f, half, 1f}, ImageTensors.toChw(grey), EXACT);

        BufferedImage deep = new BufferedImage(1, 1, BufferedImage.TYPE_USHORT_GRAY);
        deep.getRaster().setSample(0, 0, 0, 32768);
        float value = 32768 / 65535f;
        assertArrayEquals(new float[] {value, value, value}, ImageTensors.toChw(deep), EXACT);
    }

    @Test
    void upsamplingMatchesTorchBilinearWithoutAlignCorners() {
        // torch.nn.functional.interpolate(torch.tensor([[[[0., 1.], [2., 3.]]]]), size=(4, 4), mode="bilinear")
        float[] expected = {0f, 0.25f, 0.75f, 1f, 0.5f, 0.75f, 1.25f, 1.5f, 1.5f, 1.75f, 2.25f, 2.5f, 2f, 2.25f, 2.75f,
                3f};
        assertArrayEquals(expected, ImageTensors.resizeBilinear(new float[] {0, 1, 2, 3}, 1, 2, 2, 4, 4), EXACT);
    }

    @Test
    void downsamplingInterpolatesWithoutAntialiasing() {
        float[] ramp = new float[16];
        for (int i = 0; i < 16; i++) {
            ramp[i] = i;
        }
        // source positions 0.5 and 2.5 on both axes: means of 2x2 neighbourhoods, not of 4x4 blocks
        assertArrayEquals(new float[] {2.5f, 4.5f, 10.5f, 12.5f},
                ImageTensors.resizeBilinear(ramp, 1, 4, 4, 2, 2), EXACT);
    }

    @Test
    void resizingToANonSquareSizeKeepsChannelsApart() {
        float[] twoChannels = {0, 0, 0, 0, 1, 1, 1, 1};
        float[] resized = ImageTensors.resizeBilinear(twoChannels, 2, 2, 2, 3, 5);
        float[] expected = new float[30];
        java.util.Arrays.fill(expected, 15, 30, 1f);
        assertArrayEquals(expected, resized, EXACT);
    }

    @Test
    void normalisationIsPerChannel() {
        float[] chw = {0.5f, 1f, 0.25f, 0.75f, 0f, 1f};
        ImageTensors.normalize(chw, 1, 2, List.of(0.5f, 0.25f, 0f), List.of(0.5f, 0.25f, 2f));
        assertArrayEquals(new float[] {0f, 1f, 0f, 2f, 0f, 0.5f}, chw, EXACT);
    }

    @Test
    void wrongLengthsAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> ImageTensors.resizeBilinear(new float[5], 1, 2, 2, 4, 4));
        assertThrows(IllegalArgumentException.class, () -> ImageTensors.resizeBilinear(new float[4], 1, 2, 2, 0, 4));
        assertThrows(IllegalArgumentException.class,
                () -> ImageTensors.normalize(new float[6], 1, 2, List.of(0f, 0f, 0f), List.of(1f, 1f)));
    }
}
