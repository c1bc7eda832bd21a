package org.segrank.workspace;

import java.nio.file.Path;
import java.util.Objects;

/**
 * A file in the workspace's content-addressed store.
 *
 * @param sha256 the content's digest, which is also its name in the store
 * @param sizeBytes the content's length
 * @param path where the content lives (read it, never write it)
 * @param newlyStored {@code true} if this call added the content, {@code false} if identical
 *     content was already there
 */
public record StoredFile(String sha256, long sizeBytes, Path path, boolean newlyStored) {
    public StoredFile {
        Sha256.requireValid(sha256);
        Objects.requireNonNull(path, "path");
    }
}
