package org.segrank.backbones;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.TreeMap;
import java.util.TreeSet;

import ai.djl.Device;
import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.pytorch.engine.PtSymbolBlock;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import ai.djl.training.initializer.XavierInitializer;
import ai.djl.training.loss.SoftmaxCrossEntropyLoss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;

import org.segrank.core.InvalidInputException;
import org.segrank.djl.DjlEngines;
import org.segrank.djl.EngineVersions;

/**
 * CNN-P: trains a {@link CompactResNet} classifier of particle kinds from scratch with DJL's PyTorch engine and
 * saves it for {@link CnnPExtractor}, whose features are the network's penultimate layer (the pooled embedding)
 * ({@link #train}); or, as in the paper, fine-tunes a pretrained TorchScript backbone with a new linear head and
 * saves the fine-tuned backbone for {@link BackboneFileExtractor} ({@link #fineTune}). Both share the procedure
 * below.
 *
 * <h2>Procedure</h2>
 * <ol>
 * <li>Every image is preprocessed once ({@link Preprocessing#square}: shorter side resized to the input size with
 *     PIL's antialiased bilinear, centre square crop, grey replicated to RGB) and kept as 8-bit planes.</li>
 * <li>Labels are class names; classes are their sorted distinct values (index = position). A seeded, stratified
 *     {@link Settings#validationFraction()} of each class (at least one image of every class with two or more) is
 *     held out.</li>
 * <li>Each epoch visits the training images in a seeded random order in mini-batches; with augmentation each image
 *     gets a random one of the 8 flips and quarter turns (particles have no orientation). Loss: softmax cross
 *     entropy; optimiser: Adam with fixed learning rate and L2 weight decay; weights: He-normal
 *     ({@code XavierInitializer(GAUSSIAN, IN, 2)}), seeded through {@code Engine.setRandomSeed}.</li>
 * <li>Before the first update, the loss and accuracy of the initialised network on the training images are
 *     recorded as the baseline. After each epoch the validation loss and accuracy are measured (inference mode,
 *     batch-norm running statistics). The parameters of the epoch with the lowest validation loss are kept.
 *     Training stops after {@link Settings#patience()} epochs without a lower validation loss, at
 *     {@link Settings#maxEpochs()}, when {@link Settings#maxSeconds()} (if set) is exceeded, or when the training
 *     loss is not finite. Without a validation set every epoch is trained and the last one is kept.</li>
 * </ol>
 *
 * <h2>Why these defaults and not the paper's</h2>
 * The paper fine-tunes an ImageNet-pretrained ResNet-50 (lr 2e-6, batch 64, 256 -> 224 input, early stopping).
 * SegRank has no pretrained weights (no model hub) and must train in about two minutes on two CPU cores, so CNN-P
 * here is a compact ResNet (16-32-64-128, one block per stage, 128 px) trained from scratch: a learning rate of
 * 2e-6 would barely move randomly initialised weights, so Adam's usual 1e-3 is used; batch 32 gives ~12 updates per
 * epoch on 450 images (batch 64 would give 6); flips and quarter turns stand in for the variety a pretrained
 * network brings. Measured here (synthetic particle images, 450 of 128 px, 5 classes, 360 trained and 90 held
 * out): 20 epochs until early stopping, 36 s on two cores (1.8 s per epoch), about 3 s per epoch on one core.
 *
 * <h2>Output file</h2>
 * {@link #train} writes the architecture, the class names, the preprocessing, the {@link TrainingReport} as JSON,
 * then DJL's {@code Block.saveParameters} of the classifier (see {@link CnnPExtractor#load}).
 */
public final class ClassifierFineTuning {

    /** First bytes of a CNN-P parameter file. */
    static final String MAGIC = "SEGRANK-CNNP";
    /** Layout version of the file. */
    static final int FILE_VERSION = 1;

    private ClassifierFineTuning() {
    }

