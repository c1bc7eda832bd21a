package org.segrank.workspace;

/**
 * What an AP import did.
 *
 * @param rows data rows read
 * @param inserted pairs that had no result for the settings before
 * @param updated pairs whose previous result was replaced
 * @param runId the evaluation run (status {@code imported}) the rows are attributed to
 */
public record ResultImportSummary(int rows, int inserted, int updated, long runId) {
}
