package org.segrank.workspace;

import java.nio.file.Path;
import java.util.List;

/**
 * The findings of {@link WorkspaceMaintenance#check()}.
 *
 * @param filesChecked store files re-hashed
 * @param corrupt store files whose content no longer matches their name
 * @param missing digests referenced by database rows that have no store file
 * @param orphans store files that no database row references (harmless; e.g. left by a failed
 *     bulk registration)
 * @param strayFiles files in the store's digest tree that are not named like a digest
 */
public record CheckReport(int filesChecked, List<Corrupt> corrupt, List<Missing> missing, List<Orphan> orphans,
        List<Path> strayFiles) {

    public CheckReport {
        corrupt = List.copyOf(corrupt);
        missing = List.copyOf(missing);
        orphans = List.copyOf(orphans);
        strayFiles = List.copyOf(strayFiles);
    }

    /** A store file whose content has digest {@code actualSha256} instead of its name {@code sha256}. */
    public record Corrupt(String sha256, String actualSha256, Path path) {
    }

    /** A referenced digest without a store file, and the rows that reference it. */
    public record Missing(String sha256, Path expectedPath, List<String> referencedBy) {
        public Missing {
            referencedBy = List.copyOf(referencedBy);
        }
    }

    /** A store file no row references. */
    public record Orphan(String sha256, Path path) {
    }

    /** Whether nothing is corrupt or missing (orphans and stray files are not damage). */
    public boolean isHealthy() {
        return corrupt.isEmpty() && missing.isEmpty();
    }

    /** A multi-line report for the user. */
    public String describe() {
        StringBuilder text = new StringBuilder();
        text.append(filesChecked).append(" store files checked: ").append(corrupt.size()).append(" corrupt, ")
                .append(missing.size()).append(" missing, ").append(orphans.size()).append(" unreferenced, ")
                .append(strayFiles.size()).append(" stray\n");
        for (Corrupt file : corrupt) {
            text.append("CORRUPT ").append(file.path()).append(": content sha256 is ").append(file.actualSha256())
                    .append('\n');
        }
        for (Missing file : missing) {
            text.append("MISSING ").append(file.sha256()).append(" referenced by ").append(file.referencedBy())
                    .append('\n');
        }
        for (Orphan file : orphans) {
            text.append("UNREFERENCED ").append(file.path()).append('\n');
        }
        for (Path file : strayFiles) {
            text.append("STRAY ").append(file).append('\n');
        }
        return text.toString();
    }
}
