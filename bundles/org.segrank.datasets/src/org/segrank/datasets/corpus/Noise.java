package org.segrank.datasets.corpus;

/** Smooth value noise: seeded grids for whole-image fields, hashed lattices for particle textures. */
final class Noise {

    private Noise() {
    }

    /**
     * Adds fractal value noise to {@code target}: {@code octaves} layers of smoothly interpolated random
     * values on grids of {@code scale}, {@code scale / 2}, ... pixels (layers finer than 1.5 px are
     * skipped), with amplitudes {@code amplitude}, {@code amplitude / 2}, ...
     */
    static void addValueNoise(float[] target, int width, int height, double scale, double amplitude, int octaves,
            RandomSource random) {
        double cell = scale;
        double layerAmplitude = amplitude;
        for (int octave = 0; octave < octaves && cell >= 1.5; octave++) {
            addLayer(target, width, height, cell, (float) layerAmplitude, random);
            cell /= 2;
            layerAmplitude /= 2;
        }
    }

    private static void addLayer(float[] target, int width, int height, double cell, float amplitude,
            RandomSource random) {
        int gridWidth = (int) (width / cell) + 3;
        int gridHeight = (int) (height / cell) + 3;
        float[] grid = new float[gridWidth * gridHeight];
        for (int i = 0; i < grid.length; i++) {
            grid[i] = (float) random.uniform(-amplitude, amplitude);
        }
        // A random sub-cell offset keeps the layers' grid lines from lining up.
        double offsetX = random.nextDouble();
        double offsetY = random.nextDouble();
        int[] column = new int[width];
        float[] columnWeight = new float[width];
        for (int x = 0; x < width; x++) {
            double gx = (x + 0.5) / cell + offsetX;
            column[x] = (int) gx;
            columnWeight[x] = smoothstep((float) (gx - column[x]));
        }
        for (int y = 0; y < height; y++) {
            double gy = (y + 0.5) / cell + offsetY;
            int gridRow = (int) gy;
            float wy = smoothstep((float) (gy - gridRow));
            int top = gridRow * gridWidth;
            int bottom = top + gridWidth;
            int row = y * width;
            for (int x = 0; x < width; x++) {
                int c = column[x];
                float wx = columnWeight[x];
                float upper = grid[top + c] + (grid[top + c + 1] - grid[top + c]) * wx;
                float lower = grid[bottom + c] + (grid[bottom + c + 1] - grid[bottom + c]) * wx;
                target[row + x] += upper + (lower - upper) * wy;
            }
        }
    }

    /** Smooth noise in {@code [-1, 1]} with unit feature size, determined by {@code (x, y, salt)}. */
    static float lattice(float x, float y, int salt) {
        float fx = (float) Math.floor(x);
        float fy = (float) Math.floor(y);
        int ix = (int) fx;
        int iy = (int) fy;
        float wx = smoothstep(x - fx);
        float wy = smoothstep(y - fy);
        float a = hash(ix, iy, salt);
        float b = hash(ix + 1, iy, salt);
        float c = hash(ix, iy + 1, salt);
        float d = hash(ix + 1, iy + 1, salt);
        float upper = a + (b - a) * wx;
        float lower = c + (d - c) * wx;
        return upper + (lower - upper) * wy;
    }

    private static float hash(int x, int y, int salt) {
        int h = x * 0x27D4EB2D ^ y * 0x165667B1 ^ salt * 0x9E3779B1;
        h ^= h >>> 15;
        h *= 0x85EBCA6B;
        h ^= h >>> 13;
        h *= 0xC2B2AE35;
        h ^= h >>> 16;
        return (h >>> 8) * (2f / (1 << 24)) - 1f;
    }

    private static float smoothstep(float t) {
        return t * t * (3f - 2f * t);
    }
}
