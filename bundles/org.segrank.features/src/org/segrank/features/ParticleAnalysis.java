package org.segrank.features;

import static org.segrank.features.ParticleDescriptorExtractor.APPEARANCE_START;
import static org.segrank.features.ParticleDescriptorExtractor.BLUR_NOISE_START;
import static org.segrank.features.ParticleDescriptorExtractor.DIMENSION;
import static org.segrank.features.ParticleDescriptorExtractor.ILLUMINATION_START;
import static org.segrank.features.ParticleDescriptorExtractor.INTENSITY_START;
import static org.segrank.features.ParticleDescriptorExtractor.MORPHOLOGY_START;
import static org.segrank.features.ParticleDescriptorExtractor.TEXTURE_START;

/**
 * The raw (un-normalised) particle descriptor of one image at working resolution; see
 * {@link ParticleDescriptorExtractor} for the pipeline and the meaning of every value. One instance per
 * image, not shared between threads.
 */
final class ParticleAnalysis {
    /** Chamfer distance (1/3 px) from which a particle pixel counts as interior: 2 px. */
    private static final int INTERIOR_DISTANCE = 6;

    private final GrayLevels raw;
    private final int width;
    private final int height;
    private final int n;
    private final int factor;
    private final double[] out = new double[DIMENSION];
    private byte[] mask;
    /** Gradient magnitude of the half-resolution canonical image (interior pixels), from texture(). */
    private float[] halfScaleGradient;
    private int halfScaleWidth;
    private int halfScaleHeight;

    ParticleAnalysis(GrayLevels raw, int factor) {
        this.raw = raw;
        this.width = raw.width;
        this.height = raw.height;
        this.n = width * height;
        this.factor = factor;
    }

    /** The foreground mask (1 = particle) after {@link #features()}, specks removed. */
    byte[] mask() {
        return mask;
    }

    /** Computes the {@value ParticleDescriptorExtractor#DIMENSION} raw features. */
    double[] features() {
        int[] rawHistogram = raw.histogram();
        double noise = TextureMeasures.noiseSigma(raw.levels, width, height);
        // Exact integer smoothing: the canonical image below is bit-identical for an image and its negative.
        float[] smooth = TextureMeasures.binomialSmooth(raw.levels, width, height, smoothingPasses(noise));
        boolean darkParticles = darkParticles(smooth);
        GrayLevels canonical = darkParticles ? raw.inverted() : raw;
        int[] c = canonical.levels;
        int[] canonicalHistogram = canonical.histogram();
        if (darkParticles) {
            for (int i = 0; i < n; i++) {
                smooth[i] = 255 - smooth[i];
            }
        }
        // Background: a low quantile per block, so blocks mostly covered by (bright) particles still see background.
        BackgroundSurface background = BackgroundSurface.fit(blockQuantiles(c, 0.2), BackgroundSurface.gridSide(width, height),
                width, height);
        float[] flat = new float[n];
        background.render(flat);
        for (int i = 0; i < n; i++) {
            flat[i] = smooth[i] - flat[i];
        }
        mask = threshold(flat);
        Components components = Components.analyse(mask, width, height, ParticleDescriptorExtractor.MIN_COMPONENT_AREA);

        double foregroundSum = 0;
        double backgroundSum = 0;
        int foregroundCount = 0;
        for (int i = 0; i < n; i++) {
            if (mask[i] != 0) {
                foregroundSum += flat[i];
                foregroundCount++;
            } else {
                backgroundSum += flat[i];
            }
        }
        double contrast;
        if (foregroundCount > 0 && foregroundCount < n) {
            contrast = foregroundSum / foregroundCount - backgroundSum / (n - foregroundCount);
        } else {
            contrast = Quantiles.symmetricLevel(canonicalHistogram, n, 0.99) - Quantiles.symmetricLevel(canonicalHistogram, n, 0.5);
        }
        contrast = Math.max(1, contrast);

        intensity(rawHistogram, canonicalHistogram, darkParticles, flat, contrast, noise);
        illumination(background, darkParticles);
        blurAndNoise(c, noise, contrast);
        texture(c, canonicalHistogram, contrast);
        int[] distance = TextureMeasures.distanceToBackground(mask, width, height);
        morphology(mask, components, foregroundCount, distance);
        appearance(mask, flat, distance, contrast);
        return out;
    }

