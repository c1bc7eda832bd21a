package org.segrank.djl;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

import ai.djl.Model;

/**
 * A Mask R-CNN exported to ONNX in torchvision's convention, run by DJL's OnnxRuntime engine.
 *
 * <p>The model takes one input, a float32 {@code [3, H, W]} RGB image in {@code [0, 1]} with dynamic {@code H, W}
 * (opset 11 or later), and returns {@code boxes (N,4)}, {@code labels (N)}, {@code scores (N)} and
 * {@code masks (N,1,H,W)} probabilities at the input size: what {@code torch.onnx.export} of a torchvision
 * {@code MaskRCNN} produces (see EXPORTING.md). Mask post-processing uses DJL's PyTorch engine, so both engines
 * must be present ({@link DjlEngines}).
 *
 * <p>The OnnxRuntime session gets {@code intraOpNumThreads} / {@code interOpNumThreads} from the
 * {@link EngineSettings} of {@link DjlEngines#initialize} (both keys are always set: DJL 0.36 applies the intra-op
 * count only when the inter-op one is given).
 */
public final class OnnxMaskRcnn extends MaskRcnnModel {

    private OnnxMaskRcnn(Model model, ModelSettings settings, String description) {
        super(model, settings, false, description);
    }

    /**
     * Loads an {@code .onnx} file, initialising the engines with defaults if that has not happened yet.
     *
     * @throws java.nio.file.NoSuchFileException if the file does not exist
     * @throws SegmentationModelException if OnnxRuntime cannot load it
     * @throws EngineUnavailableException if the engines cannot be brought up
     */
    public static OnnxMaskRcnn load(Path file, ModelSettings settings) throws IOException {
        String description = "ONNX model " + file.getFileName();
        EngineSettings engine = DjlEngines.settings();
        Map<String, String> sessionOptions = Map.of(
                "intraOpNumThreads", Integer.toString(engine.intraOpThreads()),
                "interOpNumThreads", Integer.toString(engine.interOpThreads()));
        Model model = loadModel(file, DjlEngines.ONNX_RUNTIME, sessionOptions, description);
        return new OnnxMaskRcnn(model, settings, description);
    }
}
