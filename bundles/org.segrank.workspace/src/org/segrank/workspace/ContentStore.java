package org.segrank.workspace;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * Content-addressed file store: each file is named by the SHA-256 of its content, under
 * {@code store/sha256/<first 2 hex>/<remaining 62 hex>}.
 *
 * <p><b>Guarantees.</b> A file appears under its name only complete and flushed to disk: content
 * is copied to a temporary file in {@code store/tmp} (same file system) while it is hashed, then
 * moved into place atomically. Storing identical content again is idempotent and leaves the
 * existing file untouched, so concurrent writers (UI and CLI in two processes) and readers are
 * safe without locks. The store is append-only: SegRank never deletes from it, so a file
 * referenced by a database row can never disappear because of another operation; unreferenced
 * files (e.g. after a failed bulk registration) are harmless and reported by
 * {@link WorkspaceMaintenance#check()}.
 */
public final class ContentStore {
    static final String OBJECTS_DIRECTORY = "sha256";
    static final String TEMP_DIRECTORY = "tmp";

    private final Path root;
    private final Path objects;
    private final Path temp;

    /** Opens (creating if needed) the store rooted at {@code root}. */
    public ContentStore(Path root) throws IOException {
        this.root = root.toAbsolutePath().normalize();
        this.objects = this.root.resolve(OBJECTS_DIRECTORY);
        this.temp = this.root.resolve(TEMP_DIRECTORY);
        Files.createDirectories(objects);
        Files.createDirectories(temp);
    }

    /**
     * Deletes temporary files older than {@code age}: leftovers of puts that a crash
     * interrupted. Younger ones may belong to a put in progress in another process and are kept.
     *
     * @return how many files were deleted
     */
    public int deleteStaleTempFiles(Duration age) throws IOException {
        Instant cutoff = Instant.now().minus(age);
        int deleted = 0;
        try (Stream<Path> files = Files.list(temp)) {
            for (Path file : files.toList()) {
                try {
                    if (Files.getLastModifiedTime(file).toInstant().isBefore(cutoff) && Files.deleteIfExists(file)) {
                        deleted++;
                    }
                } catch (NoSuchFileException raced) {
                    // finished (moved away) by its writer meanwhile
                }
            }
        }
        return deleted;
    }

    /** The store's root folder. */
    public Path root() {
        return root;
    }

    /** Stores the file's content; see {@link #put(Path, String)}. */
    public StoredFile put(Path file) throws IOException {
        return put(file, null);
    }

    /**
     * Stores the file's content (the file itself is left where it is).
     *
     * @param expectedSha256 the digest the content must have, or {@code null} to accept any
     * @throws ChecksumMismatchException naming the file if the content does not have the expected
     *     digest; nothing is stored then
     */
    public StoredFile put(Path file, String expectedSha256) throws IOException {
        Objects.requireNonNull(file, "file");
        try (InputStream in = Files.newInputStream(file)) {
            return put(in, expectedSha256, file.toString());
        }
    }

    /** Stores the stream's remaining content; see {@link #put(InputStream, String)}. */
    public StoredFile put(InputStream in) throws IOException {
        return put(in, null);
    }

    /**
     * Stores the stream's remaining content; the stream is read to its end but not closed.
     *
     * @param expectedSha256 the digest the content must have, or {@code null} to accept any
     * @throws ChecksumMismatchException if the content does not have the expected digest;
     *     nothing is stored then
     */
    public StoredFile put(InputStream in, String expectedSha256) throws IOException {
        return put(in, expectedSha256, "input stream");
    }

    private StoredFile put(InputStream in, String expectedSha256, String sourceName) throws IOException {
        Objects.requireNonNull(in, "in");
        if (expectedSha256 != null) {
            Sha256.requireValid(expectedSha256);
        }
        Path tempFile = Files.createTempFile(temp, "put-", ".tmp");
        try {
            MessageDigest digest = Sha256.newDigest();
            long size = copyHashingAndSync(in, tempFile, digest);
            String sha256 = Sha256.hex(digest);
            if (expectedSha256 != null && !expectedSha256.equals(sha256)) {
                throw new ChecksumMismatchException(sourceName, "", expectedSha256, sha256);
            }
            Path target = resolve(sha256);
            if (Files.isRegularFile(target) && Files.size(target) == size) {
                // Trusted without re-hashing (that would double the cost of every repeated put);
                // silent corruption of stored files is what WorkspaceMaintenance.check() finds.
                return new StoredFile(sha256, size, target, false);
            }
            // Absent, or a truncated leftover of a crash: (re)place it with the verified content.
            Files.createDirectories(target.getParent());
            moveAtomically(tempFile, target);
            return new StoredFile(sha256, size, target, true);
        } finally {
            Files.deleteIfExists(tempFile);
        }
    }

    private static long copyHashingAndSync(InputStream in, Path tempFile, MessageDigest digest) throws IOException {
        long size = 0;
        byte[] buffer = new byte[1 << 16];
        try (FileChannel channel = FileChannel.open(tempFile, StandardOpenOption.WRITE)) {
            for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
                digest.update(buffer, 0, read);
                ByteBuffer chunk = ByteBuffer.wrap(buffer, 0, read);
                while (chunk.hasRemaining()) {
                    channel.write(chunk);
                }
                size += read;
            }
            // Durable before visible: after a crash a stored name never points at partial content.
            channel.force(true);
        }
        return size;
    }

    private static void moveAtomically(Path source, Path target) throws IOException {
        try {
            Files.move(source, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            throw new IOException("the file system of " + target + " cannot move files atomically; "
                    + "the workspace needs a local file system", e);
        }
    }

    /**
     * Where the content with this digest lives, whether or not it is stored.
     *
     * @throws IllegalArgumentException if {@code sha256} is not 64 lowercase hex characters (so
     *     a digest can never point outside the store)
     */
    public Path resolve(String sha256) {
        Sha256.requireValid(sha256);
        return objects.resolve(sha256.substring(0, 2)).resolve(sha256.substring(2));
    }

    /** Whether content with this digest is stored (its integrity is not checked). */
    public boolean contains(String sha256) {
        return Files.isRegularFile(resolve(sha256));
    }

    /**
     * Opens stored content after verifying that it still has its digest. The whole file is
     * hashed before the stream is returned, so a caller never consumes corrupt bytes.
     *
     * @throws NoSuchFileException if nothing is stored under the digest
     * @throws ChecksumMismatchException naming the store file if its content changed
     */
    public InputStream open(String sha256) throws IOException {
        Path file = resolve(sha256);
        if (!Files.isRegularFile(file)) {
            throw new NoSuchFileException(file.toString(), null, "no content with sha256 " + sha256 + " in the store");
        }
        verify(sha256);
        return Files.newInputStream(file);
    }

    /**
     * Re-hashes stored content.
     *
     * @throws NoSuchFileException if nothing is stored under the digest
     * @throws ChecksumMismatchException naming the store file if its content changed
     */
    public void verify(String sha256) throws IOException {
        Path file = resolve(sha256);
        String actual = Sha256.of(file);
        if (!actual.equals(sha256)) {
            throw new ChecksumMismatchException(file.toString(), "", sha256, actual);
        }
    }

    /** The digests of all stored files, sorted. Files that are not named like a digest are skipped. */
    public List<String> list() throws IOException {
        List<String> digests = new ArrayList<>();
        for (Path file : allFiles()) {
            String digest = digestOf(file);
            if (digest != null) {
                digests.add(digest);
            }
        }
        digests.sort(null);
        return digests;
    }

    /** Files under {@code store/sha256} whose path is not a digest's (they do not belong there). */
    public List<Path> strayFiles() throws IOException {
        List<Path> stray = new ArrayList<>();
        for (Path file : allFiles()) {
            if (digestOf(file) == null) {
                stray.add(file);
            }
        }
        stray.sort(null);
        return stray;
    }

    private List<Path> allFiles() throws IOException {
        try (Stream<Path> walk = Files.walk(objects)) {
            return walk.filter(Files::isRegularFile).toList();
        }
    }

    private String digestOf(Path file) {
        Path relative = objects.relativize(file);
        if (relative.getNameCount() != 2) {
            return null;
        }
        String digest = relative.getName(0).toString() + relative.getName(1);
        return Sha256.isValid(digest) && relative.getName(0).toString().length() == 2 ? digest : null;
    }
}