    /**
     * Training settings.
     *
     * @param inputSize side of the network input, px (images: shorter side resized to it, centre square crop)
     * @param widths channels of the residual stages; the embedding has the last one
     * @param blocksPerStage residual blocks per stage
     * @param batchSize images per update
     * @param learningRate Adam's learning rate
     * @param weightDecay L2 weight decay
     * @param maxEpochs the most epochs
     * @param patience epochs without a lower validation loss before stopping
     * @param validationFraction fraction of each class held out for early stopping, in {@code [0, 0.5]}
     * @param augment whether to apply random flips and quarter turns
     * @param seed seed of the weights (its low 32 bits, through {@code Engine.setRandomSeed}), the split, the order
     *        and the augmentation
     * @param maxSeconds stop after the epoch during which this many seconds passed; 0 for no limit (a limit makes the
     *        result depend on the machine's speed)
     */
    public record Settings(int inputSize, List<Integer> widths, int blocksPerStage, int batchSize, float learningRate,
            float weightDecay, int maxEpochs, int patience, double validationFraction, boolean augment, long seed,
            double maxSeconds) {

        public Settings {
            widths = List.copyOf(widths);
            if (batchSize < 1 || maxEpochs < 1 || patience < 1 || !(learningRate > 0) || !(weightDecay >= 0)
                    || !(validationFraction >= 0 && validationFraction <= 0.5) || !(maxSeconds >= 0)) {
                throw new IllegalArgumentException("invalid training settings: " + this);
            }
            new CompactResNet.Architecture(inputSize, widths, blocksPerStage, 2); // validates the shape
        }

        /** Input 128 px, widths 16-32-64-128, one block per stage, batch 32, Adam 1e-3, weight decay 1e-4, at most
         * 30 epochs, patience 5, 20 % validation, augmentation, seed 42, no time limit. */
        public static Settings defaults() {
            return new Settings(128, List.of(16, 32, 64, 128), 1, 32, 1e-3f, 1e-4f, 30, 5, 0.2, true, 42, 0);
        }

        /**
         * Defaults for {@link ClassifierFineTuning#fineTune}: batch 16, Adam 1e-4, weight decay 1e-4, at most 10
         * epochs, patience 3, 20 % validation, augmentation, seed 42 (the architecture fields are unused). The
         * paper's values, lr 2e-6 and batch 64, suit a GPU and hundreds of epochs.
         */
        public static Settings fineTuningDefaults() {
            return new Settings(224, List.of(16, 32, 64, 128), 1, 16, 1e-4f, 1e-4f, 10, 3, 0.2, true, 42, 0);
        }

        public Settings withSeed(long newSeed) {
            return new Settings(inputSize, widths, blocksPerStage, batchSize, learningRate, weightDecay, maxEpochs,
                    patience, validationFraction, augment, newSeed, maxSeconds);
        }

        public Settings withEpochs(int newMaxEpochs, int newPatience) {
            return new Settings(inputSize, widths, blocksPerStage, batchSize, learningRate, weightDecay, newMaxEpochs,
                    newPatience, validationFraction, augment, seed, maxSeconds);
        }

        public Settings withInputSize(int newInputSize) {
            return new Settings(newInputSize, widths, blocksPerStage, batchSize, learningRate, weightDecay, maxEpochs,
                    patience, validationFraction, augment, seed, maxSeconds);
        }

        public Settings withBatchSize(int newBatchSize) {
            return new Settings(inputSize, widths, blocksPerStage, newBatchSize, learningRate, weightDecay, maxEpochs,
                    patience, validationFraction, augment, seed, maxSeconds);
        }

        public Settings withValidationFraction(double fraction) {
            return new Settings(inputSize, widths, blocksPerStage, batchSize, learningRate, weightDecay, maxEpochs,
                    patience, fraction, augment, seed, maxSeconds);
        }

        public Settings withMaxSeconds(double seconds) {
            return new Settings(inputSize, widths, blocksPerStage, batchSize, learningRate, weightDecay, maxEpochs,
                    patience, validationFraction, augment, seed, seconds);
        }

        /** Compact JSON with a fixed key order. */
        public String toJson() {
            return "{\"input_size\":" + inputSize + ",\"widths\":" + widths.toString().replace(" ", "")
                    + ",\"blocks_per_stage\":" + blocksPerStage + ",\"batch_size\":" + batchSize
                    + ",\"optimizer\":\"adam\",\"learning_rate\":" + number(learningRate) + ",\"weight_decay\":"
                    + number(weightDecay) + ",\"max_epochs\":" + maxEpochs + ",\"patience\":" + patience
                    + ",\"validation_fraction\":" + number(validationFraction) + ",\"augment\":" + augment
                    + ",\"seed\":" + seed + ",\"max_seconds\":" + number(maxSeconds) + "}";
        }
    }

