package org.segrank.features;

import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

import org.segrank.core.InvalidInputException;

/**
 * SegRank's offline default extractor: a {@value #DIMENSION}-value particle descriptor of intensity,
 * illumination, blur and noise, texture, morphology and particle appearance. It needs no model weights,
 * is deterministic (a pure function of the pixels and {@link #VERSION}) and takes about 20 ms for a
 * 512 x 512 image on one core. Instances are stateless and thread-safe.
 *
 * <h2>Pipeline</h2>
 * <ol>
 * <li><b>Grey levels.</b> The image becomes 8-bit grey levels (colour: BT.601 luma; deeper samples
 *     rescaled). Images need at least {@value #MIN_SIDE} x {@value #MIN_SIDE}
 *     pixels. Images with a side over {@value #MAX_WORKING_SIDE} px are reduced by an integer factor
 *     {@code f} (block averages) so that the long side is at most {@value #MAX_WORKING_SIDE} px (and the
 *     short side stays at least {@value #MIN_SIDE}): sizes, counts and distances are converted back to
 *     original pixels; texture is measured at the working resolution.</li>
 * <li><b>Noise and smoothing.</b> Noise sigma {@code s} (grey levels) by Immerkaer's operator with a
 *     median; the image is smoothed by 1, 2 or 3 passes of the binomial [1 2 1]/4 filter for
 *     {@code s < 2}, {@code < 12}, otherwise (exact integer arithmetic).</li>
 * <li><b>Polarity.</b> The smoothed image minus a robust quadratic fit to 8 x 8 block medians
 *     (BackgroundSurface) is skewed towards the particles (the minority phase): negative
 *     skewness means dark particles on a light background. The <i>canonical</i> image is the image
 *     itself for light particles and its negative {@code 255 - v} for dark ones, so particles are
 *     bright in it. Everything after this step is computed from the canonical image, which is
 *     bit-identical for an image and its negative: blocks {@code [BLUR_NOISE_START, DIMENSION)} are
 *     exactly invariant to a polarity flip (unless the skewness is within rounding of 0). Dense foams
 *     whose particles cover more than about half the field can be judged inverted.</li>
 * <li><b>Flat field.</b> The canonical background is a robust quadratic fit to the 20th percentile of
 *     each block (a low quantile still sees background in blocks mostly covered by particles); the
 *     flattened image is the smoothed canonical image minus that surface.</li>
 * <li><b>Foreground.</b> Pixels at or above {@code max(Otsu threshold, 5 x RMS of the negative
 *     flattened values)}: the second term keeps the threshold out of the background noise when there
 *     are few or no particles. 8-connected components under {@value #MIN_COMPONENT_AREA} working
 *     pixels are removed. Contrast {@code C} = mean flattened particle level minus mean background
 *     level (at least 1 grey level).</li>
 * </ol>
 *
 * <h2>Layout</h2>
 * Levels are grey levels 0..255 of the working image; "canonical" as above; {@code C} the contrast;
 * "px" original pixels. {@link #featureNames()} names every index.
 * <ul>
 * <li><b>Intensity</b> {@code [0, 25)}: 0 mean / 255; 1 standard deviation / 255; 2 polarity (+1 dark
 *     particles on light, -1 light on dark); 3-5 5th, 50th, 95th percentile / 255; 6-11 shape of the
 *     canonical distribution, robust to brightness and contrast: {@code (P_q - P_50) / (P_99 - P_1 + 1)}
 *     for q = 1, 5, 25, 75, 95, 99; 12-19 canonical histogram in 8 equal bins over
 *     {@code [P_1, P_99]} (open ends), square roots of the fractions; 20 skewness and 21
 *     {@code log10} kurtosis of the flattened image; 22 contrast {@code C / 255}; 23
 *     {@code log10(C / (s + 0.5))}, contrast to noise; 24 {@code (P_99 - P_1) / 255}.</li>
 * <li><b>Illumination</b> {@code [25, 29)}, from the background surface, relative to the background
 *     level {@code L} of the original (at least 8): 25 range over the image / L; 26 linear ramp from the
 *     centre to the middle of an edge / L; 27 radial curvature (negative: darker corners, vignetting)
 *     / L; 28 {@code log10(0.1 + robust spread of the block values around the surface)}: mottle.</li>
 * <li><b>Blur and noise</b> {@code [29, 34)}: 29 {@code log10(0.5 + s)}; 30 {@code log10(0.001 + s/C)};
 *     31 {@code log10(0.001 + var(Laplacian) / C^2)}; 32 high-frequency energy fraction
 *     {@code var(I - box3(I)) / var(I)}; 33 edge sharpness {@code log2} of the 99th percentile gradient
 *     at scale 1 over scale 2 (about 0 sharp, -1 blurred).</li>
 * <li><b>Texture</b> {@code [34, 75)} of the canonical image: 34-42 {@code log10(0.001 + g / C)} for
 *     the 50th, 90th, 99th percentile of the Sobel gradient magnitude g at scales 1, 2, 4 (2 x 2 block
 *     averages), scale-major; 43-52 and 53-62 rotation-invariant uniform LBP histograms (8 neighbours;
 *     bins: 0..8 set bits, non-uniform) at scales 1 and 2, square roots of the fractions; 63-74 grey-level
 *     co-occurrence (8 levels over {@code [P_1, P_99]}, horizontal and vertical pooled) at distances 1,
 *     2, 4, 8 px: contrast / 49, homogeneity, correlation, distance-major.</li>
 * <li><b>Morphology</b> {@code [75, 99)} of the foreground: 75 foreground fraction; 76
 *     {@code log10(1 + components per megapixel)}; 77-79 25th, 50th, 75th percentile of
 *     {@code log10(area px)} over components; 80-82 the same weighted by area (the size a random
 *     particle pixel belongs to, robust to specks); 83-85 {@code log2(1 + d)} for the mean distance to
 *     the background, its median along ridges (local maxima: typical half-width) and its 90th
 *     percentile, in px; 86-87 median and 90th percentile of {@code ln} elongation (principal axes
 *     ratio); 88-89 median and 10th percentile circularity {@code 4 pi A / P^2} (Crofton perimeter,
 *     capped at 1.5); 90-91 median and 10th percentile solidity (area / convex hull area); 92-93
 *     median and 75th percentile rectangularity (area / smallest rotated bounding rectangle); 94
 *     fraction of components with solidity below 0.8 (touching or merged blobs; curved fibres) and 95
 *     their share of the foreground area; 96 {@code log10(0.001 + perimeter / area)} in 1/px; 97
 *     coefficient of variation of the foreground fraction over a 4 x 4 grid (clustering); 98 fraction
 *     of components touching the image border. Shape statistics (86-93) use only components clear of
 *     the border when there are any. Without foreground: fractions, counts, sizes and elongation 0,
 *     circularity, solidity and rectangularity 1.</li>
 * <li><b>Appearance</b> {@code [99, 109)}, the particles' radial profile and texture, relative to the
 *     background far from particles and divided by C: 99-102 mean flattened level inside the particles
 *     at 1, 2, 3 and more than 3 px from their edge (rims, rings, highlights); 103-104 outside at 1 and
 *     2-3 px (halos, blur); 105 spread inside (more than 2 px from the edge); 106 spread of the
 *     background (more than 3 px from particles); 107-108 {@code log10(0.001 + median gradient / C)} at
 *     scale 2 inside the particles and in the background.</li>
 * </ul>
 *
 * <h2>Normalisation</h2>
 * {@link #extract} returns {@code clamp((raw - mean) / scale, -5, 5) * w / sqrt(n)} per value, where
 * {@code mean} and {@code scale} are fixed reference constants ({@code ParticleDescriptorReference}:
 * mean and standard deviation of each raw value over a reference corpus), {@code n} the length of the
 * value's block and {@code w} the block weight (intensity 0.7, illumination 0.3, blur and noise 0.6,
 * texture 1, morphology 1, appearance 1.5). So every value is centred and comparable, each block
 * contributes by its weight whatever its length, and a query's vector never depends on the
 * candidates. Vectors are not unit length; cosine similarity does not need it.
 */
