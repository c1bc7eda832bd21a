package org.segrank.segmenters;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import org.segrank.workspace.ApMatrix;
import org.segrank.workspace.Image;
import org.segrank.workspace.RegisteredModel;

/**
 * Is a zoo useful for ranking? From an AP matrix (images x models): how far apart the models are per image, how
 * often each model is the best (the paper's figure 14), and whether the best model changes with the kind of image
 * (per regime, the model that is best most often).
 *
 * <p>Only images with at least one defined AP above zero count ("scored images"); the best model of an image is
 * the highest AP, ties to the model listed first.
 *
 * @param scoredImages images with a positive best AP
 * @param skippedImages images without a defined positive AP (all zero, undefined, failed or missing)
 * @param meanBestAp mean over scored images of the best model's AP
 * @param meanAp mean over scored images and models of AP (undefined cells left out)
 * @param medianSpread median over scored images of best AP minus worst AP
 * @param bestCounts per model (name:version), how many scored images it is best on, most frequent first
 * @param modalBestByRegime per regime (images without one under "-"), the model best most often there
 */
public record ZooReport(int scoredImages, int skippedImages, double meanBestAp, double meanAp, double medianSpread,
        Map<String, Integer> bestCounts, Map<String, String> modalBestByRegime) {

    public static ZooReport of(ApMatrix matrix) {
        List<Image> images = matrix.images();
        List<RegisteredModel> models = matrix.models();
        int[] counts = new int[models.size()];
        Map<String, int[]> perRegime = new TreeMap<>();
        List<Double> spreads = new ArrayList<>();
        double bestSum = 0;
        double apSum = 0;
        long apCount = 0;
        int scored = 0;
        for (int i = 0; i < images.size(); i++) {
            int best = -1;
            double worst = Double.POSITIVE_INFINITY;
            for (int m = 0; m < models.size(); m++) {
                double ap = matrix.ap(i, m);
                if (Double.isNaN(ap)) {
                    continue;
                }
                if (best < 0 || ap > matrix.ap(i, best)) {
                    best = m;
                }
                worst = Math.min(worst, ap);
            }
            if (best < 0 || !(matrix.ap(i, best) > 0)) {
                continue;
            }
            scored++;
            counts[best]++;
            bestSum += matrix.ap(i, best);
            spreads.add(matrix.ap(i, best) - worst);
            for (int m = 0; m < models.size(); m++) {
                if (!Double.isNaN(matrix.ap(i, m))) {
                    apSum += matrix.ap(i, m);
                    apCount++;
                }
            }
            String regime = images.get(i).regime() == null ? "-" : images.get(i).regime();
            perRegime.computeIfAbsent(regime, r -> new int[models.size()])[best]++;
        }
        Integer[] order = new Integer[models.size()];
        for (int m = 0; m < order.length; m++) {
            order[m] = m;
        }
        Arrays.sort(order, (a, b) -> counts[a] != counts[b] ? Integer.compare(counts[b], counts[a]) : Integer.compare(a, b));
        Map<String, Integer> bestCounts = new LinkedHashMap<>();
        for (int m : order) {
            bestCounts.put(models.get(m).qualifiedName(), counts[m]);
        }
        Map<String, String> modal = new LinkedHashMap<>();
        for (Map.Entry<String, int[]> entry : perRegime.entrySet()) {
            int[] c = entry.getValue();
            int top = 0;
            for (int m = 1; m < c.length; m++) {
                if (c[m] > c[top]) {
                    top = m;
                }
            }
            modal.put(entry.getKey(), models.get(top).qualifiedName());
        }
        double median = Double.NaN;
        if (!spreads.isEmpty()) {
            spreads.sort(null);
            int n = spreads.size();
            median = n % 2 == 1 ? spreads.get(n / 2) : (spreads.get(n / 2 - 1) + spreads.get(n / 2)) / 2;
        }
        return new ZooReport(scored, images.size() - scored, scored == 0 ? Double.NaN : bestSum / scored,
                apCount == 0 ? Double.NaN : apSum / apCount, median, bestCounts, modal);
    }

    /** Models that are best on at least one scored image. */
    public int distinctBestModels() {
        return (int) bestCounts.values().stream().filter(c -> c > 0).count();
    }

    /** Distinct models among the regimes' modal best models. */
    public int distinctRegimeWinners() {
        return (int) modalBestByRegime.values().stream().distinct().count();
    }

    /** A plain-text summary with the best-model histogram (bars scaled to 40 characters). */
    public List<String> lines() {
        List<String> lines = new ArrayList<>();
        lines.add(String.format(Locale.ROOT, "scored images: %d (skipped %d with no positive AP)", scoredImages, skippedImages));
        lines.add(String.format(Locale.ROOT, "mean AP %.3f, mean best-model AP %.3f, median per-image spread (best - worst) %.3f",
                meanAp, meanBestAp, medianSpread));
        lines.add(String.format(Locale.ROOT, "distinct best models: %d of %d; distinct per-regime winners: %d over %d regimes",
                distinctBestModels(), bestCounts.size(), distinctRegimeWinners(), modalBestByRegime.size()));
        lines.add("best-model frequency (images on which the model has the highest AP):");
        int max = bestCounts.values().stream().mapToInt(Integer::intValue).max().orElse(0);
        int width = bestCounts.keySet().stream().mapToInt(String::length).max().orElse(10);
        for (Map.Entry<String, Integer> entry : bestCounts.entrySet()) {
            if (entry.getValue() == 0) {
                continue;
            }
            int bar = max == 0 ? 0 : (int) Math.round(40.0 * entry.getValue() / max);
            lines.add(String.format(Locale.ROOT, "  %-" + width + "s %4d %s", entry.getKey(), entry.getValue(), "#".repeat(Math.max(1, bar))));
        }
        long never = bestCounts.values().stream().filter(c -> c == 0).count();
        if (never > 0) {
            lines.add("  (" + never + " models are never best)");
        }
        return lines;
    }
}