    /** One epoch: mean training loss and accuracy (training mode, augmented), validation figures (NaN if none). */
    public record EpochRecord(int epoch, double trainLoss, double trainAccuracy, double validationLoss,
            double validationAccuracy, double seconds) {

        String toJson() {
            return "{\"epoch\":" + epoch + ",\"train_loss\":" + number(trainLoss) + ",\"train_accuracy\":"
                    + number(trainAccuracy) + ",\"validation_loss\":" + number(validationLoss)
                    + ",\"validation_accuracy\":" + number(validationAccuracy) + ",\"seconds\":" + number(seconds)
                    + "}";
        }
    }

    /**
     * What a training run did.
     *
     * @param method what was trained: from scratch, or fine-tuned from which backbone file
     * @param classes class names; index = the network's output position
     * @param initialLoss loss of the initialised network on the training images (inference mode, no augmentation)
     * @param initialAccuracy its accuracy there: the baseline the epochs improve on
     * @param bestEpoch the epoch whose parameters were saved (1-based)
     * @param stopReason why training ended
     * @param preprocessingSeconds time to preprocess the images
     * @param trainingSeconds time of the epochs (training and validation)
     * @param engine the DJL engines and threads in force
     */
    public record TrainingReport(String method, Settings settings, List<String> classes, int trainImages, int validationImages,
            double initialLoss, double initialAccuracy, List<EpochRecord> epochs, int bestEpoch, String stopReason,
            double preprocessingSeconds, double trainingSeconds, String engine) {

        public TrainingReport {
            classes = List.copyOf(classes);
            epochs = List.copyOf(epochs);
        }

        /** The seed of the run. */
        public long seed() {
            return settings.seed();
        }

        /** The record of the saved epoch. */
        public EpochRecord best() {
            return epochs.get(bestEpoch - 1);
        }

        /** Compact JSON with a fixed key order. */
        public String toJson() {
            StringBuilder text = new StringBuilder("{\"method\":\"").append(Hashing.jsonEscape(method))
                    .append("\",\"seed\":").append(settings.seed()).append(",\"settings\":").append(settings.toJson()).append(",\"classes\":[");
            for (int i = 0; i < classes.size(); i++) {
                text.append(i == 0 ? "" : ",").append('"').append(Hashing.jsonEscape(classes.get(i))).append('"');
            }
            text.append("],\"train_images\":").append(trainImages).append(",\"validation_images\":")
                    .append(validationImages).append(",\"initial_train_loss\":").append(number(initialLoss))
                    .append(",\"initial_train_accuracy\":").append(number(initialAccuracy)).append(",\"epochs\":[");
            for (int i = 0; i < epochs.size(); i++) {
                text.append(i == 0 ? "" : ",").append(epochs.get(i).toJson());
            }
            return text.append("],\"best_epoch\":").append(bestEpoch).append(",\"stop_reason\":\"")
                    .append(Hashing.jsonEscape(stopReason)).append("\",\"preprocessing_seconds\":")
                    .append(number(preprocessingSeconds)).append(",\"training_seconds\":")
                    .append(number(trainingSeconds)).append(",\"engine\":\"").append(Hashing.jsonEscape(engine))
                    .append("\"}").toString();
        }
    }

