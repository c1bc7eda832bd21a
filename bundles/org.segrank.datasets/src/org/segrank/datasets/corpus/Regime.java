package org.segrank.datasets.corpus;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * A named kind of image: particle kind x size class x density class x imaging style. Every parameter
 * of an image is drawn from ranges the regime fixes, so images of one regime share a character while
 * still varying widely. The name is {@code <kind>-<size>-<density>[-<style>]}, e.g.
 * {@code "round-small-dense"} or {@code "minerals-large-sparse-low-contrast"}.
 *
 * @param kind what the particles are
 * @param size which median-size range
 * @param density which coverage range and layout
 * @param style which imaging conditions
 */
public record Regime(ParticleKind kind, SizeClass size, DensityClass density, ImagingStyle style) {

    /** The number of fine-tuning regimes, one per model of the paper's zoo. */
    public static final int FINE_TUNING_REGIME_COUNT = 39;

    private static final List<Regime> FINE_TUNING = buildFineTuningRegimes();
    private static final Map<String, Regime> FINE_TUNING_BY_NAME =
            FINE_TUNING.stream().collect(Collectors.toUnmodifiableMap(Regime::name, Function.identity()));

    public Regime {
        Objects.requireNonNull(kind, "kind must not be null");
        Objects.requireNonNull(size, "size must not be null");
        Objects.requireNonNull(density, "density must not be null");
        Objects.requireNonNull(style, "style must not be null");
    }

    /** The stable name, e.g. {@code "hair-large-dense-blurred"}. */
    public String name() {
        String base = kind.code() + "-" + size.code() + "-" + density.code();
        return style == ImagingStyle.STANDARD ? base : base + "-" + style.suffix();
    }

    /** The kind's natural polarity, reversed for {@link ImagingStyle#INVERTED}. */
    public Polarity polarity() {
        return style == ImagingStyle.INVERTED ? kind.naturalPolarity().opposite() : kind.naturalPolarity();
    }

    /** See {@link ParticleKind#medianSizeRange(SizeClass)}. */
    public ValueRange medianSizeRange() {
        return kind.medianSizeRange(size);
    }

    /** See {@link ParticleKind#coverageRange(DensityClass)}. */
    public ValueRange coverageRange() {
        return kind.coverageRange(density);
    }

    /** Range of background intensity: light for dark particles, dark for light ones. */
    public ValueRange brightnessRange() {
        return polarity() == Polarity.DARK_ON_LIGHT ? new ValueRange(0.68, 0.86) : new ValueRange(0.12, 0.28);
    }

    /**
     * Draws one image's imaging conditions from this regime's ranges. For dark particles the contrast is
     * capped at {@code (brightness - 0.04) / 1.1} so that typical particles do not clip to black.
     */
    ImagingConditions sampleConditions(RandomSource random) {
        double blurSigma = style.blurSigmaRange().sample(random);
        double readNoise = style.gaussianNoiseSigmaRange().sample(random);
        double photons = style.fullScalePhotonsRange().sampleLog(random);
        double gradient = style.illuminationGradientRange().sample(random);
        double gradientAngle = random.uniform(0, 2 * StrictMath.PI);
        double vignetting = style.vignettingRange().sample(random);
        double contrast = style.contrastRange().sample(random);
        double brightness = brightnessRange().sample(random);
        if (polarity() == Polarity.DARK_ON_LIGHT) {
            contrast = Math.min(contrast, (brightness - 0.04) / 1.1);
        }
        return new ImagingConditions(blurSigma, readNoise, photons, gradient, gradientAngle, vignetting, contrast,
                brightness, kind.backgroundTextureAmplitudeRange().sample(random),
                kind.backgroundTextureScaleRange().sampleLog(random), polarity());
    }

    @Override
    public String toString() {
        return name();
    }

    /**
     * The 39 regimes of the demo zoo's fine-tuning subsets, in a stable order: first the 20 standard
     * regimes (5 kinds x small/large x sparse/dense), then 19 imaging variants. Variants: each kind gets
     * blurred, noisy, low-contrast and inverted, each at a different size/density combination (kind
     * {@code k}, variant {@code v} uses combination {@code (k + v) mod 4} of small-sparse, small-dense,
     * large-sparse, large-dense), so every kind's variants cover all four combinations. That makes 40;
     * inverted bread is left out to match the paper's 39 models (an arbitrary but fixed choice: changing
     * the list would rename models of the zoo).
     */
    public static List<Regime> fineTuningRegimes() {
        return FINE_TUNING;
    }

    /**
     * The regime with this name: any valid combination, not only the 39 fine-tuning regimes.
     *
     * @throws IllegalArgumentException if the name does not follow {@code <kind>-<size>-<density>[-<style>]}
     */
    public static Regime byName(String name) {
        Regime known = FINE_TUNING_BY_NAME.get(name);
        if (known != null) {
            return known;
        }
        String[] parts = name.split("-", 4);
        if (parts.length < 3) {
            throw new IllegalArgumentException("regime name must be <kind>-<size>-<density>[-<style>]: '" + name + "'");
        }
        ParticleKind kind = ParticleKind.fromCode(parts[0]);
        SizeClass size = parseCode(SizeClass.values(), SizeClass::code, parts[1], name);
        DensityClass density = parseCode(DensityClass.values(), DensityClass::code, parts[2], name);
        ImagingStyle style = parts.length == 3 ? ImagingStyle.STANDARD
                : parseCode(ImagingStyle.values(), ImagingStyle::suffix, parts[3], name);
        if (parts.length == 4 && style == ImagingStyle.STANDARD) {
            throw new IllegalArgumentException("empty imaging style in regime name '" + name + "'");
        }
        return new Regime(kind, size, density, style);
    }

    /** The fine-tuning regimes of one kind, in {@link #fineTuningRegimes()} order. */
    public static List<Regime> fineTuningRegimesOf(ParticleKind kind) {
        return FINE_TUNING.stream().filter(regime -> regime.kind == kind).toList();
    }

    private static <T> T parseCode(T[] values, Function<T, String> code, String token, String name) {
        for (T value : values) {
            if (code.apply(value).equals(token)) {
                return value;
            }
        }
        throw new IllegalArgumentException("unknown token '" + token + "' in regime name '" + name + "'");
    }

    private static List<Regime> buildFineTuningRegimes() {
        List<Regime> regimes = new ArrayList<>();
        for (ParticleKind kind : ParticleKind.values()) {
            for (SizeClass size : SizeClass.values()) {
                for (DensityClass density : DensityClass.values()) {
                    regimes.add(new Regime(kind, size, density, ImagingStyle.STANDARD));
                }
            }
        }
        ImagingStyle[] variants = {ImagingStyle.BLURRED, ImagingStyle.NOISY, ImagingStyle.LOW_CONTRAST,
            ImagingStyle.INVERTED};
        for (ParticleKind kind : ParticleKind.values()) {
            for (int v = 0; v < variants.length; v++) {
                if (kind == ParticleKind.BREAD_BUBBLES && variants[v] == ImagingStyle.INVERTED) {
                    continue;
                }
                int combination = (kind.ordinal() + v) % 4;
                SizeClass size = combination < 2 ? SizeClass.SMALL : SizeClass.LARGE;
                DensityClass density = combination % 2 == 0 ? DensityClass.SPARSE : DensityClass.DENSE;
                regimes.add(new Regime(kind, size, density, variants[v]));
            }
        }
        if (regimes.size() != FINE_TUNING_REGIME_COUNT) {
            throw new AssertionError("expected 39 fine-tuning regimes, built " + regimes.size());
        }
        return Collections.unmodifiableList(regimes);
    }
}
