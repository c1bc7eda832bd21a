package org.segrank.workspace;

import org.segrank.core.InvalidInputException;

/**
 * Content whose SHA-256 is not the one it was expected to have: a corrupt or tampered store
 * file, or an artifact that does not match the checksum a manifest declared for it.
 */
public class ChecksumMismatchException extends InvalidInputException {
    private static final long serialVersionUID = 1L;

    private final String expectedSha256;
    private final String actualSha256;

    public ChecksumMismatchException(String source, String location, String expectedSha256, String actualSha256) {
        super(source, location, "content has sha256 " + actualSha256 + " but " + expectedSha256
                + " was expected (the file is corrupt or was modified)");
        this.expectedSha256 = expectedSha256;
        this.actualSha256 = actualSha256;
    }

    public String expectedSha256() {
        return expectedSha256;
    }

    public String actualSha256() {
        return actualSha256;
    }
}