    /** Follows a training run: each finished epoch, and whether to stop (checked before every batch). */
    public interface Monitor {
        /** Silent, never cancelled. */
        Monitor NONE = new Monitor() {
        };

        /** Epoch {@code epoch} of at most {@code maxEpochs} finished with these mean losses (NaN: no validation). */
        default void epochFinished(int epoch, int maxEpochs, double trainLoss, double validationLoss) {
        }

        default boolean cancelled() {
            return false;
        }
    }

    /** {@link #train(List, List, Settings, Path, Monitor)} without a monitor. */
    public static TrainingReport train(List<BufferedImage> images, List<String> labels, Settings settings,
            Path output) throws IOException {
        return train(images, labels, settings, output, Monitor.NONE);
    }

    /**
     * Trains a classifier and writes it to {@code output} (replaced atomically).
     *
     * @param images the training images (any size; grey or colour)
     * @param labels one class name per image; at least two classes
     * @throws InvalidInputException if the lists differ in length, are empty, or there are fewer than two classes
     * @throws IOException if the file cannot be written
     * @throws java.util.concurrent.CancellationException when {@code monitor} cancels; {@code output} is untouched
     */
    public static TrainingReport train(List<BufferedImage> images, List<String> labels, Settings settings,
            Path output, Monitor monitor) throws IOException {
        Objects.requireNonNull(output, "output");
        Preprocessing preprocessing = Preprocessing.square(settings.inputSize());
        Prepared data = prepare(images, labels, preprocessing);
        EngineVersions engines = DjlEngines.ensureInitialized();
        CompactResNet.Architecture architecture = new CompactResNet.Architecture(settings.inputSize(),
                settings.widths(), settings.blocksPerStage(), data.classes().size());
        Engine.getEngine(DjlEngines.PYTORCH).setRandomSeed((int) settings.seed());
        SequentialBlock classifier = CompactResNet.classifier(architecture);
        Fit fit;
        try (Model model = Model.newInstance("cnn-p", BackboneFileExtractor.device(engines.settings()),
                DjlEngines.PYTORCH)) {
            model.setBlock(classifier);
            fit = fit(model, architecture.inputShape(1), data, settings, preprocessing, () -> parameters(classifier),
                    monitor);
        }
        TrainingReport report = fit.report("cnn-p compact resnet from scratch", settings, data, engines);
        write(output, architecture, data.classes(), preprocessing, report, fit.bestParameters());
        return report;
    }

    /**
     * CNN-P as in the paper: fine-tunes a pretrained TorchScript backbone (output {@code N x C} or
     * {@code N x C x H x W}, as for {@link BackboneFileExtractor}) with a new linear head, all weights trainable, and
     * writes the fine-tuned backbone (without the head) as a TorchScript file to {@code output} and the
     * {@link TrainingReport} as JSON to {@code output + ".json"}. Its features are the penultimate layer of the
     * classifier: load {@code output} with {@link BackboneFileExtractor} and the same preprocessing.
     *
     * <p>The architecture fields of {@code settings} ({@code inputSize}, {@code widths}, {@code blocksPerStage}) are
     * not used: the backbone is what it is, its input is {@code preprocessing}'s crop. A traced backbone keeps the
     * batch-norm mode it was traced in (running statistics frozen for a model traced in eval mode); a scripted one
     * follows training and inference mode. On two CPU cores a ResNet-50 takes minutes per epoch even for a few
     * hundred images: the paper's procedure (lr 2e-6, batch 64) is only practical with a GPU.
     *
     * @throws NoSuchFileException if the backbone file does not exist
     * @throws BackboneException if it cannot be loaded for training
     */
    public static TrainingReport fineTune(Path backbone, List<BufferedImage> images, List<String> labels,
            Settings settings, Preprocessing preprocessing, Path output) throws IOException {
        return fineTune(backbone, images, labels, settings, preprocessing, output, Monitor.NONE);
    }

