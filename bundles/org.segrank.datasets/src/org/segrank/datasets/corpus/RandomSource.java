package org.segrank.datasets.corpus;

import java.util.SplittableRandom;

/**
 * The generator's only source of randomness: a {@link SplittableRandom} (SplitMix64, unchanged since
 * Java 8) plus arithmetic and {@link StrictMath}, never {@link Math}'s platform-dependent
 * transcendentals, so that a seed yields the same numbers on every JVM and platform.
 */
final class RandomSource {

    private static final long GOLDEN_GAMMA = 0x9E3779B97F4A7C15L;
    private static final double SQRT_3 = StrictMath.sqrt(3.0);

    private final SplittableRandom random;

    RandomSource(long seed) {
        random = new SplittableRandom(seed);
    }

    double nextDouble() {
        return random.nextDouble();
    }

    long nextLong() {
        return random.nextLong();
    }

    int nextInt(int bound) {
        return random.nextInt(bound);
    }

    /** Uniform integer in {@code [min, maxInclusive]}. */
    int nextInt(int min, int maxInclusive) {
        return min + random.nextInt(maxInclusive - min + 1);
    }

    double uniform(double min, double max) {
        return min + (max - min) * random.nextDouble();
    }

    double uniform(ValueRange range) {
        return range.sample(this);
    }

    boolean chance(double probability) {
        return random.nextDouble() < probability;
    }

    /** Standard normal draw (Box-Muller with StrictMath); for per-particle parameters. */
    double gaussian() {
        double u1 = 1.0 - random.nextDouble(); // (0, 1]: log stays finite
        double u2 = random.nextDouble();
        return StrictMath.sqrt(-2.0 * StrictMath.log(u1)) * StrictMath.cos(2.0 * StrictMath.PI * u2);
    }

    /**
     * Approximately standard normal draw from one 64-bit word: the Irwin-Hall sum of four 16-bit
     * uniforms, rescaled to unit variance (bounded at about 3.46 sigma). Cheap enough for per-pixel
     * sensor noise, where the missing far tails are invisible after 8-bit quantisation.
     */
    double fastGaussian() {
        long bits = random.nextLong();
        long sum = (bits & 0xFFFF) + ((bits >>> 16) & 0xFFFF) + ((bits >>> 32) & 0xFFFF) + (bits >>> 48);
        return ((sum + 2.0) / 65536.0 - 2.0) * SQRT_3;
    }

    /** Stafford's variant 13 of the MurmurHash3 finaliser: a bijective 64-bit mixer. */
    static long mix64(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /**
     * A seed derived from {@code seed} and a text salt (a regime or image name), so that streams for
     * different names are unrelated even for equal or consecutive seeds.
     */
    static long derive(long seed, String salt) {
        long hash = mix64(seed + GOLDEN_GAMMA);
        for (int i = 0; i < salt.length(); i++) {
            hash = mix64(hash + GOLDEN_GAMMA * (salt.charAt(i) + 1L));
        }
        return hash;
    }
}
