package org.segrank.backbones;

import java.awt.image.BufferedImage;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

import ai.djl.Model;
import ai.djl.inference.Predictor;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.translate.TranslateException;

import org.segrank.features.FeatureExtractor;

/**
 * What the backbone-file and CNN-P extractors share: preprocessing, a pool of predictors, batching, output pooling,
 * closing.
 *
 * <h2>Threads</h2>
 * Each call borrows a {@link Predictor} and its input buffer from a pool (creating one when all are busy) and
 * returns it afterwards, so concurrent callers never share a predictor and the pool holds as many predictors as
 * there were concurrent callers. The network itself is shared: libtorch and OnnxRuntime run one loaded model from
 * several threads. {@link #close()} waits for running calls, then closes every predictor and the model; later calls
 * fail with {@link IllegalStateException}.
 *
 * <h2>Batches</h2>
 * {@link #extractBatch} preprocesses the images on the calling thread and runs them in chunks of at most
 * {@link #maxBatchSize()} images per inference (1 for a network exported with a fixed batch size of 1).
 */
abstract class FeatureModel implements FeatureExtractor, AutoCloseable {

    /** A predictor and the direct input buffer it reads from. */
    private static final class Slot {
        final Predictor<FeatureTranslator.Batch, FeatureTranslator.Output> predictor;
        ByteBuffer buffer;

        Slot(Predictor<FeatureTranslator.Batch, FeatureTranslator.Output> predictor) {
            this.predictor = predictor;
        }

        ByteBuffer buffer(int floats) {
            if (buffer == null || buffer.capacity() < floats * Float.BYTES) {
                buffer = ByteBuffer.allocateDirect(floats * Float.BYTES).order(ByteOrder.nativeOrder());
            }
            return buffer;
        }
    }

    private final Model model;
    private final Preprocessing preprocessing;
    private final String description;
    private final FeatureTranslator translator;
    private final ConcurrentLinkedDeque<Slot> idle = new ConcurrentLinkedDeque<>();
    private final List<Slot> slots = new ArrayList<>();
    private final ReadWriteLock lifecycle = new ReentrantReadWriteLock();
    private boolean closed;
    private int maxBatchSize;
    private FeatureTranslator.Layout layout;

    /**
     * @param model a loaded model; closed by {@link #close()} (and by this constructor if probing fails)
     * @param description names the file, e.g. {@code "TorchScript backbone resnet50.pt"}
     * @param maxBatchSize the largest batch per inference, {@code >= 1}
     * @throws BackboneException if the network does not run on a probe batch or its output is not a feature vector
     *         or map
     */
    FeatureModel(Model model, Preprocessing preprocessing, String description, int maxBatchSize) {
        this.model = Objects.requireNonNull(model, "model");
        this.preprocessing = Objects.requireNonNull(preprocessing, "preprocessing");
        this.description = description;
        this.translator = new FeatureTranslator(description);
        if (maxBatchSize < 1) {
            throw new IllegalArgumentException("batch size must be >= 1, got " + maxBatchSize);
        }
        try {
            probe(maxBatchSize);
        } catch (RuntimeException | Error e) {
            closeAll();
            throw e;
        }
    }

    /**
     * Runs zeros through the network (a batch of 2, or of 1 if the network refuses 2) to learn the output layout and
     * whether it takes batches.
     */
    private void probe(int requestedBatch) {
        BackboneException batchFailure = null;
        for (int n : requestedBatch > 1 ? new int[] {2, 1} : new int[] {1}) {
            Slot slot = borrow();
            try {
                layout = predict(slot, new float[n * preprocessing.valuesPerImage()], n).layout();
                maxBatchSize = n == 2 ? requestedBatch : 1;
                return;
            } catch (BackboneException e) {
                boolean badOutput = e.getMessage().contains("output shape");
                if (badOutput || n == 1) {
                    if (batchFailure != null && !badOutput) {
                        e.addSuppressed(batchFailure);
                    }
                    throw e;
                }
                batchFailure = e;
            } finally {
                giveBack(slot);
            }
        }
    }

    /** The preprocessing every image goes through. */
    public final Preprocessing preprocessing() {
        return preprocessing;
    }

    /** The most images one inference takes (1 for networks exported with a fixed batch size of 1). */
    public final int maxBatchSize() {
        return maxBatchSize;
    }

    /** Whether the network outputs a feature map that is average-pooled here (rather than a vector). */
    public final boolean poolsFeatureMap() {
        return layout.featureMap();
    }

    /** What is loaded, naming the file. */
    public final String description() {
        return description;
    }

    @Override
    public final int dimension() {
        return layout.channels();
    }

    @Override
    public final float[] extract(BufferedImage image) {
        return extractBatch(List.of(image)).get(0);
    }

