package org.segrank.workspace;

import java.nio.file.Path;

/**
 * The outcome of re-hashing a model's artifact.
 *
 * @param path the store file, or {@code null} for a metadata-only model
 * @param actualSha256 the digest the store file has now, or {@code null} if it was not hashed
 */
public record ArtifactVerification(RegisteredModel model, Status status, Path path, String actualSha256) {

    public enum Status {
        /** The store file has the registered digest. */
        OK,
        /** The model has no artifact; nothing to verify. */
        METADATA_ONLY,
        /** The registered digest has no file in the store. */
        MISSING,
        /** The store file's content no longer has the registered digest. */
        CORRUPT
    }

    public boolean isOk() {
        return status == Status.OK || status == Status.METADATA_ONLY;
    }

    /** One line for the user, naming model, file and digests. */
    public String message() {
        return switch (status) {
            case OK -> model.qualifiedName() + ": artifact OK (sha256 " + model.artifactSha256() + ")";
            case METADATA_ONLY -> model.qualifiedName() + ": metadata-only model, no artifact to verify";
            case MISSING -> model.qualifiedName() + ": artifact " + model.artifactSha256() + " is missing from the store ("
                    + path + ")";
            case CORRUPT -> model.qualifiedName() + ": artifact " + path + " is corrupt: its sha256 is " + actualSha256
                    + ", registered " + model.artifactSha256();
        };
    }
}
