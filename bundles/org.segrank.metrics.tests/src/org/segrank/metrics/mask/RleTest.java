package org.segrank.metrics.mask;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

class RleTest {

    /** A rectangle of foreground pixels {@code x in [x0, x0 + bw), y in [y0, y0 + bh)}. */
    static Rle box(int height, int width, int x0, int y0, int bw, int bh) {
        boolean[] rowMajor = new boolean[height * width];
        for (int y = y0; y < y0 + bh; y++) {
            for (int x = x0; x < x0 + bw; x++) {
                rowMajor[y * width + x] = true;
            }
        }
        return Rle.encodeRowMajor(rowMajor, height, width);
    }

    @Test
    void encodeDecodeRoundTripOnRandomMasks() {
        SplittableRandom random = new SplittableRandom(7);
        for (int trial = 0; trial < 200; trial++) {
            int h = 1 + random.nextInt(40);
            int w = 1 + random.nextInt(40);
            double density = random.nextDouble();
            boolean[] rowMajor = new boolean[h * w];
            int foreground = 0;
            for (int i = 0; i < rowMajor.length; i++) {
                rowMajor[i] = random.nextDouble() < density;
                foreground += rowMajor[i] ? 1 : 0;
            }
            Rle rle = Rle.encodeRowMajor(rowMajor, h, w);
            assertArrayEquals(rowMajor, rle.decodeRowMajor());
            assertEquals(foreground, rle.area());
            int sum = 0;
            for (int c : rle.counts()) {
                sum += c;
            }
            assertEquals(h * w, sum);

            // The same pixels in column-major order give the same runs.
            boolean[] columnMajor = rle.decodeColumnMajor();
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    assertEquals(rowMajor[y * w + x], columnMajor[x * h + y]);
                }
            }
            assertEquals(rle, Rle.encodeColumnMajor(columnMajor, h, w));
            byte[] bytes = new byte[h * w];
            for (int i = 0; i < bytes.length; i++) {
                bytes[i] = (byte) (rowMajor[i] ? 1 : 0);
            }
            assertEquals(rle, Rle.encodeRowMajor(bytes, h, w));
        }
    }

    @Test
    void encodeStartsWithZeroCountWhenFirstPixelIsForeground() {
        // Column-major [1, 1, 0, 1] (h=2, w=2): runs are 0 background, 2 foreground, 1 background, 1 foreground,
        // as rleEncode emits them.
        Rle rle = Rle.encodeColumnMajor(new boolean[] {true, true, false, true}, 2, 2);
        assertArrayEquals(new int[] {0, 2, 1, 1}, rle.counts());
        assertEquals(3, rle.area());
    }

    @Test
    void compressedStringKnownVectors() {
        // counts [0, 3, 2, 5]: the first three counts are written raw (0 -> '0', 3 -> '3', 2 -> '2'); the fourth is
        // written as 5 - counts[1] = 2 -> '2'. Each value < 16 fits one group with no continuation bit.
        Rle a = Rle.of(2, 5, new int[] {0, 3, 2, 5});
        assertEquals("0322", a.toCompressedString());

        // counts [100, 50] (150 pixels): 100 = 3 * 32 + 4 -> group 4 with continuation (4 | 0x20 = 36, '0' + 36 =
        // 'T'), then 3 -> '3'. 50 = 32 + 18: group 18 has the sign bit 0x10 set, so another group must follow to keep
        // the value positive: 18 | 0x20 = 50 -> 'b', then 1 -> '1'.
        Rle b = Rle.of(10, 15, new int[] {100, 50});
        assertEquals("T3b1", b.toCompressedString());

        // counts [5, 10, 5, 3] (23 pixels): '5', ':' (48 + 10), '5', then 3 - 10 = -7: -7 & 0x1f = 25, and -7 >> 5 =
        // -1 with the sign bit of 25 set, so it ends there: '0' + 25 = 'I'.
        Rle c = Rle.of(23, 1, new int[] {5, 10, 5, 3});
        assertEquals("5:5I", c.toCompressedString());

        assertArrayEquals(new int[] {0, 3, 2, 5}, Rle.fromCompressedString("0322", 2, 5).counts());
        assertArrayEquals(new int[] {100, 50}, Rle.fromCompressedString("T3b1", 10, 15).counts());
        assertArrayEquals(new int[] {5, 10, 5, 3}, Rle.fromCompressedString("5:5I", 23, 1).counts());
    }

    @Test
    void compressedStringRoundTripOnRandomMasks() {
        SplittableRandom random = new SplittableRandom(11);
        for (int trial = 0; trial < 200; trial++) {
            int h = 1 + random.nextInt(300);
            int w = 1 + random.nextInt(300);
            boolean[] mask = new boolean[h * w];
            // Blobs rather than noise, so that runs are long and deltas negative as well as positive.
            int cx = random.nextInt(w);
            int cy = random.nextInt(h);
            int r = 1 + random.nextInt(Math.max(1, Math.min(h, w)));
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    mask[y * w + x] = (x - cx) * (x - cx) + (y - cy) * (y - cy) <= r * r || random.nextInt(50) == 0;
                }
            }
            Rle rle = Rle.encodeRowMajor(mask, h, w);
            String text = rle.toCompressedString();
            for (char ch : text.toCharArray()) {
                assertTrue(ch >= '0' && ch <= 'o', "character out of range: " + ch);
            }
            assertEquals(rle, Rle.fromCompressedString(text, h, w));
        }
    }

    @Test
    void malformedCompressedStringsAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> Rle.fromCompressedString("03~2", 2, 5)); // bad char
        assertThrows(IllegalArgumentException.class, () -> Rle.fromCompressedString("032", 2, 5)); // sums to 5
        assertThrows(IllegalArgumentException.class, () -> Rle.fromCompressedString("T", 10, 15)); // unfinished
        assertThrows(IllegalArgumentException.class, () -> Rle.fromCompressedString("5:5I5", 23, 1)); // too many
    }

    @Test
    void areaAndBbox() {
        // h=4, w=3, counts [5, 2, 5]: pixels 5 and 6 are column 1, rows 1 and 2.
        Rle vertical = Rle.of(4, 3, new int[] {5, 2, 5});
        assertEquals(2, vertical.area());
        assertArrayEquals(new double[] {1, 1, 1, 2}, vertical.toBbox());

        // counts [3, 2, 7]: pixels 3 (x=0, y=3) and 4 (x=1, y=0). The run wraps into the next column, and rleToBbox
        // then widens the box to the full height: [0, 0, 2, 4] rather than the pixel-tight box.
        Rle wrapping = Rle.of(4, 3, new int[] {3, 2, 7});
        assertEquals(2, wrapping.area());
        assertArrayEquals(new double[] {0, 0, 2, 4}, wrapping.toBbox());

        Rle empty = Rle.of(4, 3, new int[] {12});
        assertEquals(0, empty.area());
        assertArrayEquals(new double[] {0, 0, 0, 0}, empty.toBbox());

        // A box drawn row-major: x 2..5, y 1..3 on 10x8 (h x w) -> 4 * 3 = 12 pixels, bbox [2, 1, 4, 3].
        Rle b = box(10, 8, 2, 1, 4, 3);
        assertEquals(12, b.area());
        assertArrayEquals(new double[] {2, 1, 4, 3}, b.toBbox());
    }

    @Test
    void mergeUnionAndIntersection() {
        // 12 pixels (h=4, w=3). A = pixels 2..4, B = pixels 4..7.
        Rle a = Rle.of(4, 3, new int[] {2, 3, 7});
        Rle b = Rle.of(4, 3, new int[] {4, 4, 4});
        // Union = pixels 2..7: 2 background, 6 foreground, 4 background.
        assertArrayEquals(new int[] {2, 6, 4}, Rle.merge(List.of(a, b), false).counts());
        // Intersection = pixel 4 only.
        assertArrayEquals(new int[] {4, 1, 7}, Rle.merge(List.of(a, b), true).counts());
        // A single mask is returned as is.
        assertEquals(a, Rle.merge(List.of(a), false));
        // Foreground at pixel 0 keeps the leading zero count.
        Rle c = Rle.of(4, 3, new int[] {0, 1, 11});
        assertArrayEquals(new int[] {0, 1, 1, 3, 7}, Rle.merge(List.of(c, a), false).counts());
        assertThrows(IllegalArgumentException.class, () -> Rle.merge(List.of(a, Rle.of(3, 4, new int[] {12})), false));
    }

    @Test
    void iouPlainCrowdAndDisjoint() {
        Rle a = Rle.of(4, 3, new int[] {2, 3, 7}); // 3 pixels
        Rle b = Rle.of(4, 3, new int[] {4, 4, 4}); // 4 pixels, one shared with a
        // Plain IoU: 1 / (3 + 4 - 1) = 1/6.
        assertEquals(1.0 / 6, a.iou(b, false));
        // Crowd ground truth: intersection / area(dt) = 1/3 (and 1/4 with the roles swapped).
        assertEquals(1.0 / 3, a.iou(b, true));
        assertEquals(1.0 / 4, b.iou(a, true));
        assertEquals(1.0, a.iou(a, false));
        // Disjoint: pixels 8, 9 (column 2) do not touch a.
        Rle c = Rle.of(4, 3, new int[] {8, 2, 2});
        assertEquals(0.0, a.iou(c, false));

        // Matrix layout is [detection][ground truth], like pycocotools' iou(dt, gt, iscrowd).
        double[][] matrix = Rle.iou(List.of(a, c), List.of(b, a), new boolean[] {true, false});
        assertEquals(2, matrix.length);
        assertEquals(1.0 / 3, matrix[0][0]);
        assertEquals(1.0, matrix[0][1]);
        assertEquals(0.0, matrix[1][0]);
        assertEquals(0.0, matrix[1][1]);
    }

    @Test
    void iouOfEmptyMasksIsZeroEvenWhenBothAreEmpty() {
        // rleIou first compares bounding boxes; an empty mask has box [0, 0, 0, 0], which overlaps nothing, so the
        // IoU is 0 for empty-vs-anything including empty-vs-empty (no 0/0).
        Rle empty = Rle.of(4, 3, new int[] {12});
        Rle a = Rle.of(4, 3, new int[] {2, 3, 7});
        assertEquals(0.0, empty.iou(empty, false));
        assertEquals(0.0, empty.iou(a, false));
        assertEquals(0.0, a.iou(empty, false));
        assertEquals(0.0, a.iou(empty, true));
        assertEquals(0.0, empty.iou(a, true));
    }

    @Test
    void iouOfDifferentSizesIsMinusOne() {
        // Both boxes start at the origin and overlap, so rleIou reaches its size check and returns -1.
        Rle a = Rle.of(4, 3, new int[] {0, 2, 10});
        Rle b = Rle.of(3, 4, new int[] {0, 2, 10});
        assertEquals(-1.0, a.iou(b, false));
    }

    @Test
    void zeroLengthRunsFollowTheCLoopOfRleIou() {
        // counts [2, 0, 1, 1] on 4x1: pixel 3 is foreground, but with a zero-length run right after the first count.
        // rleIou's loop advances one run per step and stops when both masks sit on a zero-length run at once, here
        // right after the first step, so pycocotools reports IoU 0 for this mask with itself. Reproduced on purpose.
        Rle odd = Rle.of(4, 1, new int[] {2, 0, 1, 1});
        assertEquals(1, odd.area());
        assertEquals(0.0, odd.iou(odd, false));
        // The canonical encoding of the same pixels has IoU 1 with itself.
        Rle canonical = Rle.of(4, 1, new int[] {3, 1});
        assertEquals(1.0, canonical.iou(canonical, false));
        assertFalse(odd.equals(canonical));
    }

    @Test
    void invalidCountsAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> Rle.of(2, 2, new int[] {1, 2})); // sums to 3
        assertThrows(IllegalArgumentException.class, () -> Rle.of(2, 2, new int[] {5, -1})); // negative
        assertThrows(IllegalArgumentException.class, () -> Rle.of(0, 2, new int[] {})); // no pixels
    }
}
