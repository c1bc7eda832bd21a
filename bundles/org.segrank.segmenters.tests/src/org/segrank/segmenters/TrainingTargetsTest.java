package org.segrank.segmenters;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class TrainingTargetsTest {

    private static int[] labels(int width, int height, int[][] rects) {
        int[] labels = new int[width * height];
        int id = 0;
        for (int[] r : rects) {
            id++;
            for (int y = r[1]; y < r[1] + r[3]; y++) {
                for (int x = r[0]; x < r[0] + r[2]; x++) {
                    labels[y * width + x] = id;
                }
            }
        }
        return labels;
    }

    private static int count(float[] values) {
        int n = 0;
        for (float v : values) {
            n += v > 0 ? 1 : 0;
        }
        return n;
    }

    @Test
    void aSquaresCoreIsItsInnerPart() {
        // 9x9 square at (2,2) in a 14x14 image: border distance 0..4, core = distance >= round(0.45 * 4) = 2: 5x5
        int[] l = labels(14, 14, new int[][] { { 2, 2, 9, 9 } });
        WorkingImage image = WorkingImage.of(new byte[14 * 14], 14, 14, 14);
        TrainingTargets t = TrainingTargets.of(l, image);
        assertEquals(81, count(t.foreground()));
        assertEquals(25, count(t.interior()));
        assertEquals(1f, t.interior()[(2 + 4) * 14 + (2 + 4)]);
        assertEquals(0f, t.interior()[(2 + 1) * 14 + (2 + 1)]);
    }

    @Test
    void touchingParticlesGetSeparateCoresAndAThinFibreIsAllCore() {
        // two 6x6 squares side by side (touching) and a 1-pixel-wide line
        int[] l = labels(20, 12, new int[][] { { 1, 1, 6, 6 }, { 7, 1, 6, 6 }, { 1, 9, 15, 1 } });
        WorkingImage image = WorkingImage.of(new byte[20 * 12], 20, 12, 20);
        TrainingTargets t = TrainingTargets.of(l, image);
        // each square: distances 0..2, core = distance >= 1: 4x4; the cores do not touch (the shared border is 0)
        assertEquals(1f, t.interior()[2 * 20 + 5]);
        assertEquals(0f, t.interior()[2 * 20 + 6]);
        assertEquals(0f, t.interior()[2 * 20 + 7]);
        assertEquals(1f, t.interior()[2 * 20 + 8]);
        int lineCore = 0;
        for (int x = 1; x < 16; x++) {
            lineCore += t.interior()[9 * 20 + x] > 0 ? 1 : 0;
        }
        assertEquals(15, lineCore);
        assertEquals(16 + 16 + 15, count(t.interior()));
    }

    @Test
    void labelsAreSampledAtBlockCentresWhenReduced() {
        int[] l = labels(16, 16, new int[][] { { 0, 0, 4, 4 } });
        WorkingImage image = WorkingImage.of(new byte[256], 16, 16, 8);
        TrainingTargets t = TrainingTargets.of(l, image);
        assertEquals(8, image.width());
        // the 4x4 particle covers working pixels (0..1, 0..1)
        assertEquals(4, count(t.foreground()));
        assertEquals(1f, t.foreground()[0]);
        assertEquals(1f, t.foreground()[9]);
        assertEquals(0f, t.foreground()[2]);
    }
}
