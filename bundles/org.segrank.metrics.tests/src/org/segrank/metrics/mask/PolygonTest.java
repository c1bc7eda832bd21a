package org.segrank.metrics.mask;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/**
 * Polygon rasterisation, checked against hand traces of rleFrPoly. Recurring facts of the algorithm: coordinates are
 * scaled by 5 and rounded; a pixel column x is sampled where the traced outline steps across the fine column
 * {@code 5x + 2}; the crossing row is {@code ceil((v + 0.5) / 5 - 0.5)} of the lower fine row v of that step, clamped
 * to [0, h]. So an axis-aligned box from (a, b) to (c, d) covers pixels {@code a <= x < c}, {@code b <= y < d}.
 */
class PolygonTest {

    @Test
    void squareOnTwentyByTwenty() {
        // [0,0, 10,0, 10,10, 0,10]: the top edge crosses fine columns 2, 7, ..., 47 at fine row 0 -> rows 0 of
        // pixel columns 0..9; the bottom edge crosses the same columns at fine row 50 -> ceil(50.5/5 - .5) = 10.
        // Crossings x*20+0 and x*20+10 for x = 0..9, plus 400 at the end: counts 0, then nineteen 10s, then
        // 400 - 190 = 210. Area 10 * 10 = 100, box [0, 0, 10, 10].
        Rle square = Rle.fromPolygon(new double[][] {{0, 0, 10, 0, 10, 10, 0, 10}}, 20, 20);
        int[] expected = new int[21];
        java.util.Arrays.fill(expected, 10);
        expected[0] = 0;
        expected[20] = 210;
        assertArrayEquals(expected, square.counts());
        assertEquals(100, square.area());
        assertArrayEquals(new double[] {0, 0, 10, 10}, square.toBbox());
        // The compressed form: '0', ':', ':' (10 raw for the first three counts), seventeen '0' (deltas 10 - 10),
        // then 210 - 10 = 200 = 6 * 32 + 8 -> 'X' (8 | 0x20 = 40), '6'.
        assertEquals("0::" + "0".repeat(17) + "X6", square.toCompressedString());
    }

    @Test
    void triangle() {
        // [1,1, 8,1, 4,7] on 20x20. Fine vertices (5,5), (40,5), (20,35).
        // Top edge (v=5): pixel columns 1..7 start at row ceil(5.5/5 - .5) = 1.
        // Right edge (40,5)->(20,35), major axis y, u = (int)(40.5 - 2t/3): u first reaches 37, 32, 27, 22 at
        // t = 4, 12, 19, 27, the step coming from fine row 8, 16, 23, 31 -> rows ceil(1.2)=2, ceil(2.8)=3,
        // ceil(4.2)=5, ceil(5.8)=6 for pixel columns 7, 6, 5, 4.
        // Left edge (20,35)->(5,5), u = (int)(5.5 + t/2) with t counting down from 30: u reaches 17, 12, 7 at
        // t = 24, 14, 4, the lower fine rows being 29, 19, 9 -> rows ceil(5.4)=6, ceil(3.4)=4, ceil(1.4)=2 for
        // pixel columns 3, 2, 1.
        // Per column the mask covers rows [1, end): x=1..7 -> 1, 3, 5, 5, 4, 2, 1 pixels = 21.
        Rle triangle = Rle.fromPolygon(new double[][] {{1, 1, 8, 1, 4, 7}}, 20, 20);
        assertArrayEquals(new int[] {21, 1, 19, 3, 17, 5, 15, 5, 15, 4, 16, 2, 18, 1, 258}, triangle.counts());
        assertEquals(21, triangle.area());
        assertArrayEquals(new double[] {1, 1, 7, 5}, triangle.toBbox());
    }

    @Test
    void polygonOnTheImageBorderCoversTheFullImage() {
        // [0,0, 20,0, 20,20, 0,20] on 20x20: crossings at fine columns 2..97 -> pixel columns 0..19 (19 = w - 1 is
        // still inside); bottom row ceil(100.5/5 - .5) = ceil(19.6) = 20 = h. Every pixel is covered.
        Rle full = Rle.fromPolygon(new double[][] {{0, 0, 20, 0, 20, 20, 0, 20}}, 20, 20);
        assertEquals(400, full.area());
        assertArrayEquals(new int[] {0, 400}, full.counts());
    }

    @Test
    void partsAreMergedByUnion() {
        // Two boxes: x 0..3, y 0..3 (16 px) and x 2..5, y 2..5 (16 px) sharing x 2..3, y 2..3 (4 px): 28 pixels.
        Rle union = Rle.fromPolygon(new double[][] {{0, 0, 4, 0, 4, 4, 0, 4}, {2, 2, 6, 2, 6, 6, 2, 6}}, 10, 10);
        assertEquals(28, union.area());
        Rle first = Rle.fromPolygon(new double[][] {{0, 0, 4, 0, 4, 4, 0, 4}}, 10, 10);
        Rle second = Rle.fromPolygon(new double[][] {{2, 2, 6, 2, 6, 6, 2, 6}}, 10, 10);
        assertEquals(Rle.merge(java.util.List.of(first, second), false), union);
        assertEquals(4.0 / 28, first.iou(second, false));
    }

    @Test
    void clockwiseAndCounterClockwiseGiveTheSameMask() {
        Rle ccw = Rle.fromPolygon(new double[][] {{1, 1, 8, 1, 4, 7}}, 20, 20);
        Rle cw = Rle.fromPolygon(new double[][] {{1, 1, 4, 7, 8, 1}}, 20, 20);
        assertEquals(ccw, cw);
    }

    @Test
    void bboxIsRasterisedAsItsPolygon() {
        // rleFrBbox uses the polygon (x,y) (x,y+h) (x+w,y+h) (x+w,y): box 2..5 x 3..4 -> 4 * 2 = 8 pixels.
        Rle box = Rle.fromBbox(2, 3, 4, 2, 10, 10);
        assertEquals(8, box.area());
        assertArrayEquals(new double[] {2, 3, 4, 2}, box.toBbox());
    }

    @Test
    void unusableInputIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> Rle.fromPolygon(new double[0][], 10, 10));
        assertThrows(IllegalArgumentException.class,
                () -> Rle.fromPolygon(new double[][] {{0, 0, Double.NaN, 0, 4, 4}}, 10, 10));
    }
}
