package org.segrank.datasets.corpus;

/**
 * A closed interval {@code [min, max]} from which the generator draws one parameter; {@code min == max}
 * fixes the value.
 *
 * @param min smallest value, finite
 * @param max largest value, finite and {@code >= min}
 */
public record ValueRange(double min, double max) {

    public ValueRange {
        if (!Double.isFinite(min) || !Double.isFinite(max) || min > max) {
            throw new IllegalArgumentException("invalid range [" + min + ", " + max + "]");
        }
    }

    public boolean contains(double value) {
        return value >= min && value <= max;
    }

    /** Uniform draw. */
    double sample(RandomSource random) {
        return random.uniform(min, max);
    }

    /** Log-uniform draw, for scale-like parameters (sizes, photon counts); needs {@code min > 0}. */
    double sampleLog(RandomSource random) {
        if (min <= 0) {
            throw new IllegalStateException("log-uniform draw needs a positive range, got " + this);
        }
        return min * StrictMath.exp(StrictMath.log(max / min) * random.nextDouble());
    }

    @Override
    public String toString() {
        return "[" + min + ", " + max + "]";
    }
}