public final class ParticleDescriptorExtractor implements FeatureExtractor {
    public static final String NAME = "particle-descriptor";
    /** Changes whenever any vector changes: algorithm, layout, reference constants or weights. */
    public static final String VERSION = "1.0";
    /** Smallest accepted width and height, px. */
    public static final int MIN_SIDE = 16;
    /** Longer images are reduced by an integer factor to at most this side, px. */
    public static final int MAX_WORKING_SIDE = 1024;
    /** Foreground components smaller than this (working pixels) are noise specks. */
    static final int MIN_COMPONENT_AREA = 6;
    /** Normalised values are clamped to +-this many reference standard deviations. */
    static final double CLAMP = 5;

    public static final int INTENSITY_START = 0;
    public static final int INTENSITY_LENGTH = 25;
    public static final int ILLUMINATION_START = INTENSITY_START + INTENSITY_LENGTH;
    public static final int ILLUMINATION_LENGTH = 4;
    public static final int BLUR_NOISE_START = ILLUMINATION_START + ILLUMINATION_LENGTH;
    public static final int BLUR_NOISE_LENGTH = 5;
    public static final int TEXTURE_START = BLUR_NOISE_START + BLUR_NOISE_LENGTH;
    public static final int TEXTURE_LENGTH = 41;
    public static final int MORPHOLOGY_START = TEXTURE_START + TEXTURE_LENGTH;
    public static final int MORPHOLOGY_LENGTH = 24;
    public static final int APPEARANCE_START = MORPHOLOGY_START + MORPHOLOGY_LENGTH;
    public static final int APPEARANCE_LENGTH = 10;
    public static final int DIMENSION = APPEARANCE_START + APPEARANCE_LENGTH;

