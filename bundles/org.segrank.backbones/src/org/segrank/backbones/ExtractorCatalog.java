package org.segrank.backbones;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

import javax.imageio.ImageIO;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.segrank.core.InvalidInputException;
import org.segrank.features.FeatureExtractor;
import org.segrank.features.FeatureStore;
import org.segrank.features.ParticleDescriptorExtractor;
import org.segrank.features.RegisteredExtractor;
import org.segrank.workspace.Image;
import org.segrank.workspace.StoredFile;
import org.segrank.workspace.Workspace;

/**
 * The feature extractors SegRank can open by name, for the CLI and the UI alike:
 * <ul>
 * <li>{@value ParticleDescriptorExtractor#NAME}: built in, no weights;</li>
 * <li>{@value CnnPExtractor#DEFAULT_NAME}: the compact ResNet fine-tuned on a dataset's classification-training split
 * ({@link #trainCnnP}), kept in the workspace per dataset;</li>
 * <li>a backbone file (TorchScript or ONNX) registered under a name ({@link #registerBackbone}), e.g. an ImageNet
 * ResNet-50 as the paper's CNN-I; its weights live in the workspace's content store;</li>
 * <li>any other name with a backbone file given each time.</li>
 * </ul>
 */
public final class ExtractorCatalog {

    /** Extractors opened by name alone, without a backbone file. */
    public static final List<String> BUILT_IN = List.of(ParticleDescriptorExtractor.NAME, CnnPExtractor.DEFAULT_NAME);

    /** The classification-training split CNN-P learns from. */
    public static final String CLASSIFICATION_SPLIT = "classification-train";

    private ExtractorCatalog() {
    }

    /** Where the CNN-P weights of a dataset live: {@code <workspace>/extractors/cnn-p-<dataset>.cnnp}. */
    public static Path cnnPFile(Workspace workspace, String dataset) {
        return workspace.directory().resolve("extractors").resolve("cnn-p-" + dataset.replaceAll("[^A-Za-z0-9._-]", "_") + ".cnnp");
    }

    /** Where a CNN-P fine-tuned from a supplied backbone lives: the same name with {@code .pt} (TorchScript). */
    public static Path cnnPBackboneFile(Workspace workspace, String dataset) {
        Path compact = cnnPFile(workspace, dataset);
        return compact.resolveSibling(compact.getFileName().toString().replaceFirst("\\.cnnp$", ".pt"));
    }

    /**
     * Opens an extractor; the caller closes it when it is {@link AutoCloseable}.
     *
     * @param backbone the backbone file for names other than the built-in ones, else {@code null}
     * @param dataset the dataset whose CNN-P to use (for {@value CnnPExtractor#DEFAULT_NAME})
     * @throws InvalidInputException naming what is missing
     */
    public static FeatureExtractor open(String name, Path backbone, Workspace workspace, String dataset) throws IOException {
        if (ParticleDescriptorExtractor.NAME.equals(name)) {
            return new ParticleDescriptorExtractor();
        }
        if (CnnPExtractor.DEFAULT_NAME.equals(name)) {
            Path fineTuned = cnnPBackboneFile(workspace, dataset);
            Path file = cnnPFile(workspace, dataset);
            // the newer of the two trainings wins: from a supplied backbone (TorchScript) or from scratch
            if (Files.isRegularFile(fineTuned) && (!Files.isRegularFile(file)
                    || Files.getLastModifiedTime(fineTuned).compareTo(Files.getLastModifiedTime(file)) >= 0)) {
                return BackboneFileExtractor.load(CnnPExtractor.DEFAULT_NAME, fineTuned);
            }
            if (!Files.isRegularFile(file)) {
                throw new InvalidInputException(file.toString(), "", "no CNN-P trained for dataset '" + dataset
                        + "': run 'segrank features train-cnnp --dataset " + dataset + "' first");
            }
            return CnnPExtractor.load(file);
        }
        if (backbone != null) {
            return BackboneFileExtractor.load(name, backbone);
        }
        RegisteredExtractor registered = registeredBackbone(workspace, name).orElseThrow(() -> new InvalidInputException(
                "--extractor", name, "is neither built in (" + ParticleDescriptorExtractor.NAME + ", " + CnnPExtractor.DEFAULT_NAME
                        + ") nor a registered backbone (" + String.join(", ", registeredBackboneNames(workspace))
                        + "): register it with 'segrank features register --name " + name + " --backbone FILE', or give --backbone FILE"));
        return openRegistered(workspace, registered);
    }

    // ---- the registry of backbone extractors ----