    /**
     * {@link #fineTune(Path, List, List, Settings, Preprocessing, Path)} followed by {@code monitor}.
     *
     * @throws java.util.concurrent.CancellationException when {@code monitor} cancels; {@code output} is untouched
     */
    public static TrainingReport fineTune(Path backbone, List<BufferedImage> images, List<String> labels,
            Settings settings, Preprocessing preprocessing, Path output, Monitor monitor) throws IOException {
        Objects.requireNonNull(backbone, "backbone");
        Objects.requireNonNull(output, "output");
        Prepared data = prepare(images, labels, preprocessing);
        EngineVersions engines = DjlEngines.ensureInitialized();
        if (!Files.isRegularFile(backbone)) {
            throw new NoSuchFileException(backbone.toString(), null, "backbone file not found");
        }
        String sha = Hashing.sha256(backbone);
        Engine.getEngine(DjlEngines.PYTORCH).setRandomSeed((int) settings.seed());
        Fit fit;
        try (Model model = Model.newInstance("cnn-p-fine-tuned", BackboneFileExtractor.device(engines.settings()),
                DjlEngines.PYTORCH)) {
            Thread thread = Thread.currentThread();
            ClassLoader saved = thread.getContextClassLoader();
            thread.setContextClassLoader(DjlEngines.defaultEngineLoader());
            try {
                model.load(backbone, null, Map.of("mapLocation", "true", "trainParam", "true"));
            } catch (MalformedModelException | RuntimeException e) {
                throw new BackboneException("TorchScript backbone " + backbone + " cannot be loaded for training by "
                        + "DJL's PyTorch engine: " + BackboneException.explain(e), e);
            } finally {
                thread.setContextClassLoader(saved);
            }
            if (!(model.getBlock() instanceof PtSymbolBlock body)) {
                throw new BackboneException("TorchScript backbone " + backbone + " did not load as a TorchScript "
                        + "module");
            }
            body.freezeParameters(false); // every weight is trained, as in the paper
            SequentialBlock classifier = new SequentialBlock()
                    .add(new TrainableTorchScript(body))
                    .add(list -> {
                        NDArray x = list.singletonOrThrow();
                        return new NDList(x.getShape().dimension() == 4 ? x.mean(new int[] {3}).mean(new int[] {2})
                                : x);
                    })
                    .add(Linear.builder().setUnits(data.classes().size()).build());
            model.setBlock(classifier);
            fit = fit(model, new Shape(1, 3, preprocessing.cropSize(), preprocessing.cropSize()), data, settings,
                    preprocessing, () -> {
                        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
                        JniUtils.writeModule(body, bytes, false);
                        return bytes.toByteArray();
                    }, monitor);
        }
        TrainingReport report = fit.report("cnn-p fine-tuned from " + backbone.getFileName() + " (sha256 " + sha
                + ")", settings, data, engines);
        writeAtomically(output, fit.bestParameters());
        writeAtomically(output.resolveSibling(output.getFileName() + ".json"),
                (report.toJson() + "\n").getBytes(StandardCharsets.UTF_8));
        return report;
    }

    /** Images preprocessed to 8-bit planes, class indices, class names. */
    private record Prepared(List<String> classes, List<byte[][]> planes, int[] y, double seconds) {
    }

    private static Prepared prepare(List<BufferedImage> images, List<String> labels, Preprocessing preprocessing) {
        Objects.requireNonNull(images, "images");
        Objects.requireNonNull(labels, "labels");
        Objects.requireNonNull(preprocessing, "preprocessing");
        if (images.size() != labels.size()) {
            throw new InvalidInputException("training images", "", images.size() + " images but " + labels.size()
                    + " labels");
        }
        List<String> classes = new ArrayList<>(new TreeSet<>(labels));
        if (classes.size() < 2) {
            throw new InvalidInputException("training images", "", "need at least two classes, got " + classes);
        }
        Map<String, Integer> index = new TreeMap<>();
        for (int i = 0; i < classes.size(); i++) {
            index.put(classes.get(i), i);
        }
        long start = System.nanoTime();
        List<byte[][]> planes = new ArrayList<>(images.size());
        int[] y = new int[images.size()];
        for (int i = 0; i < images.size(); i++) {
            planes.add(preprocessing.cropPlanes(Objects.requireNonNull(images.get(i), "image " + i)));
            y[i] = index.get(Objects.requireNonNull(labels.get(i), "label " + i));
        }
        return new Prepared(classes, planes, y, (System.nanoTime() - start) / 1e9);
    }

