package org.segrank.djl;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;

/** Loads a registered model artifact with the adapter for its format. */
public final class SegmentationModels {

    private SegmentationModels() {
    }

    /**
     * @param format the registry's format id: {@code onnx} or {@code torchscript} (case-insensitive)
     * @throws SegmentationModelException for the {@code djl} format or an unknown one: the Mask R-CNN adapters
     *         need a self-contained graph (ONNX or TorchScript); a DJL block's parameters need the block's Java code
     */
    public static SegmentationModel load(Path artifact, String format, ModelSettings settings) throws IOException {
        return switch (format.strip().toLowerCase(Locale.ROOT)) {
            case "onnx" -> OnnxMaskRcnn.load(artifact, settings);
            case "torchscript" -> TorchScriptMaskRcnn.load(artifact, settings);
            case "djl" -> throw new SegmentationModelException("model format djl (a DJL block's parameters) cannot"
                    + " be run as a Mask R-CNN: export the model to ONNX (see EXPORTING.md)");
            default -> throw new SegmentationModelException("unknown model format '" + format
                    + "'; expected onnx or torchscript");
        };
    }
}
