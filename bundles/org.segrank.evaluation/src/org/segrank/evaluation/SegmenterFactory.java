package org.segrank.evaluation;

import java.util.List;

import org.segrank.workspace.RegisteredModel;
import org.segrank.workspace.Workspace;

/** Opens registered models for inference (org.segrank.segmenters provides the ONNX/TorchScript/compact one). */
@FunctionalInterface
public interface SegmenterFactory {
    /**
     * @throws Exception naming the model when its artifact is missing, corrupt or cannot be loaded
     */
    InstanceSegmenter open(Workspace workspace, RegisteredModel model) throws Exception;

    /**
     * Splits models into groups that {@link #openGroup} runs together; by default every model alone. The runner
     * evaluates a group of two or more image by image, a single model image by image within the model.
     */
    default List<List<RegisteredModel>> groups(Workspace workspace, List<RegisteredModel> models) throws Exception {
        return models.stream().map(List::of).toList();
    }

    /** Opens a group {@link #groups} formed; only called for groups of two or more. */
    default SegmenterGroup openGroup(Workspace workspace, List<RegisteredModel> group) throws Exception {
        throw new UnsupportedOperationException("this factory forms no groups");
    }
}