    /** Whether the particles are darker than the background; see the class documentation. */
    private boolean darkParticles(float[] smooth) {
        int grid = BackgroundSurface.gridSide(width, height);
        double[] medians = blockQuantiles(raw.levels, 0.5);
        BackgroundSurface surface = BackgroundSurface.fit(medians, grid, width, height);
        float[] residual = new float[n];
        surface.render(residual);
        for (int i = 0; i < n; i++) {
            residual[i] = smooth[i] - residual[i];
        }
        double sum = 0;
        for (float value : residual) {
            sum += value;
        }
        double mean = sum / n;
        double sumCubes = 0;
        for (float value : residual) {
            double d = value - mean;
            sumCubes += d * d * d;
        }
        // The particles are the minority phase, so their side of the distribution is the long tail.
        return sumCubes < 0;
    }

    /** Otsu's threshold over 256 bins spanning {@code [min, max]}: values at or above it form the upper class. */
    private double otsu(float[] values, float min, float max) {
        int bins = 256;
        double binWidth = (max - min) / bins;
        long[] histogram = new long[bins];
        for (float value : values) {
            histogram[Math.min(bins - 1, (int) ((value - min) / binWidth))]++;
        }
        double totalSum = 0;
        for (int b = 0; b < bins; b++) {
            totalSum += b * (double) histogram[b];
        }
        double bestVariance = -1;
        int bestBin = 0;
        long below = 0;
        double belowSum = 0;
        for (int b = 0; b < bins - 1; b++) {
            below += histogram[b];
            belowSum += b * (double) histogram[b];
            long above = n - below;
            if (below == 0 || above == 0) {
                continue;
            }
            double difference = belowSum / below - (totalSum - belowSum) / above;
            double variance = (double) below * above * difference * difference;
            if (variance > bestVariance) {
                bestVariance = variance;
                bestBin = b;
            }
        }
        return min + (bestBin + 1) * binWidth;
    }

    private static int smoothingPasses(double noise) {
        return noise < 2 ? 1 : noise < 12 ? 2 : 3;
    }

    /** Per block of the background grid, the symmetric {@code q}-quantile of the levels. */
    private double[] blockQuantiles(int[] levels, double q) {
        int grid = BackgroundSurface.gridSide(width, height);
        int[][] histograms = new int[grid * grid][256];
        int[] blockOfColumn = new int[width];
        for (int bx = 0; bx < grid; bx++) {
            for (int x = BackgroundSurface.blockStart(bx, grid, width); x < BackgroundSurface.blockStart(bx + 1, grid, width); x++) {
                blockOfColumn[x] = bx;
            }
        }
        for (int by = 0; by < grid; by++) {
            for (int y = BackgroundSurface.blockStart(by, grid, height); y < BackgroundSurface.blockStart(by + 1, grid, height); y++) {
                int row = y * width;
                for (int x = 0; x < width; x++) {
                    histograms[by * grid + blockOfColumn[x]][levels[row + x]]++;
                }
            }
        }
        double[] values = new double[grid * grid];
        for (int b = 0; b < values.length; b++) {
            long total = 0;
            for (int count : histograms[b]) {
                total += count;
            }
            values[b] = Quantiles.symmetricLevel(histograms[b], total, q);
        }
        return values;
    }

    /** Foreground: above both Otsu's threshold and 5 RMS of the below-background values. */
    private byte[] threshold(float[] flat) {
        byte[] mask = new byte[n];
        float min = Float.POSITIVE_INFINITY;
        float max = Float.NEGATIVE_INFINITY;
        double negativeSquares = 0;
        int negatives = 0;
        for (float value : flat) {
            min = Math.min(min, value);
            max = Math.max(max, value);
            if (value < 0) {
                negativeSquares += (double) value * value;
                negatives++;
            }
        }
        if (max - min < 1) { // flat image: nothing stands out
            return mask;
        }
        double otsu = otsu(flat, min, max);
        double noiseFloor = negatives == 0 ? 0 : 5 * Math.sqrt(negativeSquares / negatives);
        double threshold = Math.max(otsu, noiseFloor);
        for (int i = 0; i < n; i++) {
            mask[i] = flat[i] >= threshold ? (byte) 1 : 0;
        }
        return mask;
    }

