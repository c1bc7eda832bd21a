package org.segrank.evaluation;

import org.segrank.workspace.RegisteredModel;
import org.segrank.workspace.Workspace;

/** Opens a registered model for inference (the DJL bundle provides the ONNX/TorchScript one). */
@FunctionalInterface
public interface SegmenterFactory {
    /**
     * @throws Exception naming the model when its artifact is missing, corrupt or cannot be loaded
     */
    InstanceSegmenter open(Workspace workspace, RegisteredModel model) throws Exception;
}
