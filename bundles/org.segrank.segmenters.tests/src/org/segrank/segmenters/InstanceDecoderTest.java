package org.segrank.segmenters;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Comparator;
import java.util.List;

import org.junit.jupiter.api.Test;

class InstanceDecoderTest {

    private static void fill(float[] map, int width, int x0, int y0, int w, int h, float value) {
        for (int y = y0; y < y0 + h; y++) {
            for (int x = x0; x < x0 + w; x++) {
                map[y * width + x] = value;
            }
        }
    }

    @Test
    void touchingParticlesSplitAtTheirCoresAndMasksComeBackAtTheOriginalSize() {
        // working 12x6 from an original 24x12 (factor 2): one foreground bar with two cores
        WorkingImage image = new WorkingImage(new float[72], 12, 6, 2, 24, 12);
        float[] fg = new float[72];
        float[] core = new float[72];
        fill(fg, 12, 1, 1, 10, 4, 0.9f);
        fill(core, 12, 2, 2, 2, 2, 0.9f); // left core
        fill(core, 12, 8, 2, 2, 2, 0.9f); // right core
        List<InstanceDecoder.Instance> out = new InstanceDecoder(0.5, 1).decode(fg, core, image);
        assertEquals(2, out.size());
        // breadth-first growth splits the 10 columns 5/5; each instance is 5x4 working = 10x8 original pixels
        for (InstanceDecoder.Instance instance : out) {
            assertEquals(80, instance.mask().area());
            assertEquals(12, instance.mask().height());
            assertEquals(24, instance.mask().width());
            assertEquals(0.9, instance.score(), 1e-6);
        }
        List<double[]> boxes = out.stream().map(i -> i.mask().toBbox()).sorted(Comparator.comparingDouble(b -> b[0])).toList();
        assertEquals(2, boxes.get(0)[0], 1e-9); // x of the left instance: working column 1 = original 2
        assertEquals(2, boxes.get(0)[1], 1e-9);
        assertEquals(10, boxes.get(0)[2], 1e-9);
        assertEquals(12, boxes.get(1)[0], 1e-9);
    }

    @Test
    void foregroundWithoutCoreIsAnInstanceAtHalfScoreAndTinyOnesAreDropped() {
        WorkingImage image = new WorkingImage(new float[100], 10, 10, 1, 10, 10);
        float[] fg = new float[100];
        float[] core = new float[100];
        fill(fg, 10, 0, 0, 3, 3, 0.8f); // no core: score 0.4
        fill(fg, 10, 8, 8, 1, 1, 0.99f); // one pixel: below min area 2
        List<InstanceDecoder.Instance> out = new InstanceDecoder(0.5, 2).decode(fg, core, image);
        assertEquals(1, out.size());
        assertEquals(0.4, out.get(0).score(), 1e-6);
        assertEquals(9, out.get(0).mask().area());
    }

    @Test
    void paddingBeyondTheOriginalImageIsNeverPartOfAMask() {
        // original 5x4, factor 1, working padded to 6x4: the padded column must not count
        WorkingImage image = new WorkingImage(new float[24], 6, 4, 1, 5, 4);
        float[] fg = new float[24];
        float[] core = new float[24];
        fill(fg, 6, 3, 0, 3, 4, 0.9f);
        fill(core, 6, 3, 0, 3, 4, 0.9f);
        List<InstanceDecoder.Instance> out = new InstanceDecoder(0.5, 1).decode(fg, core, image);
        assertEquals(1, out.size());
        assertEquals(8, out.get(0).mask().area());
    }

    @Test
    void thresholdOutsideTheOpenUnitIntervalIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new InstanceDecoder(1.0, 1));
    }
}