    /** Fills the intensity block (layout: {@link ParticleDescriptorExtractor}). */
    private void intensity(int[] rawHistogram, int[] canonicalHistogram, boolean darkParticles, float[] flat,
            double contrast, double noise) {
        int k = INTENSITY_START;
        double sum = 0;
        double sumSquares = 0;
        for (int level = 0; level < 256; level++) {
            sum += (double) level * rawHistogram[level];
            sumSquares += (double) level * level * rawHistogram[level];
        }
        double mean = sum / n;
        out[k++] = mean / 255;
        out[k++] = Math.sqrt(Math.max(0, sumSquares / n - mean * mean)) / 255;
        out[k++] = darkParticles ? 1 : -1;
        out[k++] = Quantiles.symmetricLevel(rawHistogram, n, 0.05) / 255;
        out[k++] = Quantiles.symmetricLevel(rawHistogram, n, 0.5) / 255;
        out[k++] = Quantiles.symmetricLevel(rawHistogram, n, 0.95) / 255;
        double p1 = Quantiles.symmetricLevel(canonicalHistogram, n, 0.01);
        double p50 = Quantiles.symmetricLevel(canonicalHistogram, n, 0.5);
        double p99 = Quantiles.symmetricLevel(canonicalHistogram, n, 0.99);
        double spread = p99 - p1 + 1;
        for (double q : new double[] {0.01, 0.05, 0.25, 0.75, 0.95, 0.99}) {
            out[k++] = (Quantiles.symmetricLevel(canonicalHistogram, n, q) - p50) / spread;
        }
        double[] bins = new double[8];
        for (int level = 0; level < 256; level++) {
            int bin = (int) Math.floor(8 * (level - p1) / spread);
            bins[Math.max(0, Math.min(7, bin))] += canonicalHistogram[level];
        }
        for (int b = 0; b < 8; b++) {
            out[k++] = Math.sqrt(bins[b] / n);
        }
        double flatSum = 0;
        for (float value : flat) {
            flatSum += value;
        }
        double flatMean = flatSum / n;
        double m2 = 0;
        double m3 = 0;
        double m4 = 0;
        for (float value : flat) {
            double d = value - flatMean;
            double d2 = d * d;
            m2 += d2;
            m3 += d2 * d;
            m4 += d2 * d2;
        }
        m2 /= n;
        m3 /= n;
        m4 /= n;
        out[k++] = m2 < 1e-9 ? 0 : m3 / Math.pow(m2, 1.5);
        out[k++] = m2 < 1e-9 ? 0 : Math.log10(Math.max(1, m4 / (m2 * m2)));
        out[k++] = contrast / 255;
        out[k++] = Math.log10(contrast / (noise + 0.5));
        out[k++] = (Quantiles.symmetricLevel(rawHistogram, n, 0.99) - Quantiles.symmetricLevel(rawHistogram, n, 0.01)) / 255;
        check(k, ILLUMINATION_START);
    }

    /** Fills the illumination block from the canonical background surface. */
    private void illumination(BackgroundSurface background, boolean darkParticles) {
        int k = ILLUMINATION_START;
        double[] range = background.range();
        // The surface models the canonical background; the raw background level mirrors it for dark particles.
        double rawLevel = darkParticles ? 255 - background.mean() : background.mean();
        double level = Math.max(8, rawLevel);
        out[k++] = (range[1] - range[0]) / level;
        out[k++] = background.rampMagnitude() / level;
        out[k++] = (darkParticles ? -1 : 1) * background.radialCurvature() / level;
        out[k++] = Math.log10(0.1 + background.residualScale);
        check(k, BLUR_NOISE_START);
    }

    /** Fills the blur and noise block except its edge sharpness, which {@link #texture} computes. */
    private void blurAndNoise(int[] c, double noise, double contrast) {
        int k = BLUR_NOISE_START;
        out[k++] = Math.log10(0.5 + noise);
        out[k++] = Math.log10(0.001 + noise / contrast);
        out[k++] = Math.log10(0.001 + TextureMeasures.laplacianVariance(c, width, height) / (contrast * contrast));
        out[k++] = TextureMeasures.highFrequencyFraction(c, width, height);
        k++; // edge sharpness, filled by texture()
        check(k, TEXTURE_START);
    }

