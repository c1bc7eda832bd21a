package org.segrank.backbones;

import ai.djl.Device;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.pytorch.engine.PtSymbolBlock;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import ai.djl.util.PairList;

/**
 * A TorchScript module as a trainable child of a DJL block. DJL's {@link PtSymbolBlock} runs its module without
 * asking the trainer's {@link ParameterStore} for its parameters, so the trainer never registers, and never updates,
 * them (only blocks around it would learn). This wrapper asks the store for each of the module's parameters before
 * running it, which registers them for {@code Trainer.step()}; the arrays are the module's own tensors, so the
 * optimiser updates the module in place.
 */
final class TrainableTorchScript extends AbstractBlock {

    private final PtSymbolBlock module;

    TrainableTorchScript(PtSymbolBlock module) {
        this.module = addChildBlock("module", module);
    }

    PtSymbolBlock module() {
        return module;
    }

    @Override
    protected NDList forwardInternal(ParameterStore parameterStore, NDList inputs, boolean training,
            PairList<String, Object> params) {
        Device device = inputs.head().getDevice();
        for (Pair<String, Parameter> parameter : module.getParameters()) {
            if (parameter.getValue().requiresGradient()) {
                parameterStore.getValue(parameter.getValue(), device, training);
            }
        }
        return module.forward(parameterStore, inputs, training, params);
    }

    /** The module's parameters exist already (the file's weights): nothing to initialise. */
    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        // the TorchScript module arrives initialised
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return module.getOutputShapes(inputShapes);
    }
}
