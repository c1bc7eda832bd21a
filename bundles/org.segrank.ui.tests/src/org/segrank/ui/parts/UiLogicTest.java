package org.segrank.ui.parts;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;

import org.eclipse.swt.graphics.ImageData;
import org.eclipse.swt.graphics.PaletteData;
import org.eclipse.swt.graphics.RGB;
import org.junit.jupiter.api.Test;
import org.segrank.metrics.coco.CocoFileEvaluation.ImageRow;
import org.segrank.metrics.mask.Rle;
import org.segrank.workspace.BoundingBox;
import org.segrank.workspace.GtInstance;

/** The logic inside the views that needs no display: AP ordering, AP text, the mask overlay. */
class UiLogicTest {

    private static ImageRow row(long id, Double ap) {
        return new ImageRow(id, "f" + id, 1, 0, 1, ap == null ? OptionalDouble.empty() : OptionalDouble.of(ap));
    }

    @Test
    void undefinedApSortsAfterEveryDefinedValue() {
        List<ImageRow> rows = new ArrayList<>(List.of(row(1, 0.5), row(2, null), row(3, 0.0), row(4, 0.9)));
        rows.sort(CocoEvaluationPart.AP_ORDER);
        assertEquals(List.of(3L, 1L, 4L, 2L), rows.stream().map(ImageRow::imageId).toList());
    }

    @Test
    void apTextSaysUndefinedInsteadOfANumber() {
        assertEquals("0.1235", CocoEvaluationPart.formatAp(row(1, 0.12345)));
        assertEquals("undefined (no GT)", CocoEvaluationPart.formatAp(row(1, null)));
    }

    @Test
    void overlayTintsExactlyTheMaskPixels() {
        // 4x3 grey image (value 100), instance = the 2x2 block at x 1..2, y 0..1
        ImageData grey = new ImageData(4, 3, 8, new PaletteData(greyPalette()));
        for (int y = 0; y < 3; y++) {
            for (int x = 0; x < 4; x++) {
                grey.setPixel(x, y, 100);
            }
        }
        boolean[] mask = new boolean[12];
        mask[1] = mask[2] = mask[5] = mask[6] = true;
        Rle rle = Rle.encodeRowMajor(mask, 3, 4);
        GtInstance instance = new GtInstance(1, 1, "particle", rle.toCompressedString(), 3, 4, 4,
                new BoundingBox(1, 0, 2, 2), false);
        ImageData out = ImageViewerPart.overlay(grey, List.of(instance));
        int tinted = 0;
        for (int i = 0; i < 12; i++) {
            int p = out.getPixel(i % 4, i / 4);
            boolean unchanged = p == ((100 << 16) | (100 << 8) | 100);
            assertEquals(!mask[i], unchanged, "pixel " + i);
            tinted += unchanged ? 0 : 1;
        }
        assertEquals(4, tinted);
    }

    private static RGB[] greyPalette() {
        RGB[] palette = new RGB[256];
        for (int i = 0; i < 256; i++) {
            palette[i] = new RGB(i, i, i);
        }
        return palette;
    }
}