    /**
     * The feature vectors of several images, in order, computed in batches of at most {@link #maxBatchSize()}.
     *
     * @throws BackboneException if an inference fails or returns non-finite values
     * @throws IllegalStateException if closed
     */
    public final List<float[]> extractBatch(List<BufferedImage> images) {
        Objects.requireNonNull(images, "images");
        int perImage = preprocessing.valuesPerImage();
        List<float[]> result = new ArrayList<>(images.size());
        for (int start = 0; start < images.size(); start += maxBatchSize) {
            int n = Math.min(maxBatchSize, images.size() - start);
            float[] input = new float[n * perImage];
            for (int i = 0; i < n; i++) {
                preprocessing.apply(Objects.requireNonNull(images.get(start + i), "image " + (start + i)), input,
                        i * perImage);
            }
            for (float[] vector : run(input, n, start)) {
                result.add(vector);
            }
        }
        return result;
    }

    /**
     * Feature vectors of already preprocessed images ({@code n} consecutive CHW arrays of
     * {@link Preprocessing#valuesPerImage()} values), in one inference: at most {@link #maxBatchSize()} images.
     */
    public final float[][] extractPreprocessed(float[] input, int n) {
        if (n < 1 || n > maxBatchSize || input.length != n * preprocessing.valuesPerImage()) {
            throw new IllegalArgumentException("need 1 to " + maxBatchSize + " images of "
                    + preprocessing.valuesPerImage() + " values, got " + input.length + " values for " + n);
        }
        return run(input, n, 0);
    }

    private float[][] run(float[] input, int n, int firstIndex) {
        lifecycle.readLock().lock();
        try {
            if (closed) {
                throw new IllegalStateException(description + " is closed");
            }
            Slot slot = borrow();
            try {
                FeatureTranslator.Output output = predict(slot, input, n);
                if (output.layout().channels() != layout.channels()) {
                    throw new BackboneException(description + " returned output shape " + output.layout().shape()
                            + " where the probe at load gave " + layout.shape());
                }
                float[][] vectors = output.vectors();
                for (int i = 0; i < n; i++) {
                    for (float v : vectors[i]) {
                        if (!Float.isFinite(v)) {
                            throw new BackboneException(description + " returned a non-finite feature (" + v
                                    + ") for image " + (firstIndex + i));
                        }
                    }
                }
                return vectors;
            } finally {
                giveBack(slot);
            }
        } finally {
            lifecycle.readLock().unlock();
        }
    }

    private FeatureTranslator.Output predict(Slot slot, float[] input, int n) {
        ByteBuffer buffer = slot.buffer(input.length);
        buffer.clear();
        buffer.asFloatBuffer().put(input);
        FeatureTranslator.Batch batch = new FeatureTranslator.Batch(buffer, n, preprocessing.cropSize());
        try {
            // grad mode is thread-local in libtorch: never record an autograd graph on this thread
            JniUtils.setGradMode(false);
            return slot.predictor.predict(batch);
        } catch (TranslateException e) {
            if (e.getCause() instanceof BackboneException error) {
                throw error;
            }
            throw inferenceFailure(n, e);
        } catch (BackboneException e) {
            throw e;
        } catch (RuntimeException e) {
            throw inferenceFailure(n, e);
        }
    }

    private BackboneException inferenceFailure(int n, Exception e) {
        return new BackboneException("inference with " + description + " failed on a batch of " + n + " image(s) of "
                + preprocessing.cropSize() + "x" + preprocessing.cropSize() + ": " + BackboneException.explain(e), e);
    }

    private Slot borrow() {
        Slot slot = idle.pollFirst();
        if (slot != null) {
            return slot;
        }
        synchronized (slots) {
            slot = new Slot(model.newPredictor(translator));
            slots.add(slot);
            return slot;
        }
    }

    private void giveBack(Slot slot) {
        idle.offerFirst(slot);
    }

    /** Closes every predictor and the model; waits for calls in progress. Idempotent. */
    @Override
    public void close() {
        lifecycle.writeLock().lock();
        try {
            if (!closed) {
                closed = true;
                closeAll();
                org.segrank.djl.NativeHeap.releaseFreeMemory();
            }
        } finally {
            lifecycle.writeLock().unlock();
        }
    }

    private void closeAll() {
        synchronized (slots) {
            for (Slot slot : slots) {
                slot.predictor.close();
            }
            slots.clear();
            idle.clear();
        }
        model.close();
    }

    /** The number of predictors created so far (one per concurrent caller at most). */
    final int predictorCount() {
        synchronized (slots) {
            return slots.size();
        }
    }

    @Override
    public String toString() {
        return description;
    }
}
