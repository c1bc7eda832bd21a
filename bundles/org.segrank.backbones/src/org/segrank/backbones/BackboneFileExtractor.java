package org.segrank.backbones;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;

import ai.djl.Device;
import ai.djl.MalformedModelException;
import ai.djl.Model;

import org.segrank.djl.DjlEngines;
import org.segrank.djl.EngineSettings;
import org.segrank.djl.EngineVersions;

/**
 * Features from a pretrained backbone file: a network whose output is the feature vector of an image, e.g. a
 * torchvision ResNet-50 with its classifier replaced by identity (2048 values), saved as TorchScript ({@code .pt},
 * run by DJL's PyTorch engine) or exported to ONNX ({@code .onnx}, run by OnnxRuntime).
 *
 * <h2>Contract of the file</h2>
 * Input: one float32 tensor {@code N x 3 x S x S} (S = {@link Preprocessing#cropSize()}, 224 by default), RGB
 * normalised by {@link Preprocessing} (torchvision's ImageNet evaluation transform by default). Output: the first
 * output is {@code N x C} (used as is) or {@code N x C x H x W} (a feature map, global-average-pooled here). A
 * network exported with a fixed batch size of 1 works, one image per inference. The dimension C is found by
 * running zeros through the network at load.
 *
 * <h2>Identity</h2>
 * {@link #name()} is chosen by the user (e.g. {@code "resnet50-imagenet"}). {@link #version()} is
 * {@code "<ALGORITHM>-sha256:<first 16 hex digits of the file's SHA-256>"}, so vectors of different weights never
 * mix even under one name; {@link #settingsJson()} records the format, the full file hash, the output layout and
 * every preprocessing setting, and {@link #settingsHash()} is its SHA-256.
 *
 * <h2>Threads and resources</h2>
 * Thread-safe: each concurrent caller gets its own predictor (see {@link FeatureModel}); {@link #close()} releases
 * them and the native model. The engines' thread pools are those of {@link DjlEngines} (PyTorch: JVM-wide;
 * OnnxRuntime: per session, from the same {@link EngineSettings}).
 */
public final class BackboneFileExtractor extends FeatureModel {

    /** Version of the preprocessing and pooling code; part of {@link #version()}. */
    public static final String ALGORITHM = "1";
    /** Default largest batch per inference. */
    public static final int DEFAULT_BATCH_SIZE = 16;

    private final String name;
    private final String version;
    private final String settingsJson;
    private final String settingsHash;
    private final BackboneFormat format;
    private final Path file;
    private final String fileSha256;

    private BackboneFileExtractor(String name, Path file, BackboneFormat format, String fileSha256, Model model,
            Preprocessing preprocessing, int maxBatchSize, String description) {
        super(model, preprocessing, description, maxBatchSize);
        this.name = name;
        this.file = file;
        this.format = format;
        this.fileSha256 = fileSha256;
        this.version = ALGORITHM + "-sha256:" + fileSha256.substring(0, 16);
        this.settingsJson = "{\"name\":\"" + Hashing.jsonEscape(name) + "\",\"extractor\":\"backbone-file\""
                + ",\"algorithm\":\"" + ALGORITHM + "\",\"format\":\"" + format.id() + "\",\"file_sha256\":\""
                + fileSha256 + "\",\"dimension\":" + dimension() + ",\"pooling\":\""
                + (poolsFeatureMap() ? "global-average" : "none") + "\",\"preprocessing\":" + preprocessing.toJson()
                + "}";
        this.settingsHash = Hashing.sha256(settingsJson);
    }

    /**
     * Loads a backbone with torchvision's ImageNet preprocessing, the format told by the file name.
     *
     * @see #load(String, Path, BackboneFormat, Preprocessing, int)
     */
    public static BackboneFileExtractor load(String name, Path file) throws IOException {
        return load(name, file, BackboneFormat.of(file), Preprocessing.imageNet(), DEFAULT_BATCH_SIZE);
    }

