package org.segrank.djl;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.inference.Predictor;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.translate.TranslateException;

/**
 * What the ONNX and TorchScript Mask R-CNN adapters share: input preparation, the predictor, serialised calls and
 * closing. Each {@link #predict} runs through DJL's {@link Predictor}, which creates a sub-manager of the model's
 * manager for the call's arrays and closes it when the call ends.
 */
abstract class MaskRcnnModel implements SegmentationModel {

    private final Model model;
    private final Predictor<MaskRcnnTranslator.PreparedImage, List<InstancePrediction>> predictor;
    private final ModelSettings settings;
    private final String description;
    private boolean closed;

    MaskRcnnModel(Model model, ModelSettings settings, boolean listInput, String description) {
        this.model = model;
        this.settings = settings;
        this.description = description;
        this.predictor = model.newPredictor(new MaskRcnnTranslator(settings, listInput, description));
    }

    /**
     * Loads {@code file} into a new DJL model of {@code engine}, with the engine class loader as TCCL; closes the
     * model and explains the failure if loading fails.
     */
    static Model loadModel(Path file, String engine, Map<String, ?> options, String description)
            throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new NoSuchFileException(file.toString(), null, description + " not found");
        }
        DjlEngines.ensureInitialized();
        Model model = Model.newInstance(file.getFileName().toString(), DjlEngines.device(), engine);
        Thread thread = Thread.currentThread();
        ClassLoader saved = thread.getContextClassLoader();
        thread.setContextClassLoader(DjlEngines.engineLoader());
        try {
            model.load(file, null, options);
            return model;
        } catch (MalformedModelException | RuntimeException e) {
            model.close();
            throw new SegmentationModelException(description + " cannot be loaded by DJL's " + engine + " engine: "
                    + explain(e), e);
        } catch (IOException | Error e) {
            model.close();
            throw e;
        } finally {
            thread.setContextClassLoader(saved);
        }
    }

    private static String explain(Throwable error) {
        StringBuilder text = new StringBuilder();
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (!text.isEmpty()) {
                text.append(" <- ");
            }
            text.append(t.getMessage());
        }
        String message = text.toString();
        if (message.contains("torchvision::")) {
            message += " (the model calls torchvision's C++ operators, which DJL's libtorch does not have: export "
                    + "it to ONNX, or script it with the pure-PyTorch nms/roi_align, see EXPORTING.md)";
        }
        return message;
    }

    @Override
    public final List<InstancePrediction> predict(float[] chw, int height, int width) {
        ImageTensors.requireLength(chw, 3, height, width);
        MaskRcnnTranslator.PreparedImage input = prepare(chw, height, width);
        synchronized (this) {
            if (closed) {
                throw new IllegalStateException(description + " is closed");
            }
            try {
                // Grad mode is thread-local in libtorch: make sure no autograd graph is recorded on this thread.
                JniUtils.setGradMode(false);
                return predictor.predict(input);
            } catch (TranslateException e) {
                if (e.getCause() instanceof SegmentationModelException modelError) {
                    throw modelError;
                }
                throw new SegmentationModelException("inference with " + description + " failed on a " + width + "x"
                        + height + " image: " + explain(e), e);
            }
        }
    }

    private MaskRcnnTranslator.PreparedImage prepare(float[] chw, int height, int width) {
        float[] input = chw;
        int inputHeight = height;
        int inputWidth = width;
        if (settings.resizes() && (settings.inputHeight() != height || settings.inputWidth() != width)) {
            inputHeight = settings.inputHeight();
            inputWidth = settings.inputWidth();
            input = ImageTensors.resizeBilinear(chw, 3, height, width, inputHeight, inputWidth);
        }
        if (settings.normalizes()) {
            if (input == chw) {
                input = chw.clone();
            }
            ImageTensors.normalize(input, inputHeight, inputWidth, settings.mean(), settings.std());
        }
        return new MaskRcnnTranslator.PreparedImage(input, inputHeight, inputWidth, height, width);
    }

    @Override
    public final ModelSettings settings() {
        return settings;
    }

    @Override
    public final String description() {
        return description;
    }

    @Override
    public final synchronized void close() {
        if (!closed) {
            closed = true;
            predictor.close();
            model.close();
            NativeHeap.releaseFreeMemory();
        }
    }

    @Override
    public String toString() {
        return description;
    }
}
