package org.segrank.djl;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SegmentationModelsTest {

    @Test
    void djlFormatIsRefusedWithAdvice() {
        SegmentationModelException error = assertThrows(SegmentationModelException.class,
                () -> SegmentationModels.load(Fixtures.file(Fixtures.ONNX_MODEL), "djl", ModelSettings.defaults()));
        assertTrue(error.getMessage().contains("export the model to ONNX"), error.getMessage());
    }

    @Test
    void unknownFormatIsRefused() {
        SegmentationModelException error = assertThrows(SegmentationModelException.class,
                () -> SegmentationModels.load(Fixtures.file(Fixtures.ONNX_MODEL), "tflite", ModelSettings.defaults()));
        assertTrue(error.getMessage().contains("'tflite'"), error.getMessage());
    }
}
