package org.segrank.workspace;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ContentStoreTest {
    @TempDir
    Path folder;

    private ContentStore store;

    @BeforeEach
    void openStore() throws IOException {
        store = new ContentStore(folder.resolve("store"));
    }

    @Test
    void putStoresTheContentUnderItsShardedDigest() throws IOException {
        Path source = TestData.write(folder, "input.txt", "abc");
        StoredFile stored = store.put(source);
        assertEquals(TestData.SHA256_OF_ABC, stored.sha256());
        assertEquals(3, stored.sizeBytes());
        assertTrue(stored.newlyStored());
        Path expected = folder.resolve("store/sha256/ba/7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
        assertEquals(expected, stored.path());
        assertEquals(expected, store.resolve(TestData.SHA256_OF_ABC));
        assertEquals("abc", Files.readString(expected));
        assertEquals("abc", Files.readString(source), "the source file is left alone");
    }

    @Test
    void puttingIdenticalContentAgainIsANoOp() throws IOException {
        StoredFile first = store.put(TestData.write(folder, "a.txt", "abc"));
        long modified = Files.getLastModifiedTime(first.path()).toMillis();
        StoredFile second = store.put(new ByteArrayInputStream("abc".getBytes(StandardCharsets.US_ASCII)));
        assertEquals(first.sha256(), second.sha256());
        assertEquals(first.path(), second.path());
        assertFalse(second.newlyStored());
        assertEquals(modified, Files.getLastModifiedTime(first.path()).toMillis());
        assertEquals(List.of(TestData.SHA256_OF_ABC), store.list());
        assertEquals(0, filesIn(folder.resolve("store/tmp")), "no temporary files are left behind");
    }

    @Test
    void openReturnsTheContentAfterVerifyingIt() throws IOException {
        store.put(new ByteArrayInputStream("abc".getBytes(StandardCharsets.US_ASCII)));
        try (InputStream in = store.open(TestData.SHA256_OF_ABC)) {
            assertArrayEquals("abc".getBytes(StandardCharsets.US_ASCII), in.readAllBytes());
        }
    }

    @Test
    void openDetectsATamperedFileAndNamesItAndBothDigests() throws IOException {
        StoredFile stored = store.put(new ByteArrayInputStream("abc".getBytes(StandardCharsets.US_ASCII)));
        Files.writeString(stored.path(), "abd");
        ChecksumMismatchException error = assertThrows(ChecksumMismatchException.class,
                () -> store.open(TestData.SHA256_OF_ABC).close());
        assertEquals(TestData.SHA256_OF_ABC, error.expectedSha256());
        assertEquals(Sha256.of("abd".getBytes(StandardCharsets.US_ASCII)), error.actualSha256());
        assertEquals(stored.path().toString(), error.source());
        assertTrue(error.getMessage().contains(error.actualSha256()), error.getMessage());
        assertTrue(error.getMessage().contains("corrupt"), error.getMessage());
    }

    @Test
    void openOfUnknownContentIsNoSuchFile() {
        NoSuchFileException error = assertThrows(NoSuchFileException.class, () -> store.open("0".repeat(64)));
        assertTrue(error.getMessage().contains("0".repeat(64)), error.getMessage());
    }

    @Test
    void aDigestCanNeverPointOutsideTheStore() {
        assertThrows(IllegalArgumentException.class, () -> store.resolve("../../etc/passwd"));
        assertThrows(IllegalArgumentException.class, () -> store.resolve(TestData.SHA256_OF_ABC.toUpperCase()));
        assertThrows(IllegalArgumentException.class, () -> store.resolve(TestData.SHA256_OF_ABC.substring(1)));
    }

    @Test
    void contentWithAnUnexpectedDigestIsNotStored() throws IOException {
        Path source = TestData.write(folder, "model.onnx", "abc");
        ChecksumMismatchException error = assertThrows(ChecksumMismatchException.class,
                () -> store.put(source, "1".repeat(64)));
        assertEquals(source.toString(), error.source());
        assertEquals(TestData.SHA256_OF_ABC, error.actualSha256());
        assertEquals(List.of(), store.list());
        assertEquals(0, filesIn(folder.resolve("store/tmp")));
        assertEquals(TestData.SHA256_OF_ABC, store.put(source, TestData.SHA256_OF_ABC).sha256());
    }

    @Test
    void aTruncatedLeftoverIsReplacedByTheVerifiedContent() throws IOException {
        Path target = store.resolve(TestData.SHA256_OF_ABC);
        Files.createDirectories(target.getParent());
        Files.writeString(target, "a");
        StoredFile stored = store.put(new ByteArrayInputStream("abc".getBytes(StandardCharsets.US_ASCII)));
        assertTrue(stored.newlyStored());
        assertEquals("abc", Files.readString(target));
    }

    @Test
    void listSkipsAndStrayFilesReportsFilesNotNamedLikeADigest() throws IOException {
        store.put(new ByteArrayInputStream("abc".getBytes(StandardCharsets.US_ASCII)));
        Path stray = TestData.write(folder, "store/sha256/ba/notes.txt", "hello");
        assertEquals(List.of(TestData.SHA256_OF_ABC), store.list());
        assertEquals(List.of(stray), store.strayFiles());
    }

    @Test
    void onlyStaleTemporaryFilesAreDeleted() throws IOException {
        Path stale = TestData.write(folder, "store/tmp/put-1.tmp", "crashed");
        Files.setLastModifiedTime(stale, FileTime.from(Instant.now().minus(Duration.ofDays(2))));
        Path fresh = TestData.write(folder, "store/tmp/put-2.tmp", "in progress");
        assertEquals(1, store.deleteStaleTempFiles(Duration.ofDays(1)));
        assertFalse(Files.exists(stale));
        assertTrue(Files.exists(fresh));
    }

    @Test
    void theWorkspaceExposesTheSameStore() throws IOException {
        try (Workspace workspace = Workspace.open(folder.resolve("ws"))) {
            StoredFile stored = workspace.put(TestData.write(folder, "x.txt", "abc"));
            assertEquals(folder.resolve("ws/store/sha256/ba").resolve(TestData.SHA256_OF_ABC.substring(2)),
                    workspace.resolve(stored.sha256()));
            try (InputStream in = workspace.open(stored.sha256())) {
                assertEquals("abc", new String(in.readAllBytes(), StandardCharsets.US_ASCII));
            }
        }
    }

    private static long filesIn(Path directory) throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            return files.count();
        }
    }
}
