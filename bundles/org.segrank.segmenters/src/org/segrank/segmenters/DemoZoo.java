package org.segrank.segmenters;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;

import javax.imageio.ImageIO;

import org.segrank.core.InvalidInputException;
import org.segrank.djl.DjlEngines;
import org.segrank.djl.NativeHeap;
import org.segrank.metrics.mask.Rle;
import org.segrank.workspace.GtInstance;
import org.segrank.workspace.Image;
import org.segrank.workspace.ModelFormat;
import org.segrank.workspace.ModelRegistration;
import org.segrank.workspace.RegisteredModel;
import org.segrank.workspace.Workspace;

/**
 * Builds the demo zoo the way the paper built its 39 models (its figure 12): one base model trained on a broad mix
 * (the dataset's classification-training split, which covers every kind and regime), then one model per
 * fine-tuning subset ({@code finetune:<regime>}) transfer-learned from the base. Every model is registered with its
 * provenance: base, subset, image count, seed, training settings, losses, training time and engine.
 *
 * <p><b>Cache and resume.</b> The models' version is a digest of the dataset's name, its images' content and the
 * settings, so a rerun with the same inputs finds every model already registered and trains nothing; a run killed
 * halfway keeps the models registered so far and the rerun trains only the rest. Changed settings or data give a
 * new version beside the old one.
 */
public final class DemoZoo {

    /** Name of the base model; fine-tuned models are {@code zoo-<regime>}. */
    public static final String BASE_NAME = "zoo-base";
    public static final String NAME_PREFIX = "zoo-";
    public static final String TAG = "demo-zoo";
    static final String FINE_TUNING_PREFIX = "finetune:";
    static final String BASE_SPLIT = "classification-train";

    /**
     * How the zoo is trained.
     *
     * @param workingSide the segmenter's working side (images are reduced by an integer factor to fit it)
     * @param seed the base model's seed; subset {@code i} (in name order) is fine-tuned with {@code seed + 1 + i}
     */
    public record Settings(int workingSide, CompactSettings.Base base, CompactSettings.FineTune fineTune, long seed) {
        public Settings {
            Objects.requireNonNull(base, "base");
            Objects.requireNonNull(fineTune, "fineTune");
            if (workingSide < base.crop()) {
                throw new IllegalArgumentException("working side " + workingSide + " is smaller than the crop " + base.crop());
            }
        }

        /** The user's size: about five minutes on two cores for the paper-sized corpus. */
        public static Settings defaults() {
            return new Settings(256, new CompactSettings.Base(400, 8, 128, 3e-3, 0.2), new CompactSettings.FineTune(150, 1e-2),
                    20_240_601L);
        }

        /** A CI size: a weaker zoo in well under a minute. */
        public static Settings quick() {
            return new Settings(256, new CompactSettings.Base(120, 8, 128, 3e-3, 0.2), new CompactSettings.FineTune(40, 1e-2),
                    20_240_601L);
        }

        public String toJson() {
            return "{\"architecture\":\"" + CompactModelFile.ARCHITECTURE + "\",\"workingSide\":" + workingSide + ",\"base\":"
                    + base.toJson() + ",\"fineTune\":" + fineTune.toJson() + ",\"seed\":" + seed + ",\"threshold\":"
                    + THRESHOLD + ",\"minArea\":" + MIN_AREA + "}";
        }
    }

    /** Progress of a build: a message and models done of total (trained or reused). */
    @FunctionalInterface
    public interface Progress {
        void progress(String message, int done, int total);
    }

    /** What a build did. */
    public record Report(RegisteredModel base, List<RegisteredModel> models, int trained, int reused, double seconds,
            String version) {
        public String describe() {
            return String.format(Locale.ROOT, "zoo version %s: base + %d models, %d trained, %d reused, %.1f s", version,
                    models.size(), trained, reused, seconds);
        }
    }

    static final double THRESHOLD = 0.5;
    static final int MIN_AREA = 2;

    private final Workspace workspace;
    private final Settings settings;

