package org.segrank.datasets.corpus;

import java.util.Objects;

/**
 * How one image was "photographed": the optics and sensor applied to the rendered scene. Intensities
 * are fractions of full scale (1.0 = grey level 255). The scene holds an optical density per pixel:
 * 0 for clear background (plus background texture) and about 0.5-1.2 inside particles.
 *
 * <p>Rendering order: scene, Gaussian blur, polarity/contrast/brightness mapping, illumination, then
 * noise: {@code I = illumination * (brightness -/+ contrast * scene)} with {@code -} for
 * {@link Polarity#DARK_ON_LIGHT}, plus Gaussian noise of variance
 * {@code max(I, 0) / fullScalePhotons + gaussianNoiseSigma^2}, quantised to 8 bits.
 *
 * @param blurSigma Gaussian point-spread sigma in pixels, {@code >= 0} (below 0.3 no blur is applied)
 * @param gaussianNoiseSigma additive read-noise sigma, fraction of full scale, {@code >= 0}
 * @param fullScalePhotons photons collected at full scale (shot noise), {@code > 0}; larger is cleaner
 * @param illuminationGradient relative brightness change of the illumination ramp from the centre to a
 *        corner, {@code >= 0}
 * @param illuminationAngle direction of the ramp in radians, measured from the +x axis towards +y
 * @param vignetting relative darkening at the corners, in {@code [0, 1)}
 * @param contrast intensity difference between background and a particle of scene value 1, in {@code (0, 1]}
 * @param brightness background intensity, in {@code [0, 1]}
 * @param backgroundTextureAmplitude amplitude of the background's smooth noise, scene units, {@code >= 0}
 * @param backgroundTextureScale feature size of that noise in pixels, {@code > 0}
 * @param polarity whether particles are darker or brighter than the background
 */
public record ImagingConditions(double blurSigma, double gaussianNoiseSigma, double fullScalePhotons,
        double illuminationGradient, double illuminationAngle, double vignetting, double contrast,
        double brightness, double backgroundTextureAmplitude, double backgroundTextureScale, Polarity polarity) {

    public ImagingConditions {
        requireAtLeast("blurSigma", blurSigma, 0);
        requireAtLeast("gaussianNoiseSigma", gaussianNoiseSigma, 0);
        requireAtLeast("illuminationGradient", illuminationGradient, 0);
        requireAtLeast("backgroundTextureAmplitude", backgroundTextureAmplitude, 0);
        if (!(fullScalePhotons > 0)) {
            throw new IllegalArgumentException("fullScalePhotons must be > 0, got " + fullScalePhotons);
        }
        if (!Double.isFinite(illuminationAngle)) {
            throw new IllegalArgumentException("illuminationAngle must be finite");
        }
        if (!(vignetting >= 0 && vignetting < 1)) {
            throw new IllegalArgumentException("vignetting must be in [0, 1), got " + vignetting);
        }
        if (!(contrast > 0 && contrast <= 1)) {
            throw new IllegalArgumentException("contrast must be in (0, 1], got " + contrast);
        }
        if (!(brightness >= 0 && brightness <= 1)) {
            throw new IllegalArgumentException("brightness must be in [0, 1], got " + brightness);
        }
        if (!(backgroundTextureScale > 0) || !Double.isFinite(backgroundTextureScale)) {
            throw new IllegalArgumentException("backgroundTextureScale must be > 0, got " + backgroundTextureScale);
        }
        Objects.requireNonNull(polarity, "polarity must not be null");
    }

    private static void requireAtLeast(String name, double value, double min) {
        if (!(value >= min) || !Double.isFinite(value)) {
            throw new IllegalArgumentException(name + " must be finite and >= " + min + ", got " + value);
        }
    }
}
