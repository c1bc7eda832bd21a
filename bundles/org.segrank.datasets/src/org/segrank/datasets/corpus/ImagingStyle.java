package org.segrank.datasets.corpus;

/**
 * The imaging half of a {@link Regime}: the ranges its images' {@link ImagingConditions} are drawn
 * from. {@link #STANDARD} is a clean, well-exposed micrograph; each other style departs from it in one
 * respect.
 */
public enum ImagingStyle {

    STANDARD("", new ValueRange(0.5, 1.1), new ValueRange(0.004, 0.015), new ValueRange(1500, 6000),
            new ValueRange(0.35, 0.6)),
    /** Out of focus: Gaussian blur sigma 1.8-3 px. */
    BLURRED("blurred", new ValueRange(1.8, 3.0), new ValueRange(0.004, 0.015), new ValueRange(1500, 6000),
            new ValueRange(0.35, 0.6)),
    /** Low light: 40-150 photons at full scale plus strong read noise. */
    NOISY("noisy", new ValueRange(0.5, 1.1), new ValueRange(0.03, 0.06), new ValueRange(40, 150),
            new ValueRange(0.35, 0.6)),
    /** Faint particles: contrast 0.10-0.18 of full scale. */
    LOW_CONTRAST("low-contrast", new ValueRange(0.5, 1.1), new ValueRange(0.004, 0.015),
            new ValueRange(1500, 6000), new ValueRange(0.10, 0.18)),
    /** Standard optics with the kind's natural polarity reversed. */
    INVERTED("inverted", new ValueRange(0.5, 1.1), new ValueRange(0.004, 0.015), new ValueRange(1500, 6000),
            new ValueRange(0.35, 0.6));

    private static final ValueRange ILLUMINATION_GRADIENT = new ValueRange(0.0, 0.2);
    private static final ValueRange VIGNETTING = new ValueRange(0.0, 0.15);

    private final String suffix;
    private final ValueRange blurSigma;
    private final ValueRange gaussianNoiseSigma;
    private final ValueRange fullScalePhotons;
    private final ValueRange contrast;

    ImagingStyle(String suffix, ValueRange blurSigma, ValueRange gaussianNoiseSigma, ValueRange fullScalePhotons,
            ValueRange contrast) {
        this.suffix = suffix;
        this.blurSigma = blurSigma;
        this.gaussianNoiseSigma = gaussianNoiseSigma;
        this.fullScalePhotons = fullScalePhotons;
        this.contrast = contrast;
    }

    /** The token appended to regime names, e.g. {@code "low-contrast"}; empty for {@link #STANDARD}. */
    public String suffix() {
        return suffix;
    }

    /** Gaussian point-spread sigma in pixels. */
    public ValueRange blurSigmaRange() {
        return blurSigma;
    }

    /** Additive (read) noise sigma as a fraction of full scale. */
    public ValueRange gaussianNoiseSigmaRange() {
        return gaussianNoiseSigma;
    }

    /** Photons collected at full scale (shot noise sigma is {@code sqrt(I / photons)}); drawn log-uniformly. */
    public ValueRange fullScalePhotonsRange() {
        return fullScalePhotons;
    }

    /** Intensity difference between background and a particle of scene value 1, as a fraction of full scale. */
    public ValueRange contrastRange() {
        return contrast;
    }

    /** Relative brightness change of the illumination ramp from the image centre to a corner. */
    public ValueRange illuminationGradientRange() {
        return ILLUMINATION_GRADIENT;
    }

    /** Relative darkening of the corners by vignetting. */
    public ValueRange vignettingRange() {
        return VIGNETTING;
    }
}
