package org.segrank.datasets.corpus;

import java.util.Locale;

/**
 * The particle classes of the corpus: the paper's five classification classes. Each kind has its own
 * shapes, rendering, size distribution, density range, background and natural polarity.
 *
 * <p>Sizes are in pixels at the corpus' fixed magnification (they do not scale with the image size:
 * a smaller image is a smaller field of view). "Size" is the equivalent-circle diameter for compact
 * kinds and the fibre width for {@link #HAIR_FIBRES}. Each image draws a median size log-uniformly
 * from {@link #medianSizeRange(SizeClass)} and a log-normal spread from {@link #sizeSpreadRange()};
 * its particles are then drawn around that median. Coverage is the fraction of the image the
 * particles' nominal areas add up to.
 */
public enum ParticleKind {

    /**
     * Food foam: bubbles are roundish voids with wobbly outlines and dark rims, of widely varying
     * size and many touching, in a finely textured crumb.
     */
    BREAD_BUBBLES("bread", "bread bubbles", Polarity.DARK_ON_LIGHT,
            new ValueRange(9, 16), new ValueRange(20, 44), new ValueRange(0.35, 0.6),
            new ValueRange(0.20, 0.35), new ValueRange(0.50, 0.70),
            new ValueRange(0.10, 0.20), new ValueRange(2.5, 6)),

    /** Long thin curved fibres of varying width with a lighter medulla, crossing and overlapping. */
    HAIR_FIBRES("hair", "hair fibres", Polarity.DARK_ON_LIGHT,
            new ValueRange(2.2, 3.8), new ValueRange(4.5, 8.5), new ValueRange(0.05, 0.2),
            new ValueRange(0.025, 0.06), new ValueRange(0.14, 0.28),
            new ValueRange(0.02, 0.05), new ValueRange(20, 60)),

    /** Irregular faceted grains (star-shaped polygons) with facet shading and internal texture. */
    MINERALS("minerals", "minerals", Polarity.LIGHT_ON_DARK,
            new ValueRange(12, 24), new ValueRange(32, 64), new ValueRange(0.2, 0.4),
            new ValueRange(0.05, 0.13), new ValueRange(0.30, 0.50),
            new ValueRange(0.02, 0.06), new ValueRange(10, 40)),

    /** Discs and slight ellipses such as beads, with a dark ring and an off-centre highlight. */
    ROUND_PARTICLES("round", "round particles", Polarity.DARK_ON_LIGHT,
            new ValueRange(11, 20), new ValueRange(28, 56), new ValueRange(0.04, 0.22),
            new ValueRange(0.05, 0.13), new ValueRange(0.30, 0.50),
            new ValueRange(0.01, 0.04), new ValueRange(20, 80)),

    /** Squares and rectangles, rotated, with rounded corners and bright edges. */
    SQUARE_PARTICLES("square", "square particles", Polarity.LIGHT_ON_DARK,
            new ValueRange(11, 20), new ValueRange(28, 52), new ValueRange(0.08, 0.3),
            new ValueRange(0.05, 0.13), new ValueRange(0.28, 0.48),
            new ValueRange(0.02, 0.05), new ValueRange(8, 30));

    private final String code;
    private final String description;
    private final Polarity naturalPolarity;
    private final ValueRange smallMedianSize;
    private final ValueRange largeMedianSize;
    private final ValueRange sizeSpread;
    private final ValueRange sparseCoverage;
    private final ValueRange denseCoverage;
    private final ValueRange backgroundTextureAmplitude;
    private final ValueRange backgroundTextureScale;

    ParticleKind(String code, String description, Polarity naturalPolarity, ValueRange smallMedianSize,
            ValueRange largeMedianSize, ValueRange sizeSpread, ValueRange sparseCoverage,
            ValueRange denseCoverage, ValueRange backgroundTextureAmplitude, ValueRange backgroundTextureScale) {
        this.code = code;
        this.description = description;
        this.naturalPolarity = naturalPolarity;
        this.smallMedianSize = smallMedianSize;
        this.largeMedianSize = largeMedianSize;
        this.sizeSpread = sizeSpread;
        this.sparseCoverage = sparseCoverage;
        this.denseCoverage = denseCoverage;
        this.backgroundTextureAmplitude = backgroundTextureAmplitude;
        this.backgroundTextureScale = backgroundTextureScale;
    }

    /** Short lower-case name used in regime names and as the manifest's class, e.g. {@code "round"}. */
    public String code() {
        return code;
    }

    /** Human-readable name, e.g. {@code "round particles"}. */
    public String description() {
        return description;
    }

    /** The polarity of this kind's standard regimes; inverted regimes use the opposite. */
    public Polarity naturalPolarity() {
        return naturalPolarity;
    }

    /** Range of an image's median particle size in pixels (diameter, or fibre width for hair). */
    public ValueRange medianSizeRange(SizeClass sizeClass) {
        return sizeClass == SizeClass.SMALL ? smallMedianSize : largeMedianSize;
    }

    /** Range of an image's size spread: the standard deviation of log(size) among its particles. */
    public ValueRange sizeSpreadRange() {
        return sizeSpread;
    }

    /** Range of an image's target coverage, the particles' summed nominal area over the image area. */
    public ValueRange coverageRange(DensityClass density) {
        return density == DensityClass.SPARSE ? sparseCoverage : denseCoverage;
    }

    /** Range of the background texture amplitude, in scene units (particles are about 0.5-1.2). */
    public ValueRange backgroundTextureAmplitudeRange() {
        return backgroundTextureAmplitude;
    }

    /** Range of the background texture's feature size in pixels. */
    public ValueRange backgroundTextureScaleRange() {
        return backgroundTextureScale;
    }

    /**
     * The kind with this {@link #code()} or enum name, case-insensitive.
     *
     * @throws IllegalArgumentException for an unknown name
     */
    public static ParticleKind fromCode(String name) {
        String wanted = name.trim().toLowerCase(Locale.ROOT);
        for (ParticleKind kind : values()) {
            if (kind.code.equals(wanted) || kind.name().toLowerCase(Locale.ROOT).equals(wanted)) {
                return kind;
            }
        }
        throw new IllegalArgumentException("unknown particle kind '" + name + "'");
    }
}
