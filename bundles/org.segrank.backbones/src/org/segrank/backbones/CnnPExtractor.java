package org.segrank.backbones;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.nn.SequentialBlock;

import org.segrank.djl.DjlEngines;
import org.segrank.djl.EngineVersions;

/**
 * CNN-P features: the penultimate layer (the pooled embedding, 128 values with the default architecture) of a
 * classifier trained by {@link ClassifierFineTuning}, run by DJL's PyTorch engine.
 *
 * <p>Images go through the preprocessing recorded in the file (shorter side resized to the input size with PIL's
 * antialiased bilinear, centre square crop, grey replicated, ImageNet mean and std). {@link #version()} is
 * {@code "<ALGORITHM>-sha256:<first 16 hex digits of the file's SHA-256>"}: every training run gives new weights and
 * thus a new version. Thread-safe, one predictor per concurrent caller (see {@link FeatureModel}).
 */
public final class CnnPExtractor extends FeatureModel {

    /** Default extractor name. */
    public static final String DEFAULT_NAME = "cnn-p";
    /** Version of the architecture code, preprocessing and file layout; part of {@link #version()}. */
    public static final String ALGORITHM = "1";

    private final String name;
    private final String version;
    private final String settingsJson;
    private final String settingsHash;
    private final List<String> classes;
    private final CompactResNet.Architecture architecture;
    private final String trainingReportJson;

    private CnnPExtractor(String name, Model model, Header header, String fileSha256, String description,
            int maxBatchSize) {
        super(model, header.preprocessing(), description, maxBatchSize);
        this.name = name;
        this.classes = header.classes();
        this.architecture = header.architecture();
        this.trainingReportJson = header.reportJson();
        this.version = ALGORITHM + "-sha256:" + fileSha256.substring(0, 16);
        this.settingsJson = "{\"name\":\"" + Hashing.jsonEscape(name) + "\",\"extractor\":\"cnn-p\",\"algorithm\":\""
                + ALGORITHM + "\",\"file_sha256\":\"" + fileSha256 + "\",\"dimension\":" + dimension()
                + ",\"layer\":\"penultimate (global average pool)\",\"architecture\":" + architecture.toJson()
                + ",\"classes\":" + classesJson(classes) + ",\"preprocessing\":" + header.preprocessing().toJson()
                + "}";
        this.settingsHash = Hashing.sha256(settingsJson);
    }

    /** What the file says before the parameters. */
    record Header(CompactResNet.Architecture architecture, List<String> classes, Preprocessing preprocessing,
            String reportJson) {
    }

    /** Loads a file written by {@link ClassifierFineTuning#train} under the name {@value #DEFAULT_NAME}. */
    public static CnnPExtractor load(Path file) throws IOException {
        return load(DEFAULT_NAME, file, BackboneFileExtractor.DEFAULT_BATCH_SIZE);
    }

    /**
     * Loads a file written by {@link ClassifierFineTuning#train}, initialising the DJL engines if needed.
     *
     * @throws NoSuchFileException if the file does not exist
     * @throws BackboneException if it is not a CNN-P file or its parameters do not fit the architecture it declares;
     *         the message names the file
     */
    public static CnnPExtractor load(String name, Path file, int maxBatchSize) throws IOException {
        Objects.requireNonNull(name, "name");
        if (name.isBlank() || name.length() > 200) {
            throw new IllegalArgumentException("extractor name must have 1 to 200 characters, got '" + name + "'");
        }
        String description = "CNN-P classifier " + file;
        if (!Files.isRegularFile(file)) {
            throw new NoSuchFileException(file.toString(), null, "CNN-P parameter file not found");
        }
        String sha = Hashing.sha256(file);
        EngineVersions engines = DjlEngines.ensureInitialized();
        Model model = Model.newInstance("cnn-p", BackboneFileExtractor.device(engines.settings()), DjlEngines.PYTORCH);
        Header header;
        try (InputStream stream = Files.newInputStream(file);
                DataInputStream in = new DataInputStream(new BufferedInputStream(stream))) {
            header = readHeader(in, description);
            SequentialBlock classifier = CompactResNet.classifier(header.architecture());
            classifier.loadParameters(model.getNDManager(), in);
            if (in.read() != -1) {
                throw new BackboneException(description + " has data after the parameters of the architecture it "
                        + "declares " + header.architecture().toJson());
            }
            model.setBlock(CompactResNet.embeddingOf(classifier));
        } catch (MalformedModelException | RuntimeException | IOException e) {
            model.close();
            if (e instanceof BackboneException error) {
                throw error;
            }
            throw new BackboneException(description + " cannot be read as a CNN-P classifier: "
                    + BackboneException.explain(e), e);
        }
        return new CnnPExtractor(name, model, header, sha, description, maxBatchSize);
    }

    static Header readHeader(DataInputStream in, String description) throws IOException {
        String magic;
        try {
            magic = in.readUTF();
        } catch (IOException e) {
            magic = "";
        }
        if (!magic.equals(ClassifierFineTuning.MAGIC)) {
            throw new BackboneException(description + " is not a CNN-P parameter file (written by "
                    + "ClassifierFineTuning.train)");
        }
        int version = in.readInt();
        if (version != ClassifierFineTuning.FILE_VERSION) {
            throw new BackboneException(description + " has file version " + version + "; this SegRank reads "
                    + ClassifierFineTuning.FILE_VERSION);
        }
        int inputSize = in.readInt();
        int stages = in.readInt();
        if (stages < 1 || stages > 16) {
            throw new BackboneException(description + " declares " + stages + " stages");
        }
        List<Integer> widths = new ArrayList<>();
        for (int i = 0; i < stages; i++) {
            widths.add(in.readInt());
        }
        int blocksPerStage = in.readInt();
        int classCount = in.readInt();
        if (classCount < 2 || classCount > 100_000) {
            throw new BackboneException(description + " declares " + classCount + " classes");
        }
        List<String> classes = new ArrayList<>();
        for (int i = 0; i < classCount; i++) {
            classes.add(in.readUTF());
        }
        int resize = in.readInt();
        int crop = in.readInt();
        List<Float> mean = List.of(in.readFloat(), in.readFloat(), in.readFloat());
        List<Float> std = List.of(in.readFloat(), in.readFloat(), in.readFloat());
        int reportLength = in.readInt();
        if (reportLength < 0 || reportLength > (1 << 24)) {
            throw new BackboneException(description + " declares a training report of " + reportLength + " bytes");
        }
        String report = new String(in.readNBytes(reportLength), StandardCharsets.UTF_8);
        try {
            return new Header(new CompactResNet.Architecture(inputSize, widths, blocksPerStage, classCount), classes,
                    new Preprocessing(resize, crop, mean, std), report);
        } catch (IllegalArgumentException e) {
            throw new BackboneException(description + " declares invalid settings: " + e.getMessage(), e);
        }
    }

    private static String classesJson(List<String> classes) {
        StringBuilder text = new StringBuilder("[");
        for (int i = 0; i < classes.size(); i++) {
            text.append(i == 0 ? "" : ",").append('"').append(Hashing.jsonEscape(classes.get(i))).append('"');
        }
        return text.append(']').toString();
    }

    @Override
    public String name() {
        return name;
    }

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

    /** The class names the network was trained on, in output order. */
    public List<String> classes() {
        return classes;
    }

    public CompactResNet.Architecture architecture() {
        return architecture;
    }

    /** The {@link ClassifierFineTuning.TrainingReport} JSON stored in the file. */
    public String trainingReportJson() {
        return trainingReportJson;
    }
}