    /** Serialises the parameters to keep. */
    @FunctionalInterface
    private interface Snapshot {
        byte[] take() throws IOException;
    }

    /** The outcome of {@link #fit}. */
    private record Fit(int trainImages, int validationImages, double[] initial, List<EpochRecord> epochs,
            int bestEpoch, String stopReason, byte[] bestParameters, double seconds) {

        TrainingReport report(String method, Settings settings, Prepared data, EngineVersions engines) {
            return new TrainingReport(method, settings, data.classes(), trainImages, validationImages, initial[0],
                    initial[1], epochs, bestEpoch, stopReason, data.seconds(), seconds, engines.toString());
        }
    }

    /** The training loop shared by {@link #train} and {@link #fineTune}; see the class comment. */
    private static Fit fit(Model model, Shape initialShape, Prepared data, Settings settings,
            Preprocessing preprocessing, Snapshot snapshot, Monitor monitor) throws IOException {
        Random random = new Random(settings.seed());
        List<Integer> train = new ArrayList<>();
        List<Integer> validation = new ArrayList<>();
        split(data.y(), data.classes().size(), settings.validationFraction(), random, train, validation);
        List<byte[][]> planes = data.planes();
        int[] y = data.y();
        Device device = model.getNDManager().getDevice();
        List<EpochRecord> epochs = new ArrayList<>();
        byte[] bestParameters = null;
        int bestEpoch = 0;
        double bestLoss = Double.POSITIVE_INFINITY;
        String stopReason = "max epochs (" + settings.maxEpochs() + ")";
        long trainingStart = System.nanoTime();
        boolean savedGradMode = JniUtils.isGradMode();
        double[] initial;
        DefaultTrainingConfig config = new DefaultTrainingConfig(new SoftmaxCrossEntropyLoss())
                .optOptimizer(Optimizer.adam().optLearningRateTracker(Tracker.fixed(settings.learningRate()))
                        .optWeightDecays(settings.weightDecay()).build())
                .optInitializer(new XavierInitializer(XavierInitializer.RandomType.GAUSSIAN,
                        XavierInitializer.FactorType.IN, 2), Parameter.Type.WEIGHT)
                .optDevices(new Device[] {device});
        try (Trainer trainer = model.newTrainer(config)) {
            trainer.initialize(initialShape);
            JniUtils.setGradMode(false);
            initial = evaluate(trainer, planes, y, train, preprocessing);
            int sinceBest = 0;
            for (int epoch = 1; epoch <= settings.maxEpochs(); epoch++) {
                long epochStart = System.nanoTime();
                Collections.shuffle(train, random);
                double[] trainFigures = trainEpoch(trainer, planes, y, train, settings, preprocessing, random, monitor);
                double[] validationFigures = validation.isEmpty() ? new double[] {Double.NaN, Double.NaN}
                        : evaluate(trainer, planes, y, validation, preprocessing);
                epochs.add(new EpochRecord(epoch, trainFigures[0], trainFigures[1], validationFigures[0],
                        validationFigures[1], (System.nanoTime() - epochStart) / 1e9));
                monitor.epochFinished(epoch, settings.maxEpochs(), trainFigures[0], validationFigures[0]);
                if (!Double.isFinite(trainFigures[0])) {
                    stopReason = "diverged: the training loss is not finite";
                    break;
                }
                double loss = validation.isEmpty() ? trainFigures[0] : validationFigures[0];
                if (validation.isEmpty() || loss < bestLoss) {
                    bestLoss = loss;
                    bestEpoch = epoch;
                    bestParameters = snapshot.take();
                    sinceBest = 0;
                } else if (++sinceBest >= settings.patience()) {
                    stopReason = "early stopping: no lower validation loss for " + settings.patience() + " epochs";
                    break;
                }
                if (settings.maxSeconds() > 0 && (System.nanoTime() - trainingStart) / 1e9 > settings.maxSeconds()) {
                    stopReason = "time limit (" + number(settings.maxSeconds()) + " s)";
                    break;
                }
            }
            if (bestParameters == null) {
                // no epoch gave a finite loss: keep the last parameters, the report says why
                bestParameters = snapshot.take();
                bestEpoch = epochs.size();
            }
        } finally {
            JniUtils.setGradMode(savedGradMode);
        }
        return new Fit(train.size(), validation.size(), initial, epochs, bestEpoch, stopReason, bestParameters,
                (System.nanoTime() - trainingStart) / 1e9);
    }