    /** Fills the texture block (and the edge sharpness of the blur and noise block). */
    private void texture(int[] c, int[] canonicalHistogram, double contrast) {
        int k = TEXTURE_START;
        float[] level = TextureMeasures.toFloat(c);
        int levelWidth = width;
        int levelHeight = height;
        double[] p99 = new double[3];
        double[][] lbp = new double[2][];
        for (int scale = 0; scale < 3; scale++) {
            float[] gradient = TextureMeasures.gradientMagnitude(level, levelWidth, levelHeight);
            if (scale == 1) {
                halfScaleGradient = gradient;
                halfScaleWidth = levelWidth;
                halfScaleHeight = levelHeight;
            }
            int[] histogram = new int[4096];
            for (float g : gradient) {
                histogram[Math.min(4095, (int) (g * 20))]++;
            }
            for (double q : new double[] {0.5, 0.9, 0.99}) {
                double value = Quantiles.ofHistogram(histogram, gradient.length, q, 0.05, 0);
                out[k++] = Math.log10(0.001 + value / contrast);
                if (q == 0.99) {
                    p99[scale] = value;
                }
            }
            if (scale < 2) {
                lbp[scale] = TextureMeasures.lbpHistogram(level, levelWidth, levelHeight);
            }
            if (levelWidth >= 6 && levelHeight >= 6) {
                level = TextureMeasures.halve(level, levelWidth, levelHeight);
                levelWidth /= 2;
                levelHeight /= 2;
            }
        }
        out[BLUR_NOISE_START + 4] = Math.log(Math.max(0.05, (p99[0] + 0.05) / (p99[1] + 0.05))) / Math.log(2);
        for (double[] histogram : lbp) {
            for (double fraction : histogram) {
                out[k++] = Math.sqrt(fraction);
            }
        }
        double p1 = Quantiles.symmetricLevel(canonicalHistogram, n, 0.01);
        double p99Level = Quantiles.symmetricLevel(canonicalHistogram, n, 0.99);
        double spread = p99Level - p1 + 1;
        byte[] quantised = new byte[n];
        for (int i = 0; i < n; i++) {
            int q = (int) Math.floor(TextureMeasures.GLCM_LEVELS * (c[i] - p1) / spread);
            quantised[i] = (byte) Math.max(0, Math.min(TextureMeasures.GLCM_LEVELS - 1, q));
        }
        for (double[] glcm : TextureMeasures.cooccurrence(quantised, width, height, new int[] {1, 2, 4, 8})) {
            out[k++] = glcm[0];
            out[k++] = glcm[1];
            out[k++] = glcm[2];
        }
        check(k, MORPHOLOGY_START);
    }

