package org.segrank.djl;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;

import org.junit.jupiter.api.Test;

class OnnxMaskRcnnTest extends MaskRcnnAdapterContract {

    @Override
    SegmentationModel load(ModelSettings settings) throws IOException {
        return OnnxMaskRcnn.load(Fixtures.file(Fixtures.ONNX_MODEL), settings);
    }

    @Override
    String modelFile() {
        return Fixtures.ONNX_MODEL;
    }

    @Test
    void registryFormatOnnxSelectsThisAdapter() throws IOException {
        try (SegmentationModel model = SegmentationModels.load(Fixtures.file(Fixtures.ONNX_MODEL), " ONNX ",
                ModelSettings.defaults())) {
            assertInstanceOf(OnnxMaskRcnn.class, model);
        }
    }

    @Test
    void aFileThatIsNotOnnxIsRefusedNamingIt() {
        SegmentationModelException error = assertThrows(SegmentationModelException.class,
                () -> OnnxMaskRcnn.load(Fixtures.file("image_a.png"), ModelSettings.defaults()));
        assertTrue(error.getMessage().contains("image_a.png") && error.getMessage().contains("OnnxRuntime"),
                error.getMessage());
    }

    @Test
    void aModelWithoutMaskRcnnOutputsIsRefusedNamingTheMissingOutput() throws IOException {
        try (SegmentationModel model = OnnxMaskRcnn.load(Fixtures.file(Fixtures.NOT_MASK_RCNN_MODEL),
                ModelSettings.defaults())) {
            SegmentationModelException error = assertThrows(SegmentationModelException.class,
                    () -> model.predict(Fixtures.image("image_a.png")));
            assertTrue(error.getMessage().contains("no output 'boxes'") && error.getMessage().contains("features"),
                    error.getMessage());
        }
    }
}
