package org.segrank.datasets.corpus;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Generates seeded, realistic particle micrographs with exact instance label maps.
 *
 * <p>Pipeline: draw the image's {@link ImagingConditions} and particle population from the regime's
 * ranges; render a smooth textured background; place and draw particles one by one (each as a signed
 * distance field: anti-aliased in the image, crisp in the labels, later particles occluding earlier
 * ones); blur; map to intensities with polarity, contrast, brightness and uneven illumination; add
 * shot and read noise; quantise to 8 bits. Particles are added until their nominal areas reach the
 * image's drawn coverage (or placement keeps failing).
 *
 * <p>Labels: a pixel belongs to the last-drawn particle whose outline contains the pixel centre, so each
 * label is exactly that instance's visible pixels (an instance cut in two by a fibre keeps one label).
 * Instances with fewer than {@link #minVisibleArea()} visible pixels (slivers left by occlusion or the
 * image border) are relabelled background; their pixels still show in the image, as real unannotatable
 * fragments do. The remaining instances are numbered {@code 1..n} in drawing order.
 *
 * <p>Determinism: the output is a pure function of {@code (regime, width, height, seed, minVisibleArea)}
 * and {@link #VERSION}. All randomness comes from one {@link java.util.SplittableRandom} seeded from the
 * seed and the regime name, arithmetic is IEEE (strict since Java 17) and transcendental functions go
 * through {@link StrictMath}, so results are bit-identical across runs, threads and platforms.
 * Instances are thread-safe (stateless).
 */
public final class ParticleImageGenerator {

    /** Bumped whenever the output for a given seed changes; recorded in corpus manifests. */
    public static final String VERSION = "1.0";

    /** Default minimum visible area of an instance, px. */
    public static final int DEFAULT_MIN_VISIBLE_AREA = 12;

    /** Label PNGs are 16-bit. */
    public static final int MAX_INSTANCES = 65_535;

    /**
     * Image sides accepted by {@link #generate}, px. Generation needs about 24 bytes per pixel of working
     * memory (32 for hair), e.g. 6 MB at 512 x 512 and 400 MB at the 4096 x 4096 maximum.
     */
    public static final int MIN_SIDE = 16;
    public static final int MAX_SIDE = 4096;

    private static final double MIN_BLUR_SIGMA = 0.3;
    private static final int MAX_CONSECUTIVE_PLACEMENT_FAILURES = 40;
    /** Scale of the slow background mottle, px: uneven staining/substrate on top of the kind's texture. */
    private static final double MOTTLE_SCALE = 160;
    private static final double CRUMB_PORE_MAX_RADIUS = 1.6;

    private final int minVisibleArea;

    /** A generator with the default minimum visible area of {@value #DEFAULT_MIN_VISIBLE_AREA} px. */
    public ParticleImageGenerator() {
        this(DEFAULT_MIN_VISIBLE_AREA);
    }

    /** @param minVisibleArea instances with fewer visible pixels are dropped; {@code >= 1} */
    public ParticleImageGenerator(int minVisibleArea) {
        if (minVisibleArea < 1) {
            throw new IllegalArgumentException("minVisibleArea must be >= 1, got " + minVisibleArea);
        }
        this.minVisibleArea = minVisibleArea;
    }

    public int minVisibleArea() {
        return minVisibleArea;
    }

    /**
     * Generates one image.
     *
     * @param regime what to draw
     * @param width image width in pixels, {@value #MIN_SIDE}..{@value #MAX_SIDE}
     * @param height image height in pixels, same bounds
     * @param seed any value; equal arguments give bit-identical images
     */
    public GeneratedImage generate(Regime regime, int width, int height, long seed) {
        Objects.requireNonNull(regime, "regime must not be null");
        if (width < MIN_SIDE || height < MIN_SIDE || width > MAX_SIDE || height > MAX_SIDE) {
            throw new IllegalArgumentException("image size must be within " + MIN_SIDE + ".." + MAX_SIDE + ", got "
                    + width + "x" + height);
        }
        RandomSource random = new RandomSource(RandomSource.derive(seed, regime.name()));
        ImagingConditions conditions = regime.sampleConditions(random);
        Canvas canvas = new Canvas(width, height);
        Noise.addValueNoise(canvas.scene, width, height, conditions.backgroundTextureScale(),
                conditions.backgroundTextureAmplitude(), 3, random);
        Noise.addValueNoise(canvas.scene, width, height, MOTTLE_SCALE, conditions.backgroundTextureAmplitude() / 2,
                1, random);

        if (regime.kind() == ParticleKind.BREAD_BUBBLES) {
            drawCrumbPores(canvas, random);
        }
        int[] unoccludedAreas = drawParticles(regime, canvas, random);
        List<InstanceInfo> instances = finishLabels(canvas, regime.kind(), unoccludedAreas);
        byte[] pixels = develop(canvas.scene, width, height, conditions, random);
        return new GeneratedImage(regime, seed, width, height, conditions, pixels, canvas.labels, instances);
    }

    /**
     * Bread crumb texture: pores of radius 0.8-1.6 px (under about 8 px, too small to be instances),
     * drawn unlabelled (id 0) before the bubbles.
     */
    private static void drawCrumbPores(Canvas canvas, RandomSource random) {
        double coverage = random.uniform(0.02, 0.07);
        int count = (int) (coverage * canvas.width * canvas.height / (StrictMath.PI * 1.2 * 1.2));
        double base = random.uniform(0.4, 0.7);
        float[] circular = new float[0];
        for (int i = 0; i < count; i++) {
            double radius = random.uniform(0.8, CRUMB_PORE_MAX_RADIUS);
            new BubbleShape(random.uniform(0, canvas.width), random.uniform(0, canvas.height), radius, circular,
                    circular, (float) (base * random.uniform(0.7, 1.1)), 0.2f, 0.7f, 0f, 0f, 0f, 0, radius + 0.5)
                    .draw(canvas, 0);
        }
    }

    /** @return unoccluded area per provisional id (index 0 unused), length = particles drawn + 1 */
    private static int[] drawParticles(Regime regime, Canvas canvas, RandomSource random) {
        int width = canvas.width;
        int height = canvas.height;
        ParticleSampler sampler = ParticleSampler.forRegime(regime, random);
        ParticleLayout layout = ParticleLayout.forRegime(regime, width, height, random);
        double targetArea = regime.coverageRange().sample(random) * width * height;
        double coveredArea = 0;
        int[] unoccluded = new int[64];
        int drawn = 0;
        int failures = 0;
        while (coveredArea < targetArea && drawn < MAX_INSTANCES && failures < MAX_CONSECUTIVE_PLACEMENT_FAILURES) {
            ParticleShape candidate = sampler.next(random, width, height);
            ParticleShape placed = switch (candidate) {
                case CompactShape compact -> layout.place(compact, random);
                case FibreShape fibre -> layout.accept(fibre) ? fibre : null;
            };
            if (placed == null) {
                failures++;
                continue;
            }
            failures = 0;
            drawn++;
            if (drawn == unoccluded.length) {
                unoccluded = Arrays.copyOf(unoccluded, drawn * 2);
            }
            unoccluded[drawn] = placed.draw(canvas, drawn);
            coveredArea += placed.nominalArea();
        }
        return Arrays.copyOf(unoccluded, drawn + 1);
    }

    /**
     * Drops instances below the minimum visible area, renumbers the rest {@code 1..n} in drawing order
     * and measures them.
     */
    private List<InstanceInfo> finishLabels(Canvas canvas, ParticleKind kind, int[] unoccludedAreas) {
        int[] labels = canvas.labels;
        int drawn = unoccludedAreas.length - 1;
        int[] visible = new int[drawn + 1];
        for (int label : labels) {
            visible[label]++;
        }
        int[] renumbered = new int[drawn + 1];
        int[] original = new int[drawn + 1];
        int count = 0;
        for (int id = 1; id <= drawn; id++) {
            if (visible[id] >= minVisibleArea) {
                renumbered[id] = ++count;
                original[count] = id;
            }
        }
        int width = canvas.width;
        int height = canvas.height;
        int[] minX = new int[count + 1];
        int[] minY = new int[count + 1];
        int[] maxX = new int[count + 1];
        int[] maxY = new int[count + 1];
        Arrays.fill(minX, Integer.MAX_VALUE);
        Arrays.fill(minY, Integer.MAX_VALUE);
        Arrays.fill(maxX, -1);
        Arrays.fill(maxY, -1);
        for (int y = 0; y < height; y++) {
            int row = y * width;
            for (int x = 0; x < width; x++) {
                int label = renumbered[labels[row + x]];
                labels[row + x] = label;
                if (label != 0) {
                    minX[label] = Math.min(minX[label], x);
                    maxX[label] = Math.max(maxX[label], x);
                    minY[label] = Math.min(minY[label], y);
                    maxY[label] = Math.max(maxY[label], y);
                }
            }
        }
        boolean[] touching = new boolean[count + 1];
        for (int y = 0; y < height; y++) {
            int row = y * width;
            for (int x = 0; x < width; x++) {
                int label = labels[row + x];
                if (label == 0) {
                    continue;
                }
                if (x + 1 < width) {
                    markIfTouching(touching, label, labels[row + x + 1]);
                }
                if (y + 1 < height) {
                    markIfTouching(touching, label, labels[row + width + x]);
                }
            }
        }
        List<InstanceInfo> instances = new ArrayList<>(count);
        for (int id = 1; id <= count; id++) {
            int source = original[id];
            instances.add(new InstanceInfo(id, kind, visible[source], unoccludedAreas[source], minX[id], minY[id],
                    maxX[id] - minX[id] + 1, maxY[id] - minY[id] + 1, touching[id]));
        }
        return instances;
    }

    private static void markIfTouching(boolean[] touching, int label, int neighbour) {
        if (neighbour != 0 && neighbour != label) {
            touching[label] = true;
            touching[neighbour] = true;
        }
    }

    /** Blur, intensity mapping, illumination, noise and quantisation; see {@link ImagingConditions}. */
    private static byte[] develop(float[] scene, int width, int height, ImagingConditions conditions,
            RandomSource random) {
        if (conditions.blurSigma() >= MIN_BLUR_SIGMA) {
            GaussianBlur.apply(scene, width, height, conditions.blurSigma());
        }
        double centreX = width / 2.0;
        double centreY = height / 2.0;
        double halfDiagonalSquared = centreX * centreX + centreY * centreY;
        double halfDiagonal = Math.sqrt(halfDiagonalSquared);
        float rampX = (float) (conditions.illuminationGradient() * StrictMath.cos(conditions.illuminationAngle())
                / halfDiagonal);
        float rampY = (float) (conditions.illuminationGradient() * StrictMath.sin(conditions.illuminationAngle())
                / halfDiagonal);
        float vignetting = (float) (conditions.vignetting() / halfDiagonalSquared);
        float brightness = (float) conditions.brightness();
        float signedContrast = (float) (conditions.polarity() == Polarity.DARK_ON_LIGHT ? -conditions.contrast()
                : conditions.contrast());
        double inversePhotons = 1 / conditions.fullScalePhotons();
        double readVariance = conditions.gaussianNoiseSigma() * conditions.gaussianNoiseSigma();
        byte[] pixels = new byte[width * height];
        for (int y = 0; y < height; y++) {
            float dy = (float) (y + 0.5 - centreY);
            int row = y * width;
            for (int x = 0; x < width; x++) {
                float dx = (float) (x + 0.5 - centreX);
                float illumination = 1f + rampX * dx + rampY * dy - vignetting * (dx * dx + dy * dy);
                double intensity = illumination * (brightness + signedContrast * scene[row + x]);
                double variance = Math.max(intensity, 0) * inversePhotons + readVariance;
                double noisy = intensity + Math.sqrt(variance) * random.fastGaussian();
                int level = (int) Math.floor(noisy * 255 + 0.5);
                pixels[row + x] = (byte) Math.max(0, Math.min(255, level));
            }
        }
        return pixels;
    }
}
