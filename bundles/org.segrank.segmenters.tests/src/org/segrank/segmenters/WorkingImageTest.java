package org.segrank.segmenters;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.awt.image.BufferedImage;

import org.junit.jupiter.api.Test;

class WorkingImageTest {

    @Test
    void factorBringsTheLongerSideWithinTheWorkingSide() {
        assertEquals(1, WorkingImage.factorFor(256, 256, 256));
        assertEquals(2, WorkingImage.factorFor(512, 300, 256));
        assertEquals(3, WorkingImage.factorFor(513, 10, 256));
        assertThrows(IllegalArgumentException.class, () -> WorkingImage.factorFor(10, 10, 4));
    }

    @Test
    void boxAveragesBlocksAndPadsToEvenSizeByRepeatingTheEdge() {
        // 3x2 image, factor 1 with working side 8: width 3 is padded to 4 by repeating the last column
        byte[] gray = { 0, (byte) 255, (byte) 255, 0, 0, (byte) 255 };
        WorkingImage w = WorkingImage.of(gray, 3, 2, 8);
        assertEquals(4, w.width());
        assertEquals(2, w.height());
        assertArrayEquals(new float[] { -1, 1, 1, 1, -1, -1, 1, 1 }, w.pixels(), 1e-6f);

        // 16x16 image reduced by 2: each working pixel is the mean of a 2x2 block
        byte[] block = new byte[256];
        block[0] = (byte) 255; // first block mean = 63.75
        block[2] = (byte) 255;
        block[3] = (byte) 255; // second block mean = 127.5
        WorkingImage small = WorkingImage.of(block, 16, 16, 8);
        assertEquals(2, small.factor());
        assertEquals(8, small.width());
        assertEquals(63.75f / 127.5f - 1f, small.pixels()[0], 1e-6f);
        assertEquals(0f, small.pixels()[1], 1e-6f);
        assertEquals(-1f, small.pixels()[2], 1e-6f);
    }

    @Test
    void grayLevelsOfAColourImageAreItsLuminance() {
        BufferedImage rgb = new BufferedImage(2, 1, BufferedImage.TYPE_INT_RGB);
        rgb.setRGB(0, 0, 0xFF0000);
        rgb.setRGB(1, 0, 0x00FF00);
        byte[] gray = WorkingImage.grayLevels(rgb);
        assertEquals(76, gray[0] & 0xff); // 0.299 * 255
        assertEquals(150, gray[1] & 0xff); // 0.587 * 255
    }
}