    /** Names of registered extractors: letters, digits, {@code . _ + -}, no spaces or commas (lists are comma-separated). */
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._+-]{0,199}");
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * Registers a backbone file as a named extractor: the file is loaded and probed (its output dimension), copied into
     * the workspace's content store and recorded in {@code feature_extractors} with its SHA-256, format and
     * preprocessing, so {@link #open} finds it by name alone (CLI, UI, {@code query}) and a workspace backup carries
     * it. Registering the same file again changes nothing; other weights under a used name become a new version, and
     * the name then means the newest.
     *
     * @param format the file's format, or {@code null} to tell it from the file name
     * @throws InvalidInputException naming the name or file if the name is taken by a built-in extractor or malformed,
     *         the format is unknown, or the file is not a backbone SegRank can run (nothing is stored then)
     */
    public static RegisteredExtractor registerBackbone(Workspace workspace, String name, Path file, BackboneFormat format)
            throws IOException {
        requireRegistrableName(name);
        BackboneFormat chosen;
        try {
            chosen = format != null ? format : BackboneFormat.of(file);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(file.toString(), "", e.getMessage());
        }
        try (BackboneFileExtractor extractor = BackboneFileExtractor.load(name, file, chosen, Preprocessing.imageNet(),
                BackboneFileExtractor.DEFAULT_BATCH_SIZE)) {
            StoredFile stored = workspace.store().put(file, extractor.fileSha256());
            return FeatureStore.of(workspace).registerExtractor(name, extractor.version(), extractor.dimension(),
                    extractor.settingsJson(), stored.sha256());
        } catch (BackboneException e) {
            throw new InvalidInputException(file.toString(), "", e.getMessage());
        }
    }

    /** The newest registration of each backbone extractor whose weights the workspace holds, by name. */
    public static List<RegisteredExtractor> registeredBackbones(Workspace workspace) {
        Map<String, RegisteredExtractor> newest = new TreeMap<>();
        for (RegisteredExtractor e : FeatureStore.of(workspace).extractors()) {
            if (e.artifactSha256() != null && !BUILT_IN.contains(e.name())) {
                newest.merge(e.name(), e, (a, b) -> a.id() > b.id() ? a : b);
            }
        }
        return List.copyOf(newest.values());
    }

    /** Every name {@link #open} accepts without a backbone file: the built-in ones, then the registered backbones. */
    public static List<String> names(Workspace workspace) {
        List<String> names = new ArrayList<>(BUILT_IN);
        names.addAll(registeredBackboneNames(workspace));
        return names;
    }

    /** What kind of extractor a registration is, for listings: built in, CNN-P or a backbone file (and its format). */
    public static String kind(RegisteredExtractor extractor) {
        if (BUILT_IN.contains(extractor.name())) {
            return builtInKind(extractor.name());
        }
        String format = parameter(extractor, "format");
        return "backbone file" + (format == null ? "" : " (" + format + ")")
                + (extractor.artifactSha256() == null ? ", weights not stored: register the file" : "");
    }

    /** The kind of one of the {@link #BUILT_IN} extractors, also before it has been used. */
    public static String builtInKind(String name) {
        return ParticleDescriptorExtractor.NAME.equals(name) ? "built in, no weights" : "CNN-P, trained per dataset";
    }

    private static List<String> registeredBackboneNames(Workspace workspace) {
        return registeredBackbones(workspace).stream().map(RegisteredExtractor::name).toList();
    }

    private static java.util.Optional<RegisteredExtractor> registeredBackbone(Workspace workspace, String name) {
        return registeredBackbones(workspace).stream().filter(e -> e.name().equals(name)).findFirst();
    }

    /**
     * The backbone CNN-P fine-tuning starts from: the stored file of the registered backbone of that name, else the
     * value as a file path.
     *
     * @throws InvalidInputException if the registered backbone is not TorchScript (only TorchScript trains in DJL) or
     *         its stored file is missing
     */
    public static Path trainableBackbone(Workspace workspace, String nameOrFile) throws IOException {
        java.util.Optional<RegisteredExtractor> registered = registeredBackbone(workspace, nameOrFile);
        if (registered.isEmpty()) {
            return Path.of(nameOrFile);
        }
        String format = parameter(registered.get(), "format");
        if (format != null && BackboneFormat.parse(format) != BackboneFormat.TORCHSCRIPT) {
            throw new InvalidInputException("--backbone", nameOrFile, "is a registered " + format
                    + " backbone; CNN-P fine-tuning needs TorchScript (DJL trains only PyTorch models)");
        }
        return storedBackboneFile(workspace, registered.get());
    }

    /** The stored weights of a registered backbone, checked against the registered SHA-256. */
    static Path storedBackboneFile(Workspace workspace, RegisteredExtractor registered) throws IOException {
        Path file = workspace.resolve(registered.artifactSha256());
        if (!Files.isRegularFile(file)) {
            throw new InvalidInputException(file.toString(), "extractor " + registered.name() + " " + registered.version(),
                    "the registered backbone file is missing from the workspace store: register the file again");
        }
        return file;
    }

    private static FeatureExtractor openRegistered(Workspace workspace, RegisteredExtractor registered) throws IOException {
        Path file = storedBackboneFile(workspace, registered);
        String format = parameter(registered, "format");
        BackboneFileExtractor extractor = BackboneFileExtractor.load(registered.name(), file,
                format == null ? BackboneFormat.TORCHSCRIPT : BackboneFormat.parse(format), Preprocessing.imageNet(),
                BackboneFileExtractor.DEFAULT_BATCH_SIZE);
        if (!extractor.fileSha256().equals(registered.artifactSha256())) {
            extractor.close();
            throw new InvalidInputException(file.toString(), "extractor " + registered.name() + " " + registered.version(),
                    "the stored backbone file has SHA-256 " + extractor.fileSha256() + ", not the registered "
                            + registered.artifactSha256() + ": the workspace store is damaged ('segrank workspace check')");
        }
        return extractor;
    }

    private static String parameter(RegisteredExtractor extractor, String field) {
        if (extractor.parameters() == null) {
            return null;
        }
        try {
            JsonNode value = JSON.readTree(extractor.parameters()).get(field);
            return value == null || !value.isTextual() ? null : value.asText();
        } catch (JsonProcessingException e) {
            return null;
        }
    }

    private static void requireRegistrableName(String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new InvalidInputException("--name", String.valueOf(name),
                    "an extractor name has 1 to 200 letters, digits, '.', '_', '+' or '-' and starts with a letter or digit");
        }
        if (BUILT_IN.contains(name)) {
            throw new InvalidInputException("--name", name, "is a built-in extractor: choose another name");
        }
    }

    /** Closes an extractor that holds native resources. */
    public static void close(FeatureExtractor extractor) {
        if (extractor instanceof AutoCloseable closeable) {
            try {
                closeable.close();
            } catch (Exception e) {
                // closing native predictors cannot fail in a way the caller could act on
            }
        }
    }

    /**
     * Trains CNN-P on the dataset's classification-training images (label: the image's class) and stores it at
     * {@link #cnnPFile}.
     *
     * @throws InvalidInputException if the split is missing or has fewer than two classes
     */
    public static ClassifierFineTuning.TrainingReport trainCnnP(Workspace workspace, String dataset,
            ClassifierFineTuning.Settings settings) throws IOException {
        return trainCnnP(workspace, dataset, settings, null);
    }

    /**
     * As {@link #trainCnnP(Workspace, String, ClassifierFineTuning.Settings)}; with a {@code backbone} (TorchScript,
     * e.g. an ImageNet ResNet-50 without fc, the paper's starting point) that network is fine-tuned with a new
     * classification head instead, with the paper's preprocessing, and stored at {@link #cnnPBackboneFile}.
     */
    public static ClassifierFineTuning.TrainingReport trainCnnP(Workspace workspace, String dataset,
            ClassifierFineTuning.Settings settings, Path backbone) throws IOException {
        return trainCnnP(workspace, dataset, settings, backbone, ClassifierFineTuning.Monitor.NONE);
    }

    /**
     * As {@link #trainCnnP(Workspace, String, ClassifierFineTuning.Settings, Path)}, reporting each epoch to and
     * cancellable by {@code monitor} (a cancelled run writes nothing: the previous CNN-P file stays).
     */
    public static ClassifierFineTuning.TrainingReport trainCnnP(Workspace workspace, String dataset,
            ClassifierFineTuning.Settings settings, Path backbone, ClassifierFineTuning.Monitor monitor) throws IOException {
        List<BufferedImage> images = new ArrayList<>();
        List<String> labels = new ArrayList<>();
        for (Image image : workspace.datasets().images(dataset, CLASSIFICATION_SPLIT)) {
            if (image.classLabel() == null) {
                continue;
            }
            try (InputStream in = workspace.open(image.sha256())) {
                BufferedImage pixels = ImageIO.read(in);
                if (pixels == null) {
                    throw new InvalidInputException(image.fileName(), "", "cannot be decoded as an image");
                }
                images.add(pixels);
                labels.add(image.classLabel().toLowerCase(Locale.ROOT));
            }
        }
        if (labels.stream().distinct().count() < 2) {
            throw new InvalidInputException(dataset, "split " + CLASSIFICATION_SPLIT,
                    "needs labelled images of at least two classes to train CNN-P, found " + labels.size() + " labelled images");
        }
        Path file = backbone == null ? cnnPFile(workspace, dataset) : cnnPBackboneFile(workspace, dataset);
        Files.createDirectories(file.getParent());
        try {
            return backbone == null ? ClassifierFineTuning.train(images, labels, settings, file, monitor)
                    : ClassifierFineTuning.fineTune(backbone, images, labels, settings, Preprocessing.imageNet(), file,
                            monitor);
        } finally {
            org.segrank.djl.NativeHeap.releaseFreeMemory();
        }
    }
}
