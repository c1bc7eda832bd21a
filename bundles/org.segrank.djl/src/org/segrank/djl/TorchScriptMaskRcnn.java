package org.segrank.djl;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

import ai.djl.Model;

/**
 * A torchvision Mask R-CNN compiled with {@code torch.jit.script}, run by DJL's PyTorch engine (libtorch 2.7.1).
 *
 * <p>The scripted module's {@code forward(List[Tensor])} takes a list with one float32 {@code [3, H, W]} RGB image
 * in {@code [0, 1]} and returns {@code (losses, detections)}; DJL flattens the detections dict into the named
 * arrays {@code boxes, labels, scores, masks}, which this adapter reads exactly like {@link OnnxMaskRcnn}.
 *
 * <p>DJL's libtorch has no torchvision operators: a model scripted as is fails to load with
 * {@code Unknown builtin op: torchvision::nms}. It loads when {@code nms} and {@code roi_align} were replaced by
 * pure-PyTorch functions before scripting (see EXPORTING.md and the test fixture script); such a model is slower
 * than its ONNX export, which is the recommended format.
 */
public final class TorchScriptMaskRcnn extends MaskRcnnModel {

    private TorchScriptMaskRcnn(Model model, ModelSettings settings, String description) {
        super(model, settings, true, description);
    }

    /**
     * Loads a TorchScript file ({@code .pt}), initialising the engines with defaults if that has not happened yet.
     * Tensors saved on a GPU are mapped to the configured device.
     *
     * @throws java.nio.file.NoSuchFileException if the file does not exist
     * @throws SegmentationModelException if libtorch cannot load it (the message says when torchvision operators
     *         are the reason)
     * @throws EngineUnavailableException if the engines cannot be brought up
     */
    public static TorchScriptMaskRcnn load(Path file, ModelSettings settings) throws IOException {
        String description = "TorchScript model " + file.getFileName();
        Model model = loadModel(file, DjlEngines.PYTORCH, Map.of("mapLocation", "true"), description);
        return new TorchScriptMaskRcnn(model, settings, description);
    }
}
