package org.segrank.datasets.corpus;

import java.util.Arrays;

/**
 * Decides where particles go, by the regime's density class:
 * <ul>
 *   <li>sparse (except bread): exclusive placement, every particle's bounding circle kept at least
 *       {@code gap} pixels from every other, so instances do not touch;</li>
 *   <li>dense, and bread at any density: overlap allowed down to a centre distance of
 *       {@code overlapFactor * (meanRadius1 + meanRadius2)}, and with probability
 *       {@code attachProbability} a particle is put right next to an earlier one, so clusters of
 *       touching and partly overlapping particles form;</li>
 *   <li>fibres: dense fibres cross freely; sparse fibres keep a gap like sparse compact particles.</li>
 * </ul>
 * Centres are uniform over the image, so particles are cut by the border naturally.
 */
final class ParticleLayout {

    private static final int ATTEMPTS_PER_PARTICLE = 30;
    private static final int CELL_SIZE = 32;

    private final int width;
    private final int height;
    private final boolean exclusive;
    private final double gap;
    private final double overlapFactor;
    private final double attachProbability;
    private final CircleIndex circles;

    private ParticleLayout(int width, int height, boolean exclusive, double gap, double overlapFactor,
            double attachProbability) {
        this.width = width;
        this.height = height;
        this.exclusive = exclusive;
        this.gap = gap;
        this.overlapFactor = overlapFactor;
        this.attachProbability = attachProbability;
        this.circles = new CircleIndex(width, height);
    }

    static ParticleLayout forRegime(Regime regime, int width, int height, RandomSource random) {
        boolean bread = regime.kind() == ParticleKind.BREAD_BUBBLES;
        boolean sparse = regime.density() == DensityClass.SPARSE;
        if (sparse && !bread) {
            return new ParticleLayout(width, height, true, random.uniform(2, 8), 1, 0);
        }
        if (bread) {
            return sparse ? new ParticleLayout(width, height, false, 0, random.uniform(0.92, 1.0), 0.1)
                    : new ParticleLayout(width, height, false, 0, random.uniform(0.72, 0.9), random.uniform(0.4, 0.7));
        }
        return new ParticleLayout(width, height, false, 0, random.uniform(0.6, 0.85), random.uniform(0.25, 0.55));
    }

    /** The prototype moved to an accepted position and recorded, or {@code null} if none was found. */
    CompactShape place(CompactShape prototype, RandomSource random) {
        double meanRadius = prototype.meanRadius();
        double boundingRadius = prototype.boundingRadius();
        for (int attempt = 0; attempt < ATTEMPTS_PER_PARTICLE; attempt++) {
            double x;
            double y;
            if (!exclusive && circles.size() > 0 && random.chance(attachProbability)) {
                int anchor = random.nextInt(circles.size());
                double angle = random.uniform(0, 2 * StrictMath.PI);
                double distance = (circles.meanRadius(anchor) + meanRadius) * random.uniform(overlapFactor, 1.02);
                x = circles.x(anchor) + distance * StrictMath.cos(angle);
                y = circles.y(anchor) + distance * StrictMath.sin(angle);
            } else {
                x = random.uniform(0, width);
                y = random.uniform(0, height);
            }
            if (fits(x, y, boundingRadius, meanRadius)) {
                circles.add(x, y, boundingRadius, meanRadius);
                return prototype.movedTo(x, y);
            }
        }
        return null;
    }

    /** Whether the fibre may go where it is (recording it if so). */
    boolean accept(FibreShape fibre) {
        if (!exclusive) {
            return true;
        }
        float[] xs = fibre.xs();
        float[] ys = fibre.ys();
        float[] radii = fibre.radii();
        for (int i = 0; i < xs.length; i++) {
            if (!fits(xs[i], ys[i], radii[i] + 1, radii[i] + 1)) {
                return false;
            }
        }
        // Points are 2 px apart, so circles of radius r + 1 cover the whole fibre.
        for (int i = 0; i < xs.length; i++) {
            circles.add(xs[i], ys[i], radii[i] + 1, radii[i] + 1);
        }
        return true;
    }