    /** Index of the polarity value (+1 dark particles on a light background, -1 light on dark). */
    public static final int POLARITY = INTENSITY_START + 2;
    /** Index of the foreground fraction. */
    public static final int FOREGROUND_FRACTION = MORPHOLOGY_START;
    /** Index of {@code log10(1 + components per megapixel)}. */
    public static final int COMPONENTS_PER_MEGAPIXEL = MORPHOLOGY_START + 1;

    private static final int[] BLOCK_STARTS = {INTENSITY_START, ILLUMINATION_START, BLUR_NOISE_START, TEXTURE_START,
        MORPHOLOGY_START, APPEARANCE_START, DIMENSION};
    private static final double[] BLOCK_WEIGHTS = {0.7, 0.3, 0.6, 1.0, 1.0, 1.5};
    private static final List<String> FEATURE_NAMES = buildFeatureNames();
    private static final String SETTINGS_JSON = buildSettingsJson();
    private static final String SETTINGS_HASH = sha256Hex(SETTINGS_JSON);

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String version() {
        return VERSION;
    }

    @Override
    public int dimension() {
        return DIMENSION;
    }

    /** Every constant that shapes the vector, as compact JSON with a fixed key order. */
    @Override
    public String settingsJson() {
        return SETTINGS_JSON;
    }

    /** Lowercase hex SHA-256 of {@link #settingsJson()}. */
    @Override
    public String settingsHash() {
        return SETTINGS_HASH;
    }

    /**
     * The normalised descriptor (see the class documentation).
     *
     * @throws InvalidInputException if a side is under {@value #MIN_SIDE} px
     */
    @Override
    public float[] extract(BufferedImage image) {
        return normalise(rawFeatures(image));
    }

    /**
     * The descriptor before normalisation, in the units the class documentation gives: for inspection,
     * calibration of the reference constants and tests.
     *
     * @throws InvalidInputException if a side is under {@value #MIN_SIDE} px
     */
    public double[] rawFeatures(BufferedImage image) {
        return analyse(image).features();
    }

    /** The foreground mask (1 = particle) at working resolution, row-major, specks removed. */
    byte[] foregroundMask(BufferedImage image) {
        ParticleAnalysis analysis = analyse(image);
        analysis.features();
        return analysis.mask();
    }

    private static ParticleAnalysis analyse(BufferedImage image) {
        Objects.requireNonNull(image, "image");
        if (image.getWidth() < MIN_SIDE || image.getHeight() < MIN_SIDE) {
            throw new InvalidInputException("image", "", "is " + image.getWidth() + "x" + image.getHeight()
                    + " pixels; the particle descriptor needs at least " + MIN_SIDE + "x" + MIN_SIDE);
        }
        GrayLevels original = GrayLevels.of(image);
        int factor = workingFactor(original.width, original.height);
        return new ParticleAnalysis(original.downsample(factor), factor);
    }

    /**
     * The normalised vector of raw features: z-scores against the reference constants, clamped, times
     * the block weight over the square root of the block length.
     */
    public static float[] normalise(double[] raw) {
        if (raw.length != DIMENSION) {
            throw new IllegalArgumentException("expected " + DIMENSION + " raw features, got " + raw.length);
        }
        float[] result = new float[DIMENSION];
        for (int block = 0; block < BLOCK_WEIGHTS.length; block++) {
            double factor = BLOCK_WEIGHTS[block] / Math.sqrt(BLOCK_STARTS[block + 1] - BLOCK_STARTS[block]);
            for (int i = BLOCK_STARTS[block]; i < BLOCK_STARTS[block + 1]; i++) {
                double z = (raw[i] - ParticleDescriptorReference.MEAN[i]) / ParticleDescriptorReference.SCALE[i];
                result[i] = (float) (Math.max(-CLAMP, Math.min(CLAMP, z)) * factor);
            }
        }
        return result;
    }

    /** The name of every index, e.g. {@code "morphology.foreground_fraction"}. */
    public static List<String> featureNames() {
        return FEATURE_NAMES;
    }

