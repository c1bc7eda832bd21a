package org.segrank.segmenters;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.training.Trainer;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;

/**
 * Trains the compact segmenter with DJL's PyTorch engine: a base network on a broad mix of images, then
 * transfer learning of the head alone for one subset (the encoder frozen, its output computed once per image).
 *
 * <p>Deterministic for a given seed and input on one machine: the engine's random seed, the crop positions and
 * flips all come from the seed. (PyTorch's CPU kernels may still differ in the last bits between thread counts.)
 */
public final class CompactTraining {

    /** One training image and its targets at the working scale. */
    public record Example(WorkingImage image, TrainingTargets targets) {
        public Example {
            Objects.requireNonNull(image, "image");
            Objects.requireNonNull(targets, "targets");
        }
    }

    /** Progress: step done of steps, the latest loss. */
    @FunctionalInterface
    public interface Progress {
        void step(int done, int total, double loss);
    }

    /** What a training run produced: the network's parameters and how it went. */
    public record Result(byte[] parameters, int steps, double firstLoss, double lastLoss, double seconds) {
    }

    private CompactTraining() {
    }

    /**
     * Trains every layer from random initialisation on random crops of the examples.
     *
     * @throws CancellationException when {@code cancelled} says so between steps
     */
    public static Result trainBase(List<Example> examples, CompactSettings.Base settings, long seed, Progress progress,
            BooleanSupplier cancelled) {
        requireExamples(examples, settings.crop());
        long start = System.nanoTime();
        Engine engine = Engine.getEngine("PyTorch");
        engine.setRandomSeed((int) seed);
        SplittableRandom random = new SplittableRandom(seed);
        try (NDManager manager = engine.newBaseManager(Device.cpu()); Model model = Model.newInstance("compact-base", Device.cpu(), "PyTorch")) {
            CompactNet net = new CompactNet();
            model.setBlock(net);
            DefaultTrainingConfig config = new DefaultTrainingConfig(Loss.l2Loss())
                    .optOptimizer(Optimizer.adam().optLearningRateTracker(Tracker.fixed((float) settings.learningRate())).build());
            try (Trainer trainer = model.newTrainer(config)) {
                int crop = settings.crop();
                trainer.initialize(new Shape(settings.batch(), 1, crop, crop));
                double first = Double.NaN;
                double last = Double.NaN;
                for (int step = 0; step < settings.steps(); step++) {
                    checkCancelled(cancelled);
                    try (NDManager batchManager = trainer.getManager().newSubManager()) {
                        Batch batch = cropBatch(examples, settings.batch(), crop, random, settings.contrastJitter());
                        NDArray x = batchManager.create(batch.pixels, new Shape(settings.batch(), 1, crop, crop));
                        NDArray targets = batchManager.create(batch.targets, new Shape(settings.batch(), 2, crop, crop));
                        double loss;
                        try (GradientCollector collector = trainer.newGradientCollector()) {
                            NDArray logits = trainer.forward(new NDList(x)).singletonOrThrow();
                            NDArray l = bceWithLogits(logits, targets);
                            collector.backward(l);
                            loss = l.getFloat();
                        }
                        trainer.step();
                        if (step == 0) {
                            first = loss;
                        }
                        last = loss;
                        progress.step(step + 1, settings.steps(), loss);
                    }
                }
                return new Result(save(net), settings.steps(), first, last, (System.nanoTime() - start) / 1e9);
            }
        }
    }

    /**
     * Starts from the base parameters and trains the head only, on whole working images (the encoder's output
     * is computed once per image and flipped copies reuse it mirrored).
     */
    public static Result fineTuneHead(byte[] baseParameters, List<Example> examples, CompactSettings.FineTune settings,
            long seed, Progress progress, BooleanSupplier cancelled) {
        if (examples.isEmpty()) {
            throw new IllegalArgumentException("no fine-tuning examples");
        }
        long start = System.nanoTime();
        Engine engine = Engine.getEngine("PyTorch");
        engine.setRandomSeed((int) seed);
        SplittableRandom random = new SplittableRandom(seed);
        try (Model model = Model.newInstance("compact-head", Device.cpu(), "PyTorch")) {
            NDManager manager = model.getNDManager();
            WorkingImage firstImage = examples.get(0).image();
            CompactNet net = load(manager, baseParameters, firstImage.height(), firstImage.width());
            // encoder output once per image (inference mode: running BatchNorm statistics)
            List<NDList> features = new ArrayList<>();
            List<NDArray> targets = new ArrayList<>();
            ParameterStore store = new ParameterStore(manager, false);
            for (Example example : examples) {
                checkCancelled(cancelled);
                WorkingImage image = example.image();
                NDArray x = manager.create(image.pixels(), new Shape(1, 1, image.height(), image.width()));
                NDList encoded = net.encoder().forward(store, new NDList(x), false);
                encoded.forEach(a -> a.setRequiresGradient(false));
                features.add(encoded);
                float[] t = new float[2 * image.pixels().length];
                System.arraycopy(example.targets().foreground(), 0, t, 0, image.pixels().length);
                System.arraycopy(example.targets().interior(), 0, t, image.pixels().length, image.pixels().length);
                targets.add(manager.create(t, new Shape(1, 2, image.height(), image.width())));
                x.close();
            }
            model.setBlock(net.head());
            for (Parameter p : net.head().getParameters().values()) {
                p.getArray().setRequiresGradient(true);
            }
            DefaultTrainingConfig config = new DefaultTrainingConfig(Loss.l2Loss())
                    .optOptimizer(Optimizer.adam().optLearningRateTracker(Tracker.fixed((float) settings.learningRate())).build());
            double first = Double.NaN;
            double last = Double.NaN;
            try (Trainer trainer = model.newTrainer(config)) {
                for (int step = 0; step < settings.steps(); step++) {
                    checkCancelled(cancelled);
                    try (NDManager stepManager = trainer.getManager().newSubManager()) {
                        int i = random.nextInt(features.size());
                        NDList input = features.get(i);
                        NDArray target = targets.get(i);
                        if (random.nextBoolean()) {
                            // flipped copies belong to the step; the cached originals stay
                            input = new NDList(input.get(0).flip(3), input.get(1).flip(3));
                            target = target.flip(3);
                            input.attach(stepManager);
                            target.attach(stepManager);
                        }
                        double loss;
                        try (GradientCollector collector = trainer.newGradientCollector()) {
                            NDArray logits = trainer.forward(input).singletonOrThrow();
                            NDArray l = bceWithLogits(logits, target);
                            collector.backward(l);
                            loss = l.getFloat();
                        }
                        trainer.step();
                        if (step == 0) {
                            first = loss;
                        }
                        last = loss;
                        progress.step(step + 1, settings.steps(), loss);
                    }
                }
            }
            return new Result(save(net), settings.steps(), first, last, (System.nanoTime() - start) / 1e9);
        }
    }

