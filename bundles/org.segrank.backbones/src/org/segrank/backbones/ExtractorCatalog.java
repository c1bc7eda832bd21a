package org.segrank.backbones;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import javax.imageio.ImageIO;

import org.segrank.core.InvalidInputException;
import org.segrank.features.FeatureExtractor;
import org.segrank.features.ParticleDescriptorExtractor;
import org.segrank.workspace.Image;
import org.segrank.workspace.Workspace;

/**
 * The feature extractors SegRank can open by name, for the CLI and the UI alike:
 * <ul>
 * <li>{@value ParticleDescriptorExtractor#NAME}: built in, no weights;</li>
 * <li>{@value CnnPExtractor#DEFAULT_NAME}: the compact ResNet fine-tuned on a dataset's classification-training split
 * ({@link #trainCnnP}), kept in the workspace per dataset;</li>
 * <li>any other name with a backbone file (TorchScript or ONNX): e.g. an ImageNet ResNet-50 as the paper's CNN-I.</li>
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
        if (backbone == null) {
            throw new InvalidInputException("--extractor", name, "is neither built in (" + ParticleDescriptorExtractor.NAME + ", "
                    + CnnPExtractor.DEFAULT_NAME + ") nor given a backbone file (--backbone FILE.pt|FILE.onnx)");
        }
        return BackboneFileExtractor.load(name, backbone);
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