    public DemoZoo(Workspace workspace, Settings settings) {
        this.workspace = Objects.requireNonNull(workspace, "workspace");
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    /**
     * Trains what is missing and registers it.
     *
     * @throws InvalidInputException if the dataset lacks the classification-training split or fine-tuning subsets
     * @throws CancellationException when cancelled; models finished so far stay registered
     */
    public Report build(String dataset, Progress progress, BooleanSupplier cancelled) throws IOException {
        try {
            return buildModels(dataset, progress, cancelled);
        } finally {
            // training's transient tensors are freed but held by the C heap: give them back (see NativeHeap)
            NativeHeap.releaseFreeMemory();
        }
    }

    private Report buildModels(String dataset, Progress progress, BooleanSupplier cancelled) throws IOException {
        long start = System.nanoTime();
        List<Image> all = workspace.datasets().images(dataset, null);
        List<Image> baseImages = all.stream().filter(i -> BASE_SPLIT.equals(i.split())).toList();
        Map<String, List<Image>> subsets = new TreeMap<>();
        for (Image image : all) {
            if (image.split() != null && image.split().startsWith(FINE_TUNING_PREFIX)) {
                subsets.computeIfAbsent(image.split().substring(FINE_TUNING_PREFIX.length()), k -> new ArrayList<>()).add(image);
            }
        }
        if (baseImages.isEmpty()) {
            throw new InvalidInputException(dataset, "split " + BASE_SPLIT, "has no images: the base model trains on it");
        }
        if (subsets.isEmpty()) {
            throw new InvalidInputException(dataset, "splits finetune:*", "none found: each zoo model is fine-tuned on one");
        }
        String version = version(dataset, all);
        int total = subsets.size() + 1;
        int trained = 0;
        int reused = 0;
        DjlEngines.ensureInitialized();

        String baseRef = BASE_NAME + ":" + version;
        Optional<RegisteredModel> existingBase = workspace.models().find(baseRef);
        RegisteredModel base;
        byte[] baseParameters;
        if (existingBase.isPresent()) {
            base = existingBase.get();
            baseParameters = readParameters(base);
            reused++;
        } else {
            progress.progress("training the base model on " + baseImages.size() + " images", 0, total);
            List<CompactTraining.Example> examples = examples(baseImages, cancelled);
            CompactTraining.Result result = CompactTraining.trainBase(examples, settings.base(), settings.seed(),
                    (done, steps, loss) -> progress.progress(String.format(Locale.ROOT, "base model: step %d/%d, loss %.4f",
                            done, steps, loss), 0, total), cancelled);
            baseParameters = result.parameters();
            base = register(BASE_NAME, version, dataset, null, BASE_SPLIT, baseImages.size(), settings.seed(),
                    settings.base().toJson(), result);
            trained++;
        }
        progress.progress("base model ready", 1, total);
        List<RegisteredModel> models = new ArrayList<>();
        int index = 0;
        for (Map.Entry<String, List<Image>> subset : subsets.entrySet()) {
            if (cancelled.getAsBoolean()) {
                throw new CancellationException("zoo build cancelled; rerun to continue");
            }
            String name = NAME_PREFIX + subset.getKey();
            long seed = settings.seed() + 1 + index;
            index++;
            Optional<RegisteredModel> existing = workspace.models().find(name + ":" + version);
            if (existing.isPresent()) {
                models.add(existing.get());
                reused++;
            } else {
                List<CompactTraining.Example> examples = examples(subset.getValue(), cancelled);
                CompactTraining.Result result = CompactTraining.fineTuneHead(baseParameters, examples, settings.fineTune(),
                        seed, (done, steps, loss) -> { }, cancelled);
                models.add(register(name, version, dataset, base.qualifiedName(), FINE_TUNING_PREFIX + subset.getKey(),
                        examples.size(), seed, settings.fineTune().toJson(), result));
                trained++;
            }
            progress.progress(name + " ready", index + 1, total);
        }
        return new Report(base, models, trained, reused, (System.nanoTime() - start) / 1e9, version);
    }

    /** The zoo's version: digest of the dataset name, its images' names and content digests, and the settings. */
    String version(String dataset, List<Image> images) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update((dataset + "\n" + settings.toJson() + "\n").getBytes(StandardCharsets.UTF_8));
            for (Image image : images) {
                if (BASE_SPLIT.equals(image.split()) || (image.split() != null && image.split().startsWith(FINE_TUNING_PREFIX))) {
                    digest.update((image.fileName() + " " + image.split() + " " + image.sha256() + "\n").getBytes(StandardCharsets.UTF_8));
                }
            }
            return "z" + HexFormat.of().formatHex(digest.digest()).substring(0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private byte[] readParameters(RegisteredModel model) throws IOException {
        try (InputStream in = workspace.open(model.artifactSha256())) {
            return CompactModelFile.read(in, model.qualifiedName()).parameters();
        }
    }

    private RegisteredModel register(String name, String version, String dataset, String baseModel, String subset,
            int images, long seed, String trainingJson, CompactTraining.Result result) throws IOException {
        CompactModelFile file = new CompactModelFile(settings.workingSide(), THRESHOLD, MIN_AREA,
                CompactTraining.encoderDigest(result.parameters()), result.parameters());
        Path temp = Files.createTempFile("segrank-zoo-", ".compact");
        try {
            file.write(temp);
            String provenance = String.format(Locale.ROOT,
                    "{\"zoo\":\"%s\",\"dataset\":\"%s\",\"subset\":\"%s\",\"images\":%d,\"base\":%s,\"seed\":%d,"
                            + "\"training\":%s,\"steps\":%d,\"firstLoss\":%.6f,\"lastLoss\":%.6f,\"trainingSeconds\":%.3f,"
                            + "\"engine\":\"PyTorch %s\",\"zooSettings\":%s}",
                    version, jsonText(dataset), jsonText(subset), images, baseModel == null ? "null" : "\"" + jsonText(baseModel) + "\"",
                    seed, trainingJson, result.steps(), result.firstLoss(), result.lastLoss(), result.seconds(),
                    ai.djl.engine.Engine.getEngine("PyTorch").getVersion(), settings.toJson());
            return workspace.models().register(ModelRegistration.builder(name, CompactModelFile.ARCHITECTURE, ModelFormat.DJL)
                    .version(version).artifact(temp).fineTunedOnDataset(dataset).baseModel(baseModel)
                    .scoreThreshold(0.0).maskThreshold(THRESHOLD).tags(List.of(TAG))
                    .notes(baseModel == null ? "demo zoo base model, trained on " + subset
                            : "demo zoo model, transfer-learned from " + baseModel + " on " + subset)
                    .provenance(provenance).build());
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    private static String jsonText(String text) {
        return text.replace("\\", "\\\\").replace("\"", "\\\"");
    }

    /** Images and their ground truth at the working scale. */
    private List<CompactTraining.Example> examples(List<Image> images, BooleanSupplier cancelled) throws IOException {
        List<CompactTraining.Example> examples = new ArrayList<>(images.size());
        for (Image image : images) {
            if (cancelled.getAsBoolean()) {
                throw new CancellationException("zoo build cancelled; rerun to continue");
            }
            BufferedImage pixels;
            try (InputStream in = workspace.open(image.sha256())) {
                pixels = ImageIO.read(in);
            }
            if (pixels == null) {
                throw new InvalidInputException(image.fileName(), "", "cannot be decoded as an image");
            }
            int w = pixels.getWidth();
            int h = pixels.getHeight();
            int[] labels = new int[w * h];
            int label = 0;
            for (GtInstance instance : workspace.datasets().instances(image.id())) {
                label++;
                if (instance.rleWidth() != w || instance.rleHeight() != h) {
                    throw new InvalidInputException(image.fileName(), "instance " + instance.id(),
                            "mask is " + instance.rleWidth() + "x" + instance.rleHeight() + ", image is " + w + "x" + h);
                }
                paint(Rle.fromCompressedString(instance.rleCounts(), h, w), label, labels, w);
            }
            WorkingImage working = WorkingImage.of(pixels, settings.workingSide());
            if (working.width() < settings.base().crop() || working.height() < settings.base().crop()) {
                throw new InvalidInputException(image.fileName(), "", "is " + w + "x" + h + ": too small for training crops of "
                        + settings.base().crop() + " working pixels");
            }
            examples.add(new CompactTraining.Example(working, TrainingTargets.of(labels, working)));
        }
        return examples;
    }

    /** Paints a column-major RLE into a row-major label map. */
    private static void paint(Rle mask, int label, int[] labels, int width) {
        int[] counts = mask.counts();
        int height = mask.height();
        int position = 0;
        for (int j = 0; j < counts.length; j++) {
            if ((j & 1) == 1) {
                for (int p = position; p < position + counts[j]; p++) {
                    labels[(p % height) * width + p / height] = label;
                }
            }
            position += counts[j];
        }
    }
}
