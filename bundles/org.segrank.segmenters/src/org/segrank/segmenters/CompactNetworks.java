package org.segrank.segmenters;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.ParameterStore;

/**
 * Inference with one or more compact networks that share an encoder: the image is encoded once and every
 * network's head runs on that encoding. With one network it is a plain forward pass. Thread-safe: each call works
 * in its own NDManager scope (no array outlives the call, so memory stays flat over any number of images) with
 * gradients off.
 */
public final class CompactNetworks implements AutoCloseable {

    private final NDManager manager;
    private final CompactNet encoderOwner;
    private final List<CompactNet> networks;

    private CompactNetworks(NDManager manager, CompactNet encoderOwner, List<CompactNet> networks) {
        this.manager = manager;
        this.encoderOwner = encoderOwner;
        this.networks = networks;
    }

    /**
     * Loads the networks; the first one's encoder serves all of them, so they must share it (see
     * {@link CompactModelFile#encoderDigest()}).
     */
    public static CompactNetworks load(List<byte[]> parameters) {
        if (parameters.isEmpty()) {
            throw new IllegalArgumentException("no networks to load");
        }
        NDManager manager = Engine.getEngine("PyTorch").newBaseManager(Device.cpu());
        try {
            List<CompactNet> nets = new ArrayList<>();
            for (byte[] p : parameters) {
                nets.add(CompactTraining.load(manager, Objects.requireNonNull(p), 64, 64));
            }
            return new CompactNetworks(manager, nets.get(0), List.copyOf(nets));
        } catch (RuntimeException e) {
            manager.close();
            throw e;
        }
    }

    public int size() {
        return networks.size();
    }

    /**
     * Foreground and interior probabilities of every network for one image.
     *
     * @return per network {foreground, interior}, row-major at the working size
     */
    public List<float[][]> probabilities(WorkingImage image) {
        try (NDManager scope = manager.newSubManager()) {
            JniUtils.setGradMode(false);
            ParameterStore store = new ParameterStore(scope, false);
            NDArray x = scope.create(image.pixels(), new Shape(1, 1, image.height(), image.width()));
            NDList encoded = encoderOwner.encoder().forward(store, new NDList(x), false);
            int n = image.pixels().length;
            List<float[][]> out = new ArrayList<>(networks.size());
            for (CompactNet net : networks) {
                NDArray logits = net.head().forward(store, encoded, false).singletonOrThrow();
                float[] both = Activation.sigmoid(logits).toFloatArray();
                float[] foreground = new float[n];
                float[] interior = new float[n];
                System.arraycopy(both, 0, foreground, 0, n);
                System.arraycopy(both, n, interior, 0, n);
                out.add(new float[][] { foreground, interior });
            }
            return out;
        }
    }

    @Override
    public void close() {
        manager.close();
        org.segrank.djl.NativeHeap.releaseFreeMemory();
    }
}
