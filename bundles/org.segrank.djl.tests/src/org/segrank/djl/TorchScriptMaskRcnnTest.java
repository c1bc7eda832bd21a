package org.segrank.djl;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;

import org.junit.jupiter.api.Test;

/**
 * The fixture's TorchScript file was scripted by Debian's torch 1.13 with torchvision's nms/roi_align swapped for
 * pure-PyTorch versions, and runs in DJL's libtorch 2.7.1.
 */
class TorchScriptMaskRcnnTest extends MaskRcnnAdapterContract {

    @Override
    SegmentationModel load(ModelSettings settings) throws IOException {
        return TorchScriptMaskRcnn.load(Fixtures.file(Fixtures.TORCHSCRIPT_MODEL), settings);
    }

    @Override
    String modelFile() {
        return Fixtures.TORCHSCRIPT_MODEL;
    }

    @Test
    void registryFormatTorchscriptSelectsThisAdapter() throws IOException {
        try (SegmentationModel model = SegmentationModels.load(Fixtures.file(Fixtures.TORCHSCRIPT_MODEL),
                "torchscript", ModelSettings.defaults())) {
            assertInstanceOf(TorchScriptMaskRcnn.class, model);
        }
    }

    @Test
    void aModelCallingTorchvisionOperatorsIsRefusedWithTheReason() {
        SegmentationModelException error = assertThrows(SegmentationModelException.class,
                () -> TorchScriptMaskRcnn.load(Fixtures.file(Fixtures.TORCHVISION_OPS_MODEL),
                        ModelSettings.defaults()));
        String message = error.getMessage();
        assertTrue(message.contains("torchvision::nms") && message.contains("EXPORTING.md")
                && message.contains(Fixtures.TORCHVISION_OPS_MODEL), message);
    }
}
