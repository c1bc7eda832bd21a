package org.segrank.features;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicInteger;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.segrank.core.InvalidInputException;
import org.segrank.workspace.Image;
import org.segrank.workspace.Workspace;

class FeatureExtractionTest {
    private static final List<String> REGIMES = List.of("round-small-dense", "hair-small-sparse", "minerals-small-dense",
            "square-small-sparse-noisy");
    private static final int COUNT = 12;
    private static final int SIDE = 64;

    @TempDir
    Path folder;

    private Workspace workspace;
    private List<Image> images;
    private final ParticleDescriptorExtractor extractor = new ParticleDescriptorExtractor();

    @BeforeEach
    void open() throws IOException {
        workspace = Workspace.open(folder);
        images = TestImages.dataset(workspace, "particles", REGIMES, COUNT, SIDE);
    }

    @AfterEach
    void close() {
        workspace.close();
    }

    @Test
    void extractsEveryImageInParallelWithTheSameVectorsAsOneByOne() throws IOException {
        List<int[]> calls = new ArrayList<>();
        ExtractionOptions options = ExtractionOptions.defaults().withWorkers(4)
                .withProgress((done, total, rate) -> calls.add(new int[] {done, total}));
        ExtractionReport report = new FeatureExtraction(workspace, extractor).run("particles", null, options);

        assertEquals(COUNT, report.images());
        assertEquals(COUNT, report.extracted());
        assertEquals(0, report.alreadyStored());
        assertEquals(List.of(), report.errors());
        assertTrue(report.imagesPerSecond() > 0);
        assertEquals(COUNT, calls.size());
        for (int i = 0; i < calls.size(); i++) {
            assertArrayEquals(new int[] {i + 1, COUNT}, calls.get(i), "progress call " + i);
        }
        FeatureStore store = FeatureStore.of(workspace);
        FeatureMatrix matrix = store.load(report.featureSet(), null);
        assertEquals(COUNT, matrix.size());
        for (int row = 0; row < matrix.size(); row++) {
            Image image = images.get(row); // both ordered by file name
            assertEquals(image.id(), matrix.imageIds()[row]);
            BufferedImage decoded = ImageIO.read(workspace.resolve(image.sha256()).toFile());
            assertArrayEquals(extractor.extract(decoded), matrix.vectors()[row], image.fileName());
        }
        assertEquals(report.featureSet(), store.findFeatureSet(report.featureSet().extractorId(),
                images.get(0).datasetId(), extractor.settingsHash()).orElseThrow());
    }

    @Test
    void aSecondRunResumesAndExtractsNothing() {
        FeatureExtraction extraction = new FeatureExtraction(workspace, extractor);
        ExtractionReport candidates = extraction.run("particles", "candidate", ExtractionOptions.defaults());
        assertEquals(COUNT / 2, candidates.extracted());

        ExtractionReport all = extraction.run("particles", null, ExtractionOptions.defaults());
        assertEquals(COUNT, all.images());
        assertEquals(COUNT / 2, all.alreadyStored());
        assertEquals(COUNT / 2, all.extracted());
        assertEquals(candidates.featureSet(), all.featureSet());

        AtomicInteger progressCalls = new AtomicInteger();
        ExtractionReport again = extraction.run("particles", null,
                ExtractionOptions.defaults().withProgress((done, total, rate) -> progressCalls.incrementAndGet()));
        assertEquals(0, again.extracted());
        assertEquals(COUNT, again.alreadyStored());
        assertEquals(0, progressCalls.get());
        assertTrue(again.summary().startsWith("12 images: 0 extracted, 12 already stored, 0 failed"), again.summary());
    }

    @Test
    void cancellationKeepsCompleteRowsAndARerunFinishes() throws SQLException {
        AtomicInteger finished = new AtomicInteger();
        ExtractionOptions cancelAfterFive = ExtractionOptions.defaults().withWorkers(1)
                .withProgress((done, total, rate) -> finished.set(done))
                .withCancellation(() -> finished.get() >= 5);
        FeatureExtraction extraction = new FeatureExtraction(workspace, extractor);
        CancellationException cancelled = assertThrows(CancellationException.class,
                () -> extraction.run("particles", null, cancelAfterFive));
        assertTrue(cancelled.getMessage().contains("after 5 of 12"), cancelled.getMessage());

        FeatureStore store = FeatureStore.of(workspace);
        FeatureSet set = featureSet(store);
        assertEquals(5, store.count(set), "one worker stops right after its fifth image");
        assertEquals(5, completeRows(set), "every stored row holds a whole vector");

        ExtractionReport rerun = extraction.run("particles", null, ExtractionOptions.defaults().withWorkers(3));
        assertEquals(5, rerun.alreadyStored());
        assertEquals(7, rerun.extracted());
        assertEquals(COUNT, store.count(set));
    }