    /**
     * Loads a backbone file, initialising the DJL engines with defaults if that has not happened yet, and runs a
     * probe batch to find the output dimension.
     *
     * @param name the extractor's name, e.g. {@code "resnet50-imagenet"}; 1 to 200 characters
     * @param maxBatchSize the most images per inference in {@link #extractBatch}
     * @throws NoSuchFileException if the file does not exist (the message names it)
     * @throws BackboneException if the engine cannot load the file, the network does not run on a
     *         {@code N x 3 x S x S} input or its output is not {@code N x C} or {@code N x C x H x W}; the message
     *         names the file
     * @throws org.segrank.djl.EngineUnavailableException if the engines cannot be brought up
     */
    public static BackboneFileExtractor load(String name, Path file, BackboneFormat format,
            Preprocessing preprocessing, int maxBatchSize) throws IOException {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(preprocessing, "preprocessing");
        if (name.isBlank() || name.length() > 200) {
            throw new IllegalArgumentException("extractor name must have 1 to 200 characters, got '" + name + "'");
        }
        if (maxBatchSize < 1) {
            throw new IllegalArgumentException("batch size must be >= 1, got " + maxBatchSize);
        }
        String description = (format == BackboneFormat.ONNX ? "ONNX" : "TorchScript") + " backbone " + file;
        if (!Files.isRegularFile(file)) {
            throw new NoSuchFileException(file.toString(), null, "backbone file not found");
        }
        String sha = Hashing.sha256(file);
        Model model = loadModel(file, format, description);
        return new BackboneFileExtractor(name, file, format, sha, model, preprocessing, maxBatchSize, description);
    }

    /** Loads {@code file} into a new DJL model of the format's engine, with the engine class loader as TCCL. */
    static Model loadModel(Path file, BackboneFormat format, String description) throws IOException {
        EngineVersions engines = DjlEngines.ensureInitialized();
        EngineSettings settings = engines.settings();
        Map<String, String> options = format == BackboneFormat.ONNX
                ? Map.of("intraOpNumThreads", Integer.toString(settings.intraOpThreads()),
                        "interOpNumThreads", Integer.toString(settings.interOpThreads()))
                : Map.of("mapLocation", "true");
        Model model = Model.newInstance(file.getFileName().toString(), device(settings), format.engine());
        Thread thread = Thread.currentThread();
        ClassLoader saved = thread.getContextClassLoader();
        thread.setContextClassLoader(DjlEngines.defaultEngineLoader());
        try {
            model.load(file, null, options);
            return model;
        } catch (MalformedModelException | RuntimeException e) {
            model.close();
            throw new BackboneException(description + " cannot be loaded by DJL's " + format.engine() + " engine"
                    + " (is it a " + (format == BackboneFormat.ONNX ? "ONNX model" : "TorchScript archive saved by "
                    + "torch.jit.save") + "?): " + BackboneException.explain(e), e);
        } catch (IOException | Error e) {
            model.close();
            throw e;
        } finally {
            thread.setContextClassLoader(saved);
        }
    }

    static Device device(EngineSettings settings) {
        String device = settings.device();
        if (device.equals("cpu")) {
            return Device.cpu();
        }
        return device.equals("gpu") ? Device.gpu(0) : Device.gpu(Integer.parseInt(device.substring("gpu".length())));
    }

    @Override
    public String name() {
        return name;
    }

    /** {@code "<ALGORITHM>-sha256:<16 hex digits>"}, e.g. {@code "1-sha256:3f2a...}". */
    @Override
    public String version() {
        return version;
    }

    @Override
    public String settingsJson() {
        return settingsJson;
    }

    @Override
    public String settingsHash() {
        return settingsHash;
    }

    /** The backbone file. */
    public Path file() {
        return file;
    }

    public BackboneFormat format() {
        return format;
    }

    /** Lowercase hex SHA-256 of the file's bytes. */
    public String fileSha256() {
        return fileSha256;
    }
}
