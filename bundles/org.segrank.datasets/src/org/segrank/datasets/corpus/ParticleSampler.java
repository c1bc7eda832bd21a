package org.segrank.datasets.corpus;

/**
 * One image's particle population: image-wide parameters (median size, spread, brightness, shape
 * style) drawn once from the regime's ranges, then particles drawn around them. Compact particles come
 * centred on (0, 0) for the layout to move; fibres come already placed.
 */
sealed interface ParticleSampler permits ParticleSampler.Round, ParticleSampler.Square,
        ParticleSampler.Mineral, ParticleSampler.Bubble, ParticleSampler.Fibre {

    /** Smallest particle size drawn, px: keeps unoccluded particles above the minimum visible area. */
    double MIN_COMPACT_SIZE = 4.5;
    double MIN_FIBRE_WIDTH = 1.6;

    ParticleShape next(RandomSource random, int width, int height);

    /** Draws the image-wide parameters for {@code regime}'s kind. */
    static ParticleSampler forRegime(Regime regime, RandomSource random) {
        Sizes sizes = Sizes.sample(regime, random);
        return switch (regime.kind()) {
            case ROUND_PARTICLES -> new Round(sizes, random);
            case SQUARE_PARTICLES -> new Square(sizes, random);
            case MINERALS -> new Mineral(sizes, random);
            case BREAD_BUBBLES -> new Bubble(sizes, random);
            case HAIR_FIBRES -> new Fibre(sizes, random);
        };
    }

    /** Image-wide size and brightness distribution shared by all kinds. */
    record Sizes(double median, double spread, double baseIntensity, double intensitySpread) {

        static Sizes sample(Regime regime, RandomSource random) {
            return new Sizes(regime.medianSizeRange().sampleLog(random),
                    regime.kind().sizeSpreadRange().sample(random), random.uniform(0.65, 0.95),
                    random.uniform(0.03, 0.15));
        }

        /** Log-normal size around the median, clipped to {@code [max(floor, median / 3), 3 * median]}. */
        double nextSize(RandomSource random, double floor) {
            double size = median * StrictMath.exp(spread * random.gaussian());
            return Math.max(Math.max(floor, median / 3), Math.min(size, 3 * median));
        }

        /** Per-particle body intensity (scene units). */
        float nextBase(RandomSource random) {
            double base = baseIntensity * (1 + intensitySpread * random.gaussian());
            return (float) Math.max(0.3, Math.min(1.5, base));
        }
    }

    private static double angle(RandomSource random) {
        return random.uniform(0, 2 * StrictMath.PI);
    }

    final class Round implements ParticleSampler {
        private final Sizes sizes;
        private final double maxAspect;
        private final double ring;
        private final double highlight;
        private final float highlightX;
        private final float highlightY;

        Round(Sizes sizes, RandomSource random) {
            this.sizes = sizes;
            maxAspect = random.uniform(1.0, 1.3);
            ring = random.uniform(0.1, 0.4);
            highlight = random.uniform(0.0, 0.4);
            double light = angle(random);
            highlightX = (float) (0.35 * StrictMath.cos(light));
            highlightY = (float) (0.35 * StrictMath.sin(light));
        }

        @Override
        public ParticleShape next(RandomSource random, int width, int height) {
            double radius = sizes.nextSize(random, MIN_COMPACT_SIZE) / 2;
            double stretch = Math.sqrt(1 + (maxAspect - 1) * random.nextDouble());
            return new EllipseShape(0, 0, radius * stretch, radius / stretch, random.uniform(0, StrictMath.PI),
                    sizes.nextBase(random), (float) (ring * random.uniform(0.8, 1.2)), (float) highlight,
                    highlightX, highlightY);
        }
    }

    final class Square implements ParticleSampler {
        private final Sizes sizes;
        private final double maxAspect;
        private final double cornerFraction;
        /** Shared orientation of aligned crystals, or NaN when orientations are random. */
        private final double alignedAngle;
        private final double edge;
        private final float gradientX;
        private final float gradientY;

        Square(Sizes sizes, RandomSource random) {
            this.sizes = sizes;
            maxAspect = random.uniform(1.0, 2.0);
            cornerFraction = random.uniform(0.04, 0.3);
            alignedAngle = random.chance(0.35) ? random.uniform(0, StrictMath.PI / 2) : Double.NaN;
            edge = random.uniform(0.15, 0.5);
            double gradient = random.uniform(0.0, 0.15);
            double direction = angle(random);
            gradientX = (float) (gradient * StrictMath.cos(direction));
            gradientY = (float) (gradient * StrictMath.sin(direction));
        }

        @Override
        public ParticleShape next(RandomSource random, int width, int height) {
            double half = sizes.nextSize(random, MIN_COMPACT_SIZE) / 2;
            double stretch = Math.sqrt(1 + (maxAspect - 1) * random.nextDouble());
            double halfWidth = half * stretch;
            double halfHeight = half / stretch;
            double corner = Math.min(halfHeight, cornerFraction * halfHeight * random.uniform(0.7, 1.3));
            double angle = Double.isNaN(alignedAngle) ? random.uniform(0, StrictMath.PI)
                    : alignedAngle + 0.08 * random.gaussian();
            return new RoundedRectShape(0, 0, halfWidth, halfHeight, corner, angle, sizes.nextBase(random),
                    (float) (edge * random.uniform(0.8, 1.2)), (float) (1 + 0.08 * halfHeight), gradientX, gradientY);
        }
    }

    final class Mineral implements ParticleSampler {
        private final Sizes sizes;
        private final double radialJitter;
        private final double maxElongation;
        private final double facetStrength;
        private final float textureAmplitude;
        private final float textureScale;
        private final double lightX;
        private final double lightY;

        Mineral(Sizes sizes, RandomSource random) {
            this.sizes = sizes;
            radialJitter = random.uniform(0.08, 0.3);
            maxElongation = random.uniform(1.0, 1.9);
            facetStrength = random.uniform(0.04, 0.2);
            textureAmplitude = (float) random.uniform(0.05, 0.2);
            textureScale = (float) new ValueRange(1.5, 6).sampleLog(random);
            double light = angle(random);
            lightX = StrictMath.cos(light);
            lightY = StrictMath.sin(light);
        }

        @Override
        public ParticleShape next(RandomSource random, int width, int height) {
            double size = sizes.nextSize(random, MIN_COMPACT_SIZE + 0.5);
            int n = random.nextInt(5, 10);
            double phase = angle(random);
            double stretch = Math.sqrt(1 + (maxElongation - 1) * random.nextDouble());
            double rotation = angle(random);
            double cos = StrictMath.cos(rotation);
            double sin = StrictMath.sin(rotation);
            double[] px = new double[n];
            double[] py = new double[n];
            for (int i = 0; i < n; i++) {
                // Angles stay increasing (jitter < half a step), so the polygon is star-shaped, hence simple.
                double theta = phase + 2 * StrictMath.PI * (i + random.uniform(-0.3, 0.3)) / n;
                double r = 1 + radialJitter * random.uniform(-1, 1);
                double x = r * StrictMath.cos(theta) * stretch;
                double y = r * StrictMath.sin(theta) / stretch;
                px[i] = x * cos - y * sin;
                py[i] = x * sin + y * cos;
            }
            double unitArea = 0;
            for (int i = 0, j = n - 1; i < n; j = i, i++) {
                unitArea += px[j] * py[i] - px[i] * py[j];
            }
            unitArea = Math.abs(unitArea) / 2;
            double area = StrictMath.PI * size * size / 4;
            double scale = Math.sqrt(area / unitArea);
            float[] xs = new float[n];
            float[] ys = new float[n];
            double bound = 0;
            for (int i = 0; i < n; i++) {
                xs[i] = (float) (px[i] * scale);
                ys[i] = (float) (py[i] * scale);
                bound = Math.max(bound, Math.sqrt(xs[i] * xs[i] + ys[i] * ys[i]));
            }
            float[] facet = new float[n];
            for (int i = 0, j = n - 1; i < n; j = i, i++) {
                double ex = xs[i] - xs[j];
                double ey = ys[i] - ys[j];
                double length = Math.sqrt(ex * ex + ey * ey);
                // The sign of the normal does not matter: it only decides which facets face the light.
                double facing = (ey * lightX - ex * lightY) / length;
                facet[i] = (float) (facetStrength * (facing + 0.5 * random.uniform(-1, 1)));
            }
            return new PolygonShape(0, 0, xs, ys, facet, sizes.nextBase(random), textureAmplitude, textureScale,
                    (int) random.nextLong(), bound + 0.5, area);
        }
    }

    final class Bubble implements ParticleSampler {
        private static final int HARMONICS = 4;
        private final Sizes sizes;
        private final double irregularity;
        private final double rim;
        private final double rimWidthFraction;
        private final float shadowX;
        private final float shadowY;
        private final float textureAmplitude;

        Bubble(Sizes sizes, RandomSource random) {
            this.sizes = sizes;
            irregularity = random.uniform(0.03, 0.1);
            rim = random.uniform(0.2, 0.4);
            rimWidthFraction = random.uniform(0.08, 0.2);
            double shadow = random.uniform(0.05, 0.2);
            double light = angle(random);
            shadowX = (float) (shadow * StrictMath.cos(light));
            shadowY = (float) (shadow * StrictMath.sin(light));
            textureAmplitude = (float) random.uniform(0.08, 0.2);
        }

        @Override
        public ParticleShape next(RandomSource random, int width, int height) {
            double radius = sizes.nextSize(random, MIN_COMPACT_SIZE) / 2;
            float[] cosines = new float[HARMONICS];
            float[] sines = new float[HARMONICS];
            double total = 0;
            for (int k = 0; k < HARMONICS; k++) {
                double amplitude = irregularity / StrictMath.pow(k + 2, 0.7);
                cosines[k] = (float) (amplitude * random.gaussian());
                sines[k] = (float) (amplitude * random.gaussian());
                total += Math.abs(cosines[k]) + Math.abs(sines[k]);
            }
            if (total > 0.4) {
                // Keep r(theta) >= 0.6 * radius: the outline stays a blob.
                for (int k = 0; k < HARMONICS; k++) {
                    cosines[k] *= (float) (0.4 / total);
                    sines[k] *= (float) (0.4 / total);
                }
                total = 0.4;
            }
            return new BubbleShape(0, 0, radius, cosines, sines, sizes.nextBase(random), (float) rim,
                    (float) (0.7 + rimWidthFraction * radius), shadowX, shadowY, textureAmplitude,
                    (int) random.nextLong(),
                    radius * (1 + total) + 0.5);
        }
    }

    final class Fibre implements ParticleSampler {
        private static final float STEP = 2f;
        private final Sizes sizes;
        private final double medianLength;
        private final double waviness;
        private final double medulla;
        private final double widthVariation;

        Fibre(Sizes sizes, RandomSource random) {
            this.sizes = sizes;
            medianLength = new ValueRange(180, 560).sampleLog(random);
            waviness = random.uniform(0.15, 1.5);
            medulla = random.uniform(0.0, 0.35);
            widthVariation = random.uniform(0.04, 0.2);
        }

        /** A fibre grown both ways from a random point of the image, with drifting curvature. */
        @Override
        public ParticleShape next(RandomSource random, int width, int height) {
            double fibreWidth = sizes.nextSize(random, MIN_FIBRE_WIDTH);
            double length = Math.max(40, Math.min(1200, medianLength * StrictMath.exp(0.35 * random.gaussian())));
            int steps = Math.max(2, (int) Math.ceil(length / STEP));
            int middle = steps / 2;
            float[] xs = new float[steps + 1];
            float[] ys = new float[steps + 1];
            xs[middle] = (float) random.uniform(0, width);
            ys[middle] = (float) random.uniform(0, height);
            double direction = angle(random);
            double dirX = StrictMath.cos(direction);
            double dirY = StrictMath.sin(direction);
            grow(xs, ys, middle, steps, dirX, dirY, random);
            grow(xs, ys, middle, 0, -dirX, -dirY, random);
            float[] radii = new float[steps + 1];
            double taper = 4 * fibreWidth;
            int salt = (int) random.nextLong();
            double wavelength = random.uniform(40, 160);
            for (int i = 0; i <= steps; i++) {
                double along = i * (double) STEP;
                double fromEnd = Math.min(along, steps * (double) STEP - along);
                double taperFactor = fromEnd >= taper ? 1 : 0.55 + 0.45 * fromEnd / taper;
                double variation = 1 + widthVariation * Noise.lattice((float) (along / wavelength), 0.5f, salt);
                radii[i] = (float) (fibreWidth / 2 * variation * taperFactor);
            }
            float base = sizes.nextBase(random);
            return new FibreShape(xs, ys, radii, base, (float) (medulla * random.uniform(0.5, 1.0)),
                    steps * (double) STEP);
        }

        /** Fills points from {@code from} (exclusive) towards {@code to} (inclusive). */
        private void grow(float[] xs, float[] ys, int from, int to, double dirX, double dirY, RandomSource random) {
            int increment = to > from ? 1 : -1;
            double maxCurvature = waviness * 0.02;
            double curvature = waviness * 0.006 * random.gaussian();
            double x = xs[from];
            double y = ys[from];
            for (int i = from + increment; i != to + increment; i += increment) {
                curvature += waviness * 0.0025 * random.gaussian();
                curvature = Math.max(-maxCurvature, Math.min(maxCurvature, curvature));
                // Rotate the direction by curvature * STEP with a series (small angles), then renormalise.
                double turn = curvature * STEP;
                double c = 1 - turn * turn / 2;
                double s = turn - turn * turn * turn / 6;
                double nextX = dirX * c - dirY * s;
                double nextY = dirX * s + dirY * c;
                double norm = Math.sqrt(nextX * nextX + nextY * nextY);
                dirX = nextX / norm;
                dirY = nextY / norm;
                x += dirX * STEP;
                y += dirY * STEP;
                xs[i] = (float) x;
                ys[i] = (float) y;
            }
        }
    }
}