    /** Stratified split: a fraction of every class with two or more images (at least one) goes to validation. */
    static void split(int[] y, int classes, double fraction, Random random, List<Integer> train,
            List<Integer> validation) {
        for (int c = 0; c < classes; c++) {
            List<Integer> members = new ArrayList<>();
            for (int i = 0; i < y.length; i++) {
                if (y[i] == c) {
                    members.add(i);
                }
            }
            Collections.shuffle(members, random);
            int held = fraction <= 0 || members.size() < 2 ? 0
                    : Math.max(1, Math.min(members.size() - 1, (int) Math.round(fraction * members.size())));
            validation.addAll(members.subList(0, held));
            train.addAll(members.subList(held, members.size()));
        }
        Collections.sort(train);
        Collections.sort(validation);
    }

    /** Mean loss and accuracy over the epoch's batches, in training mode. */
    private static double[] trainEpoch(Trainer trainer, List<byte[][]> planes, int[] y, List<Integer> order,
            Settings settings, Preprocessing preprocessing, Random random, Monitor monitor) {
        double lossSum = 0;
        long correct = 0;
        for (int from = 0; from < order.size(); from += settings.batchSize()) {
            if (monitor.cancelled()) {
                throw new java.util.concurrent.CancellationException("CNN-P training cancelled; nothing was written");
            }
            List<Integer> batch = order.subList(from, Math.min(order.size(), from + settings.batchSize()));
            // the batch's inputs, activations and gradients of activations live in this sub-manager
            try (NDManager manager = trainer.getManager().newSubManager()) {
                NDArray x = manager.create(batchInput(planes, batch, preprocessing, settings.augment() ? random : null),
                        new Shape(batch.size(), 3, preprocessing.cropSize(), preprocessing.cropSize()));
                NDArray labels = manager.create(labels(y, batch));
                try (GradientCollector collector = trainer.newGradientCollector()) {
                    NDArray logits = trainer.forward(new NDList(x)).singletonOrThrow();
                    NDArray loss = trainer.getLoss().evaluate(new NDList(labels), new NDList(logits));
                    collector.backward(loss);
                    lossSum += loss.getFloat() * batch.size();
                    correct += logits.argMax(1).eq(labels).sum().getLong();
                }
                trainer.step();
            }
        }
        return new double[] {lossSum / order.size(), (double) correct / order.size()};
    }

    /** Mean loss and accuracy in inference mode (batch-norm running statistics, no autograd). */
    private static double[] evaluate(Trainer trainer, List<byte[][]> planes, int[] y, List<Integer> images,
            Preprocessing preprocessing) {
        double lossSum = 0;
        long correct = 0;
        for (int from = 0; from < images.size(); from += 64) {
            List<Integer> batch = images.subList(from, Math.min(images.size(), from + 64));
            try (NDManager manager = trainer.getManager().newSubManager()) {
                NDArray x = manager.create(batchInput(planes, batch, preprocessing, null),
                        new Shape(batch.size(), 3, preprocessing.cropSize(), preprocessing.cropSize()));
                NDArray labels = manager.create(labels(y, batch));
                NDArray logits = trainer.evaluate(new NDList(x)).singletonOrThrow();
                lossSum += trainer.getLoss().evaluate(new NDList(labels), new NDList(logits)).getFloat()
                        * batch.size();
                correct += logits.argMax(1).eq(labels).sum().getLong();
            }
        }
        return new double[] {lossSum / images.size(), (double) correct / images.size()};
    }

