package org.segrank.experiments;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A stored experiment, and the comparison of two, as lines of text: what {@code segrank experiment show} and
 * {@code experiment compare} print and the UI's Experiments view shows.
 */
public final class ExperimentText {

    private ExperimentText() {
    }

    /** Header, configuration, software, checksums, one line per combination (mean, 95% interval, n, answer times), notes. */
    public static List<String> describe(ExperimentStore store, ExperimentStore.StoredExperiment e) {
        List<String> lines = new ArrayList<>();
        lines.add("experiment " + e.id() + " '" + e.name() + "': " + e.status() + ", started " + e.startedAt() + ", finished "
                + e.finishedAt());
        lines.add("configuration: " + e.config().toJson());
        lines.add("software: " + e.versions());
        lines.add("dataset checksum: " + e.datasetChecksum());
        lines.add("model set checksum: " + e.modelSetChecksum());
        for (Aggregate a : store.aggregates(e)) {
            lines.add(String.format(Locale.ROOT, "  %-48s %.3f [%.3f, %.3f] n=%d excluded=%d%s", a.key().describe(), a.mean(),
                    a.interval().low(), a.interval().high(), a.interval().n(), a.excluded(),
                    a.answerTime() == null ? "" : "  answer time " + a.answerTime().describe()));
        }
        if (e.notes() != null && !e.notes().isBlank()) {
            lines.add("notes:");
            lines.addAll(e.notes().lines().toList());
        }
        return lines;
    }

    /**
     * The paired per-query difference B - A of every combination both experiments have at one cut-off, with 95%
     * bootstrap intervals (A's bootstrap samples and seed).
     *
     * @param cutoff 0 for the full list, else the nDCG cut-off
     */
    public static List<String> compare(ExperimentStore store, ExperimentStore.StoredExperiment a,
            ExperimentStore.StoredExperiment b, int cutoff) {
        List<String> lines = new ArrayList<>();
        lines.add("B - A: experiment " + b.id() + " minus experiment " + a.id() + " (paired over common queries"
                + (cutoff == 0 ? ", full list" : ", @" + cutoff) + ")");
        List<ExperimentComparison.Difference> differences = ExperimentComparison.compare(store.queryScores(a.id()),
                store.queryScores(b.id()), a.config().bootstrapSamples(), a.config().seed());
        for (ExperimentComparison.Difference d : differences) {
            if (d.key().cutoff() == cutoff) {
                lines.add("  " + d.describe());
            }
        }
        if (lines.size() == 1) {
            lines.add("  (no combination in common: different extractors, k or strategies)");
        }
        return lines;
    }
}
