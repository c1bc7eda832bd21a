package org.segrank.report;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * What was run, on what and when: the content of the report's "Summary" sheet.
 *
 * @param experimentName human-readable experiment name
 * @param experimentId experiment id in the workspace database
 * @param datasetName dataset the experiment ran on
 * @param candidateSplit split the representatives (candidates) were drawn from
 * @param querySplit split of the query images
 * @param startedAt start of the run
 * @param finishedAt end of the run; {@code null} if not recorded. Not before {@code startedAt}.
 * @param settings ordered label/value pairs (e.g. "PCA dimensions" -> "2", "k" -> "250, 125, 50, 25");
 *     iteration order is display order
 * @param versions ordered component/version pairs (SegRank, Java, DJL, ...)
 * @param datasetChecksum checksum of the dataset content; {@code null} if not recorded
 * @param modelSetChecksum checksum of the model set; {@code null} if not recorded
 * @param queries number of query images in the query split
 * @param excludedQueries how many of those were excluded from the nDCG evaluation because every model's AP on
 *     them is 0 or undefined; {@code 0 <= excludedQueries <= queries}. Reported in the summary, not hidden.
 * @param notes free text; {@code null} for none
 */
public record Summary(String experimentName, long experimentId, String datasetName, String candidateSplit,
        String querySplit, Instant startedAt, Instant finishedAt, Map<String, String> settings,
        Map<String, String> versions, String datasetChecksum, String modelSetChecksum, int queries,
        int excludedQueries, String notes) {

    public Summary {
        Checks.text(experimentName, "experimentName");
        Checks.text(datasetName, "datasetName");
        Checks.text(candidateSplit, "candidateSplit");
        Checks.text(querySplit, "querySplit");
        Objects.requireNonNull(startedAt, "startedAt");
        if (finishedAt != null && finishedAt.isBefore(startedAt)) {
            throw new IllegalArgumentException("finishedAt " + finishedAt + " is before startedAt " + startedAt);
        }
        settings = Checks.orderedMap(settings, "settings");
        versions = Checks.orderedMap(versions, "versions");
        Checks.nonNegative(queries, "queries");
        Checks.nonNegative(excludedQueries, "excludedQueries");
        if (excludedQueries > queries) {
            throw new IllegalArgumentException(
                    "excludedQueries (" + excludedQueries + ") exceeds queries (" + queries + ")");
        }
    }
}