    @Test
    void parallelCancellationStoresBetweenNoneAndAllImages() {
        AtomicInteger polls = new AtomicInteger();
        ExtractionOptions options = ExtractionOptions.defaults().withWorkers(3)
                .withCancellation(() -> polls.incrementAndGet() > 4);
        assertThrows(CancellationException.class,
                () -> new FeatureExtraction(workspace, extractor).run("particles", null, options));
        FeatureStore store = FeatureStore.of(workspace);
        FeatureSet set = featureSet(store);
        int stored = store.count(set);
        assertTrue(stored >= 1 && stored <= 4, "stored " + stored);
    }

    @Test
    void corruptImagesAreReportedAndTheRestIsExtracted() throws IOException {
        byte[] png = TestImages.png(TestImages.generated("round-small-dense", SIDE, 1));
        TestImages.addRaw(workspace, "particles", "zz-not-an-image.png", "this is not an image".getBytes(), "candidate");
        TestImages.addRaw(workspace, "particles", "zz-truncated.png", Arrays.copyOf(png, png.length / 2), "candidate");
        TestImages.addRaw(workspace, "particles", "zz-tiny.png", TestImages.png(TestImages.uniform(8, 8, 40)), "candidate");
        Image tampered = TestImages.addRaw(workspace, "particles", "zz-tampered.png",
                TestImages.png(TestImages.generated("hair-small-dense", SIDE, 2)), "candidate");
        Path tamperedFile = workspace.resolve(tampered.sha256());
        Files.write(tamperedFile, TestImages.png(TestImages.uniform(SIDE, SIDE, 3))); // content changed behind the store

        ExtractionReport report = new FeatureExtraction(workspace, extractor).run("particles", null,
                ExtractionOptions.defaults().withWorkers(2));
        assertEquals(COUNT + 4, report.images());
        assertEquals(COUNT, report.extracted());
        List<String> failed = report.errors().stream().map(ExtractionError::fileName).toList();
        assertEquals(List.of("zz-not-an-image.png", "zz-tampered.png", "zz-tiny.png", "zz-truncated.png"), failed);
        for (ExtractionError error : report.errors()) {
            assertTrue(!error.message().isBlank(), error.toString());
        }
        assertTrue(report.errors().get(0).message().contains("not an image"), report.errors().get(0).message());
        assertTrue(report.errors().get(2).message().contains("8x8"), report.errors().get(2).message());

        // Failed images are retried by the next run (and fail again); stored ones are not redone.
        ExtractionReport rerun = new FeatureExtraction(workspace, extractor).run("particles", null,
                ExtractionOptions.defaults());
        assertEquals(COUNT, rerun.alreadyStored());
        assertEquals(0, rerun.extracted());
        assertEquals(4, rerun.errors().size());
    }

    @Test
    void anUnknownDatasetIsRefused() {
        assertThrows(InvalidInputException.class,
                () -> new FeatureExtraction(workspace, extractor).run("no-such-dataset", null, ExtractionOptions.defaults()));
        assertThrows(IllegalArgumentException.class, () -> ExtractionOptions.defaults().withWorkers(0));
    }

    private FeatureSet featureSet(FeatureStore store) {
        RegisteredExtractor registered = store.findExtractor(extractor.name(), extractor.version()).orElseThrow();
        return store.findFeatureSet(registered.id(), images.get(0).datasetId(), extractor.settingsHash()).orElseThrow();
    }

    /** Rows of the set whose vector has exactly 4 bytes per value of its dimension. */
    private int completeRows(FeatureSet set) throws SQLException {
        try (Connection connection = workspace.dataSource().getConnection();
                PreparedStatement query = connection.prepareStatement("SELECT COUNT(*) FROM features"
                        + " WHERE feature_set_id = ? AND dim = ? AND OCTET_LENGTH(vector) = 4 * ?")) {
            query.setLong(1, set.id());
            query.setInt(2, ParticleDescriptorExtractor.DIMENSION);
            query.setInt(3, ParticleDescriptorExtractor.DIMENSION);
            try (ResultSet rows = query.executeQuery()) {
                rows.next();
                return rows.getInt(1);
            }
        }
    }
}