    /** The integer reduction factor applied before analysis (1 up to {@value #MAX_WORKING_SIDE} px). */
    static int workingFactor(int width, int height) {
        int longSide = Math.max(width, height);
        int shortSide = Math.min(width, height);
        int factor = (longSide + MAX_WORKING_SIDE - 1) / MAX_WORKING_SIDE;
        return Math.max(1, Math.min(factor, shortSide / MIN_SIDE));
    }

    private static List<String> buildFeatureNames() {
        List<String> names = new ArrayList<>(DIMENSION);
        names.addAll(List.of("intensity.mean", "intensity.std", "intensity.polarity", "intensity.p05", "intensity.p50",
                "intensity.p95"));
        for (String q : new String[] {"p01", "p05", "p25", "p75", "p95", "p99"}) {
            names.add("intensity.shape_" + q);
        }
        for (int b = 0; b < 8; b++) {
            names.add("intensity.histogram_" + b);
        }
        names.addAll(List.of("intensity.skewness", "intensity.log_kurtosis", "intensity.contrast",
                "intensity.log_contrast_to_noise", "intensity.range"));
        names.addAll(List.of("illumination.range", "illumination.ramp", "illumination.curvature",
                "illumination.log_mottle"));
        names.addAll(List.of("blur_noise.log_noise", "blur_noise.log_relative_noise", "blur_noise.log_laplacian",
                "blur_noise.high_frequency", "blur_noise.edge_sharpness"));
        for (int scale : new int[] {1, 2, 4}) {
            for (String q : new String[] {"p50", "p90", "p99"}) {
                names.add("texture.gradient_s" + scale + "_" + q);
            }
        }
        for (int scale : new int[] {1, 2}) {
            for (int bin = 0; bin <= 8; bin++) {
                names.add("texture.lbp_s" + scale + "_" + bin);
            }
            names.add("texture.lbp_s" + scale + "_other");
        }
        for (int d : new int[] {1, 2, 4, 8}) {
            for (String statistic : new String[] {"contrast", "homogeneity", "correlation"}) {
                names.add("texture.glcm_d" + d + "_" + statistic);
            }
        }
        names.addAll(List.of("morphology.foreground_fraction", "morphology.log_components_per_megapixel",
                "morphology.log_area_q25", "morphology.log_area_q50", "morphology.log_area_q75",
                "morphology.log_area_weighted_q25", "morphology.log_area_weighted_q50",
                "morphology.log_area_weighted_q75", "morphology.log_mean_distance", "morphology.log_ridge_distance",
                "morphology.log_p90_distance", "morphology.log_elongation_q50", "morphology.log_elongation_q90",
                "morphology.circularity_q50", "morphology.circularity_q10", "morphology.solidity_q50",
                "morphology.solidity_q10", "morphology.rectangularity_q50", "morphology.rectangularity_q75",
                "morphology.non_convex_fraction", "morphology.non_convex_area_fraction",
                "morphology.log_perimeter_per_area", "morphology.clustering", "morphology.border_fraction"));
        names.addAll(List.of("appearance.inside_1px", "appearance.inside_2px", "appearance.inside_3px",
                "appearance.inside_core", "appearance.outside_1px", "appearance.outside_2_3px",
                "appearance.inside_spread", "appearance.background_spread", "appearance.log_inside_gradient",
                "appearance.log_background_gradient"));
        if (names.size() != DIMENSION) {
            throw new AssertionError("feature names: " + names.size() + " for " + DIMENSION + " features");
        }
        return List.copyOf(names);
    }

    private static String buildSettingsJson() {
        StringBuilder json = new StringBuilder();
        json.append("{\"name\":\"").append(NAME).append("\",\"version\":\"").append(VERSION)
                .append("\",\"dimension\":").append(DIMENSION)
                .append(",\"min_side\":").append(MIN_SIDE)
                .append(",\"max_working_side\":").append(MAX_WORKING_SIDE)
                .append(",\"min_component_area\":").append(MIN_COMPONENT_AREA)
                .append(",\"clamp\":").append(format(CLAMP))
                .append(",\"block_weights\":{");
        String[] blocks = {"intensity", "illumination", "blur_noise", "texture", "morphology", "appearance"};
        for (int b = 0; b < blocks.length; b++) {
            json.append(b == 0 ? "" : ",").append('"').append(blocks[b]).append("\":").append(format(BLOCK_WEIGHTS[b]));
        }
        json.append("},\"reference\":\"").append(ParticleDescriptorReference.SOURCE).append("\"}");
        return json.toString();
    }

    private static String format(double value) {
        return String.format(Locale.ROOT, "%.4f", value);
    }

    private static String sha256Hex(String text) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(digest.digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }
}
