package org.segrank.djl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.segrank.metrics.coco.Detection;
import org.segrank.metrics.mask.Rle;

class InstancePredictionTest {

    private static final Rle MASK = Rle.fromBbox(2, 3, 4, 5, 10, 12);

    @Test
    void boxIsCopiedInAndOut() {
        float[] box = {2, 3, 6, 8};
        InstancePrediction prediction = new InstancePrediction(0.9f, 1, MASK, box);
        box[0] = 99;
        prediction.box()[1] = 99;
        assertArrayEquals(new float[] {2, 3, 6, 8}, prediction.box());
    }

    @Test
    void cocoBoxIsCornerAndSize() {
        InstancePrediction prediction = new InstancePrediction(0.9f, 1, MASK, new float[] {2.5f, 3, 6, 8.25f});
        assertArrayEquals(new double[] {2.5, 3, 3.5, 5.25}, prediction.cocoBox(), 1e-9);
    }

    @Test
    void becomesACocoDetectionWithTheMaskArea() {
        InstancePrediction prediction = new InstancePrediction(0.75f, 2, MASK, new float[] {2, 3, 6, 8});
        Detection detection = prediction.toDetection(11, 4);
        assertEquals(11, detection.id());
        assertEquals(4, detection.imageId());
        assertEquals(2, detection.categoryId());
        assertEquals(0.75, detection.score(), 0.0);
        assertEquals(20, MASK.area());
        assertEquals(MASK.area(), detection.area(), 0.0);
        assertEquals(MASK, detection.mask());
    }

    @Test
    void equalityComparesBoxValues() {
        InstancePrediction a = new InstancePrediction(0.5f, 1, MASK, new float[] {1, 2, 3, 4});
        assertEquals(a, new InstancePrediction(0.5f, 1, MASK, new float[] {1, 2, 3, 4}));
        assertEquals(a.hashCode(), new InstancePrediction(0.5f, 1, MASK, new float[] {1, 2, 3, 4}).hashCode());
        assertNotEquals(a, new InstancePrediction(0.5f, 1, MASK, new float[] {1, 2, 3, 5}));
        assertThrows(IllegalArgumentException.class, () -> new InstancePrediction(0.5f, 1, MASK, new float[3]));
    }
}