    private boolean fits(double x, double y, double boundingRadius, double meanRadius) {
        double reach = boundingRadius + gap;
        int[] candidates = circles.near(x - reach, y - reach, x + reach, y + reach);
        int count = circles.nearCount();
        for (int k = 0; k < count; k++) {
            int j = candidates[k];
            double dx = x - circles.x(j);
            double dy = y - circles.y(j);
            double limit = exclusive ? boundingRadius + circles.boundingRadius(j) + gap
                    : overlapFactor * (meanRadius + circles.meanRadius(j));
            if (dx * dx + dy * dy < limit * limit) {
                return false;
            }
        }
        return true;
    }

    /** Placed circles in a uniform grid, so that overlap checks stay local for thousands of particles. */
    private static final class CircleIndex {
        private final int columns;
        private final int rows;
        private final int[][] cells;
        private final int[] cellCounts;
        private double[] xs = new double[64];
        private double[] ys = new double[64];
        private double[] boundingRadii = new double[64];
        private double[] meanRadii = new double[64];
        private int size;
        private int[] found = new int[64];
        private int foundCount;
        private int[] seen = new int[64];
        private int query;

        CircleIndex(int width, int height) {
            columns = width / CELL_SIZE + 1;
            rows = height / CELL_SIZE + 1;
            cells = new int[columns * rows][];
            cellCounts = new int[columns * rows];
        }

        int size() {
            return size;
        }

        double x(int i) {
            return xs[i];
        }

        double y(int i) {
            return ys[i];
        }

        double boundingRadius(int i) {
            return boundingRadii[i];
        }

        double meanRadius(int i) {
            return meanRadii[i];
        }

        void add(double x, double y, double boundingRadius, double meanRadius) {
            if (size == xs.length) {
                int capacity = size * 2;
                xs = Arrays.copyOf(xs, capacity);
                ys = Arrays.copyOf(ys, capacity);
                boundingRadii = Arrays.copyOf(boundingRadii, capacity);
                meanRadii = Arrays.copyOf(meanRadii, capacity);
                seen = Arrays.copyOf(seen, capacity);
            }
            xs[size] = x;
            ys[size] = y;
            boundingRadii[size] = boundingRadius;
            meanRadii[size] = meanRadius;
            int c0 = column(x - boundingRadius);
            int c1 = column(x + boundingRadius);
            int r0 = row(y - boundingRadius);
            int r1 = row(y + boundingRadius);
            for (int r = r0; r <= r1; r++) {
                for (int c = c0; c <= c1; c++) {
                    int cell = r * columns + c;
                    int[] members = cells[cell];
                    if (members == null) {
                        members = cells[cell] = new int[8];
                    } else if (cellCounts[cell] == members.length) {
                        members = cells[cell] = Arrays.copyOf(members, members.length * 2);
                    }
                    members[cellCounts[cell]++] = size;
                }
            }
            size++;
        }

        /**
         * Circles registered in cells overlapping the box, each once (valid until the next call); a circle
         * intersecting the box is always among them.
         */
        int[] near(double minX, double minY, double maxX, double maxY) {
            query++;
            foundCount = 0;
            for (int r = row(minY), r1 = row(maxY); r <= r1; r++) {
                for (int c = column(minX), c1 = column(maxX); c <= c1; c++) {
                    int cell = r * columns + c;
                    int[] members = cells[cell];
                    for (int k = 0; k < cellCounts[cell]; k++) {
                        int i = members[k];
                        if (seen[i] != query) {
                            seen[i] = query;
                            if (foundCount == found.length) {
                                found = Arrays.copyOf(found, foundCount * 2);
                            }
                            found[foundCount++] = i;
                        }
                    }
                }
            }
            return found;
        }

        int nearCount() {
            return foundCount;
        }

        private int column(double x) {
            return (int) Math.max(0, Math.min(columns - 1, Math.floor(x / CELL_SIZE)));
        }

        private int row(double y) {
            return (int) Math.max(0, Math.min(rows - 1, Math.floor(y / CELL_SIZE)));
        }
    }
}