    private static long[] labels(int[] y, List<Integer> batch) {
        long[] labels = new long[batch.size()];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = y[batch.get(i)];
        }
        return labels;
    }

    /**
     * The normalised CHW input of a batch; with {@code augmentation}, each image gets a random one of the 8 flips
     * and quarter turns of the square.
     */
    static float[] batchInput(List<byte[][]> planes, List<Integer> batch, Preprocessing preprocessing,
            Random augmentation) {
        int side = preprocessing.cropSize();
        int plane = side * side;
        float[] input = new float[batch.size() * 3 * plane];
        float[][] table = new float[3][256];
        for (int c = 0; c < 3; c++) {
            for (int v = 0; v < 256; v++) {
                table[c][v] = (v / 255f - preprocessing.mean().get(c)) / preprocessing.std().get(c);
            }
        }
        for (int b = 0; b < batch.size(); b++) {
            byte[][] image = planes.get(batch.get(b));
            int transform = augmentation == null ? 0 : augmentation.nextInt(8);
            boolean flipX = (transform & 1) != 0;
            boolean flipY = (transform & 2) != 0;
            boolean transpose = (transform & 4) != 0;
            for (int c = 0; c < 3; c++) {
                byte[] source = image[image.length == 1 ? 0 : c];
                float[] values = table[c];
                int out = (b * 3 + c) * plane;
                for (int row = 0; row < side; row++) {
                    for (int column = 0; column < side; column++) {
                        int sy = transpose ? column : row;
                        int sx = transpose ? row : column;
                        if (flipX) {
                            sx = side - 1 - sx;
                        }
                        if (flipY) {
                            sy = side - 1 - sy;
                        }
                        input[out++] = values[source[sy * side + sx] & 0xFF];
                    }
                }
            }
        }
        return input;
    }

    private static byte[] parameters(SequentialBlock classifier) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            classifier.saveParameters(out);
        }
        return bytes.toByteArray();
    }

    private static void write(Path output, CompactResNet.Architecture architecture, List<String> classes,
            Preprocessing preprocessing, TrainingReport report, byte[] parameters) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(parameters.length + 4096);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeUTF(MAGIC);
            out.writeInt(FILE_VERSION);
            out.writeInt(architecture.inputSize());
            out.writeInt(architecture.widths().size());
            for (int width : architecture.widths()) {
                out.writeInt(width);
            }
            out.writeInt(architecture.blocksPerStage());
            out.writeInt(classes.size());
            for (String name : classes) {
                out.writeUTF(name);
            }
            out.writeInt(preprocessing.resizeShorterSide());
            out.writeInt(preprocessing.cropSize());
            for (int c = 0; c < 3; c++) {
                out.writeFloat(preprocessing.mean().get(c));
            }
            for (int c = 0; c < 3; c++) {
                out.writeFloat(preprocessing.std().get(c));
            }
            byte[] json = report.toJson().getBytes(StandardCharsets.UTF_8);
            out.writeInt(json.length);
            out.write(json);
            out.write(parameters);
        }
        writeAtomically(output, bytes.toByteArray());
    }

    /** Writes a file through a temporary sibling and an atomic rename. */
    private static void writeAtomically(Path output, byte[] content) throws IOException {
        Path parent = output.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        Path temp = parent.resolve(output.getFileName() + "." + Long.toHexString(System.nanoTime()) + ".tmp");
        try {
            try (OutputStream file = Files.newOutputStream(temp, StandardOpenOption.CREATE_NEW,
                    StandardOpenOption.WRITE)) {
                file.write(content);
            }
            Files.move(temp, output, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    static String number(double value) {
        if (!Double.isFinite(value)) {
            return "null";
        }
        return String.format(Locale.ROOT, "%.6g", value);
    }
}
