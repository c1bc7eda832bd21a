package org.segrank.workspace;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;

/** SHA-256 helpers; digests are always written as 64 lowercase hex characters. */
public final class Sha256 {
    private static final Pattern HEX_64 = Pattern.compile("[0-9a-f]{64}");
    private static final int BUFFER_SIZE = 1 << 16;

    private Sha256() {
    }

    /** Whether the text is a digest in SegRank's spelling (64 lowercase hex characters). */
    public static boolean isValid(String sha256) {
        return sha256 != null && HEX_64.matcher(sha256).matches();
    }

    /**
     * @throws IllegalArgumentException naming the text if it is not 64 lowercase hex characters
     */
    public static String requireValid(String sha256) {
        if (!isValid(sha256)) {
            throw new IllegalArgumentException("not a sha256 digest (64 lowercase hex characters): '" + sha256 + "'");
        }
        return sha256;
    }

    /** The digest of the whole file. */
    public static String of(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return of(in);
        }
    }

    /** The digest of the remaining bytes of the stream (which is read to its end, not closed). */
    public static String of(InputStream in) throws IOException {
        MessageDigest digest = newDigest();
        byte[] buffer = new byte[BUFFER_SIZE];
        for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
            digest.update(buffer, 0, read);
        }
        return hex(digest);
    }

    /** The digest of the bytes. */
    public static String of(byte[] bytes) {
        MessageDigest digest = newDigest();
        digest.update(bytes);
        return hex(digest);
    }

    static MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform must provide SHA-256", e);
        }
    }

    static String hex(MessageDigest digest) {
        return HexFormat.of().formatHex(digest.digest());
    }
}
