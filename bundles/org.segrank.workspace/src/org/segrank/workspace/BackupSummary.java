package org.segrank.workspace;

import java.nio.file.Path;
import java.util.SortedMap;

/**
 * What {@link WorkspaceMaintenance#backup} wrote.
 *
 * @param rowCounts rows per table in the backed-up snapshot
 */
public record BackupSummary(Path file, long sizeBytes, int storeFiles, SortedMap<String, Long> rowCounts) {
}
