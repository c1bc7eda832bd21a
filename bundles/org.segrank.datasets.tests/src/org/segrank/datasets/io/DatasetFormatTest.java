package org.segrank.datasets.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.segrank.core.InvalidInputException;

class DatasetFormatTest {
    @Test
    void parsesCliAndEnumNames() {
        assertEquals(DatasetFormat.MASK_PAIRS, DatasetFormat.parse("mask-pairs"));
        assertEquals(DatasetFormat.MASK_PAIRS, DatasetFormat.parse("MASK_PAIRS"));
        assertEquals(DatasetFormat.LABEL_PNGS, DatasetFormat.parse(" label-pngs "));
        assertEquals(DatasetFormat.COCO_JSON, DatasetFormat.parse("coco"));
        assertEquals(DatasetFormat.COCO_JSON, DatasetFormat.parse("coco-json"));
    }

    @Test
    void anUnknownNameListsTheAcceptedOnes() {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> DatasetFormat.parse("voc"));
        assertTrue(e.getMessage().contains("'voc' is not a dataset format; use mask-pairs, label-pngs or coco"));
    }
}