    /** Mean binary cross-entropy over both channels, computed stably from logits. */
    static NDArray bceWithLogits(NDArray logits, NDArray targets) {
        return logits.maximum(0f).sub(logits.mul(targets)).add(logits.abs().neg().exp().add(1f).log()).mean();
    }

    static byte[] save(ai.djl.nn.Block block) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            block.saveParameters(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** SHA-256 (hex) of the encoder's parameters in a network's parameter bytes: equal digests share an encoder. */
    public static String encoderDigest(byte[] parameters) {
        try (NDManager manager = Engine.getEngine("PyTorch").newBaseManager(Device.cpu())) {
            CompactNet net = load(manager, parameters, 64, 64);
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                    .digest(save(net.encoder())));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A network with these parameters, its arrays owned by {@code manager}. */
    static CompactNet load(NDManager manager, byte[] parameters, int height, int width) {
        CompactNet net = new CompactNet();
        net.initialize(manager, DataType.FLOAT32, new Shape(1, 1, height, width));
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(parameters))) {
            net.loadParameters(manager, in);
        } catch (IOException | ai.djl.MalformedModelException e) {
            throw new IllegalArgumentException("compact segmenter parameters cannot be read: " + e.getMessage(), e);
        }
        for (Parameter p : net.getParameters().values()) {
            p.getArray().setRequiresGradient(false);
        }
        return net;
    }

    private static void requireExamples(List<Example> examples, int crop) {
        if (examples.isEmpty()) {
            throw new IllegalArgumentException("no training examples");
        }
        for (Example e : examples) {
            if (e.image().width() < crop || e.image().height() < crop) {
                throw new IllegalArgumentException("training image of " + e.image().width() + "x" + e.image().height()
                        + " working pixels is smaller than the " + crop + " px crop");
            }
        }
    }

    private static void checkCancelled(BooleanSupplier cancelled) {
        if (cancelled.getAsBoolean() || Thread.currentThread().isInterrupted()) {
            throw new CancellationException("training cancelled");
        }
    }

    private record Batch(float[] pixels, float[] targets) {
    }

    /** Random crops with random horizontal flips and contrast/brightness jitter (the paper's augmentations). */
    private static Batch cropBatch(List<Example> examples, int batch, int crop, SplittableRandom random, double jitter) {
        int area = crop * crop;
        float[] pixels = new float[batch * area];
        float[] targets = new float[batch * 2 * area];
        for (int b = 0; b < batch; b++) {
            Example e = examples.get(random.nextInt(examples.size()));
            WorkingImage image = e.image();
            int x0 = random.nextInt(image.width() - crop + 1);
            int y0 = random.nextInt(image.height() - crop + 1);
            boolean flip = random.nextBoolean();
            float contrast = (float) (1 + jitter * (2 * random.nextDouble() - 1));
            float brightness = (float) (jitter * (2 * random.nextDouble() - 1));
            for (int y = 0; y < crop; y++) {
                int src = (y0 + y) * image.width() + x0;
                for (int x = 0; x < crop; x++) {
                    int sx = flip ? crop - 1 - x : x;
                    int dst = y * crop + x;
                    pixels[b * area + dst] = image.pixels()[src + sx] * contrast + brightness;
                    targets[(2 * b) * area + dst] = e.targets().foreground()[src + sx];
                    targets[(2 * b + 1) * area + dst] = e.targets().interior()[src + sx];
                }
            }
        }
        return new Batch(pixels, targets);
    }
}