    /** Fills the morphology block from the foreground components and the distance to the background. */
    private void morphology(byte[] mask, Components components, int foregroundCount, int[] distance) {
        int k = MORPHOLOGY_START;
        double pixelArea = (double) factor * factor;
        double megapixels = n * pixelArea / 1e6;
        int count = components.count;
        out[k++] = (double) foregroundCount / n;
        out[k++] = Math.log10(1 + count / megapixels);
        double[] logArea = new double[count];
        double[] weights = new double[count];
        double[] logElongation = new double[count];
        double totalPerimeter = 0;
        double totalArea = 0;
        int nonConvex = 0;
        double nonConvexArea = 0;
        int border = 0;
        for (int i = 0; i < count; i++) {
            logArea[i] = Math.log10(components.area[i] * pixelArea);
            weights[i] = components.area[i];
            logElongation[i] = Math.log(components.elongation[i]);
            totalPerimeter += components.perimeter[i];
            totalArea += components.area[i];
            if (components.solidity[i] < 0.8) {
                nonConvex++;
                nonConvexArea += components.area[i];
            }
            border += components.touchesBorder[i] ? 1 : 0;
        }
        double[] areaQuantiles = Quantiles.ofSample(logArea, new double[] {0.25, 0.5, 0.75}, 0);
        for (double value : areaQuantiles) {
            out[k++] = value;
        }
        for (double q : new double[] {0.25, 0.5, 0.75}) {
            out[k++] = Quantiles.weightedQuantile(logArea, weights, q, 0);
        }
        int maxDistance = 3 * (width + height);
        int[] distanceHistogram = new int[maxDistance + 1];
        int[] ridgeHistogram = new int[maxDistance + 1];
        long ridgeCount = 0;
        double distanceSum = 0;
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int d = distance[y * width + x];
                if (d == 0) {
                    continue;
                }
                distanceHistogram[d]++;
                distanceSum += d;
                if (isRidge(distance, x, y, d)) {
                    ridgeHistogram[d]++;
                    ridgeCount++;
                }
            }
        }
        double toPixels = factor / 3.0;
        out[k++] = log2(1 + (foregroundCount == 0 ? 0 : distanceSum / foregroundCount) * toPixels);
        out[k++] = log2(1 + Quantiles.ofHistogram(ridgeHistogram, ridgeCount, 0.5, 1, 0) * toPixels);
        out[k++] = log2(1 + Quantiles.ofHistogram(distanceHistogram, foregroundCount, 0.9, 1, 0) * toPixels);

        // Shapes cut by the image border are not the particles' shapes: use whole ones when there are any.
        boolean[] shapeSample = new boolean[count];
        boolean anyWhole = border < count;
        for (int i = 0; i < count; i++) {
            shapeSample[i] = !anyWhole || !components.touchesBorder[i];
        }
        double[] elongation = Quantiles.ofSample(select(logElongation, shapeSample), new double[] {0.5, 0.9}, 0);
        out[k++] = elongation[0];
        out[k++] = elongation[1];
        double[] circularity = Quantiles.ofSample(select(clamp(components.circularity, 1.5), shapeSample), new double[] {0.5, 0.1}, 1);
        out[k++] = circularity[0];
        out[k++] = circularity[1];
        double[] solidity = Quantiles.ofSample(select(components.solidity, shapeSample), new double[] {0.5, 0.1}, 1);
        out[k++] = solidity[0];
        out[k++] = solidity[1];
        double[] rectangularity = Quantiles.ofSample(select(components.rectangularity, shapeSample), new double[] {0.5, 0.75}, 1);
        out[k++] = rectangularity[0];
        out[k++] = rectangularity[1];
        out[k++] = count == 0 ? 0 : (double) nonConvex / count;
        out[k++] = totalArea == 0 ? 0 : nonConvexArea / totalArea;
        out[k++] = totalArea == 0 ? 0 : Math.log10(1e-3 + totalPerimeter / totalArea / factor);
        out[k++] = blockVariation(mask);
        out[k++] = count == 0 ? 0 : (double) border / count;
        check(k, APPEARANCE_START);
    }

    /** Fills the appearance block: the particles' radial profile and the texture inside and around them. */
    private void appearance(byte[] mask, float[] flat, int[] distance, double contrast) {
        int k = APPEARANCE_START;
        byte[] inverse = new byte[n];
        for (int i = 0; i < n; i++) {
            inverse[i] = (byte) (1 - mask[i]);
        }
        int[] outside = TextureMeasures.distanceToBackground(inverse, width, height);
        // Radial profile bands by chamfer distance (1/3 px): inside 1, 2, 3, >3 px; outside 1, 2-3 px.
        double[] bandSum = new double[6];
        long[] bandCount = new long[6];
        double interiorSum = 0;
        double interiorSquares = 0;
        long interiorCount = 0;
        double backgroundSum = 0;
        double backgroundSquares = 0;
        long backgroundCount = 0;
        int[] interiorGradient = new int[4096];
        int[] backgroundGradient = new int[4096];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int i = y * width + x;
                int d = distance[i];
                double value = flat[i];
                int gradientBin = gradientBin(x, y);
                int band;
                if (d == 0) {
                    int o = outside[i];
                    band = o <= 4 ? 4 : o <= 10 ? 5 : -1;
                    if (o > 10) {
                        backgroundSum += value;
                        backgroundSquares += value * value;
                        backgroundCount++;
                        if (gradientBin >= 0) {
                            backgroundGradient[gradientBin]++;
                        }
                    }
                } else {
                    band = d <= 4 ? 0 : d <= 7 ? 1 : d <= 10 ? 2 : 3;
                    if (d >= INTERIOR_DISTANCE) {
                        interiorSum += value;
                        interiorSquares += value * value;
                        interiorCount++;
                        if (gradientBin >= 0) {
                            interiorGradient[gradientBin]++;
                        }
                    }
                }
                if (band >= 0) {
                    bandSum[band] += value;
                    bandCount[band]++;
                }
            }
        }
        double backgroundMean = backgroundCount == 0 ? 0 : backgroundSum / backgroundCount;
        for (int band = 0; band < 6; band++) {
            // Without pixels in a band, use the neighbouring band inward (a thin particle's centre is its rim).
            int source = band;
            while (bandCount[source] == 0 && source > 0 && source != 4) {
                source--;
            }
            double mean = bandCount[source] == 0 ? backgroundMean : bandSum[source] / bandCount[source];
            out[k++] = (mean - backgroundMean) / contrast;
        }
        out[k++] = spread(interiorSum, interiorSquares, interiorCount) / contrast;
        out[k++] = spread(backgroundSum, backgroundSquares, backgroundCount) / contrast;
        out[k++] = Math.log10(0.001 + Quantiles.ofHistogram(interiorGradient, total(interiorGradient), 0.5, 0.05, 0) / contrast);
        out[k++] = Math.log10(0.001 + Quantiles.ofHistogram(backgroundGradient, total(backgroundGradient), 0.5, 0.05, 0) / contrast);
        check(k, DIMENSION);
    }

    /** Histogram bin (0.05 levels) of the half-scale gradient at full-resolution pixel {@code (x, y)}; -1 off its interior. */
    private int gradientBin(int x, int y) {
        int hx = x / 2;
        int hy = y / 2;
        if (halfScaleGradient.length == 0 || hx < 1 || hy < 1 || hx >= halfScaleWidth - 1 || hy >= halfScaleHeight - 1) {
            return -1;
        }
        return Math.min(4095, (int) (halfScaleGradient[(hy - 1) * (halfScaleWidth - 2) + hx - 1] * 20));
    }

    private static double spread(double sum, double squares, long count) {
        if (count == 0) {
            return 0;
        }
        double mean = sum / count;
        return Math.sqrt(Math.max(0, squares / count - mean * mean));
    }

    private static long total(int[] histogram) {
        long total = 0;
        for (int count : histogram) {
            total += count;
        }
        return total;
    }

    private boolean isRidge(int[] distance, int x, int y, int d) {
        for (int dy = -1; dy <= 1; dy++) {
            for (int dx = -1; dx <= 1; dx++) {
                int nx = x + dx;
                int ny = y + dy;
                if ((dx != 0 || dy != 0) && nx >= 0 && ny >= 0 && nx < width && ny < height
                        && distance[ny * width + nx] > d) {
                    return false;
                }
            }
        }
        return true;
    }

    /** Coefficient of variation of the foreground fraction over a 4 x 4 grid of blocks (0 without foreground). */
    private double blockVariation(byte[] mask) {
        double[] fractions = new double[16];
        for (int by = 0; by < 4; by++) {
            for (int bx = 0; bx < 4; bx++) {
                int count = 0;
                int total = 0;
                for (int y = BackgroundSurface.blockStart(by, 4, height); y < BackgroundSurface.blockStart(by + 1, 4, height); y++) {
                    for (int x = BackgroundSurface.blockStart(bx, 4, width); x < BackgroundSurface.blockStart(bx + 1, 4, width); x++) {
                        count += mask[y * width + x];
                        total++;
                    }
                }
                fractions[by * 4 + bx] = (double) count / total;
            }
        }
        double mean = 0;
        for (double f : fractions) {
            mean += f / 16;
        }
        if (mean <= 0) {
            return 0;
        }
        double variance = 0;
        for (double f : fractions) {
            variance += (f - mean) * (f - mean) / 16;
        }
        return Math.sqrt(variance) / mean;
    }

    private static double[] select(double[] values, boolean[] selected) {
        int count = 0;
        for (boolean s : selected) {
            count += s ? 1 : 0;
        }
        double[] result = new double[count];
        for (int i = 0, j = 0; i < values.length; i++) {
            if (selected[i]) {
                result[j++] = values[i];
            }
        }
        return result;
    }

    private static double[] clamp(double[] values, double max) {
        double[] result = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            result[i] = Math.min(max, values[i]);
        }
        return result;
    }

    private static double log2(double value) {
        return Math.log(value) / Math.log(2);
    }

    private static void check(int index, int expected) {
        if (index != expected) {
            throw new AssertionError("feature layout broken: wrote up to " + index + ", expected " + expected);
        }
    }
}
