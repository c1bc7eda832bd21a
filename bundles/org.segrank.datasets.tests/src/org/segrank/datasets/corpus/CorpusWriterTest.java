package org.segrank.datasets.corpus;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CorpusWriterTest {

    /** 7 + 5 + 4 + 39 x 1 = 55 images of 48 x 48. */
    private static final CorpusSpec SMALL = new CorpusSpec(7, 5, 4, 1, 48, 48, 99);
    private static final int TOTAL = 55;

    @TempDir
    Path folder;

    @Test
    void writesEveryImageWithTheSpecsSplitCountsAndAManifest() throws IOException {
        List<int[]> calls = new ArrayList<>();
        CorpusWriter.Summary summary = new CorpusWriter().write(SMALL, folder,
                (done, total) -> calls.add(new int[] {done, total}), () -> false);
        assertEquals(TOTAL, summary.written());
        assertEquals(0, summary.skipped());
        assertEquals(TOTAL + 1, calls.size());
        for (int i = 0; i < calls.size(); i++) {
            assertArrayEquals(new int[] {i, TOTAL}, calls.get(i));
        }

        List<String> lines = Files.readAllLines(folder.resolve("manifest.csv"));
        assertEquals("file,label_file,split,class,regime,seed,width,height,instances", lines.get(0));
        assertEquals(TOTAL + 1, lines.size());
        Map<String, Integer> perSplit = new HashMap<>();
        List<CorpusEntry> entries = SMALL.entries();
        for (int i = 1; i < lines.size(); i++) {
            String[] columns = lines.get(i).split(",", -1);
            assertEquals(9, columns.length, lines.get(i));
            CorpusEntry entry = entries.get(i - 1);
            assertEquals(List.of(entry.imageFile(), entry.labelFile(), entry.splitLabel(), entry.kind().code(),
                    entry.regime().name(), Long.toString(entry.seed()), "48", "48"), List.of(columns).subList(0, 8));
            assertTrue(Files.isRegularFile(folder.resolve(columns[0])), columns[0]);
            assertEquals(maxLabel(folder.resolve(columns[1])), Integer.parseInt(columns[8]), columns[1]);
            perSplit.merge(columns[2].startsWith("finetune:") ? "finetune" : columns[2], 1, Integer::sum);
        }
        assertEquals(Map.of("classification-train", 7, "candidate", 5, "query", 4, "finetune", 39), perSplit);
        assertEquals(39, lines.stream().filter(line -> line.contains(",finetune:")).map(line -> line.split(",")[2])
                .distinct().count());

        String corpus = Files.readString(folder.resolve("corpus.json"));
        assertTrue(corpus.contains("\"masterSeed\": 99"), corpus);
        assertTrue(corpus.contains("\"generatorVersion\": \"" + ParticleImageGenerator.VERSION + "\""), corpus);
        assertTrue(corpus.contains("\"status\": \"complete\""), corpus);
        assertTrue(corpus.contains("\"totalImages\": 55"), corpus);
    }

    @Test
    void pngsReadBackIdenticalToTheGeneratedImage() throws IOException {
        new CorpusWriter().write(SMALL, folder, CorpusWriter.ProgressListener.NONE, () -> false);
        ParticleImageGenerator generator = new ParticleImageGenerator();
        for (CorpusEntry entry : SMALL.entries().subList(0, 20)) {
            GeneratedImage expected = generator.generate(entry.regime(), 48, 48, entry.seed());
            BufferedImage labels = ImageIO.read(folder.resolve(entry.labelFile()).toFile());
            BufferedImage grey = ImageIO.read(folder.resolve(entry.imageFile()).toFile());
            assertEquals(16, labels.getColorModel().getPixelSize(), "16-bit label PNG");
            assertEquals(1, labels.getRaster().getNumBands());
            assertEquals(BufferedImage.TYPE_BYTE_GRAY, grey.getType());
            assertArrayEquals(expected.labels(), labels.getRaster().getSamples(0, 0, 48, 48, 0, (int[]) null),
                    entry.name());
            int[] pixels = new int[48 * 48];
            byte[] expectedPixels = expected.pixels();
            for (int i = 0; i < pixels.length; i++) {
                pixels[i] = expectedPixels[i] & 0xFF;
            }
            assertArrayEquals(pixels, grey.getRaster().getSamples(0, 0, 48, 48, 0, (int[]) null), entry.name());
        }
    }

    @Test
    void rerunSkipsCompleteImagesAndRewritesMissingOrBrokenOnes() throws IOException {
        new CorpusWriter().write(SMALL, folder, CorpusWriter.ProgressListener.NONE, () -> false);
        FileTime old = FileTime.fromMillis(1_000_000_000_000L);
        for (Path file : pngs()) {
            Files.setLastModifiedTime(file, old);
        }
        String manifest = Files.readString(folder.resolve("manifest.csv"));

        CorpusWriter.Summary resumed = new CorpusWriter().write(SMALL, folder, CorpusWriter.ProgressListener.NONE,
                () -> false);
        assertEquals(0, resumed.written());
        assertEquals(TOTAL, resumed.skipped());
        for (Path file : pngs()) {
            assertEquals(old, Files.getLastModifiedTime(file), file.toString());
        }
        assertEquals(manifest, Files.readString(folder.resolve("manifest.csv")));

        List<CorpusEntry> entries = SMALL.entries();
        Files.delete(folder.resolve(entries.get(3).imageFile()));
        Files.delete(folder.resolve(entries.get(10).labelFile()));
        Files.writeString(folder.resolve(entries.get(20).labelFile()), "not a png");
        CorpusWriter.Summary repaired = new CorpusWriter().write(SMALL, folder, CorpusWriter.ProgressListener.NONE,
                () -> false);
        assertEquals(3, repaired.written());
        assertEquals(TOTAL - 3, repaired.skipped());
        assertEquals(manifest, Files.readString(folder.resolve("manifest.csv")));
    }

    @Test
    void cancellationStopsBetweenImagesLeavingCompleteFilesOnlyAndCanBeResumed() throws IOException {
        AtomicInteger finished = new AtomicInteger();
        CorpusWriter writer = new CorpusWriter();
        CancellationException cancelled = assertThrows(CancellationException.class, () -> writer.write(SMALL, folder,
                (done, total) -> finished.set(done), () -> finished.get() >= 10));
        assertTrue(cancelled.getMessage().contains("10 of 55"), cancelled.getMessage());
        try (Stream<Path> files = Files.walk(folder)) {
            assertEquals(List.of(), files.filter(file -> file.toString().endsWith(".tmp")).toList());
        }
        try (Stream<Path> images = Files.list(folder.resolve("images"))) {
            assertEquals(10, images.count());
        }
        assertFalse(Files.exists(folder.resolve("manifest.csv")));
        assertTrue(Files.readString(folder.resolve("corpus.json")).contains("\"status\": \"incomplete\""));

        CorpusWriter.Summary resumed = writer.write(SMALL, folder, CorpusWriter.ProgressListener.NONE, () -> false);
        assertEquals(10, resumed.skipped());
        assertEquals(TOTAL - 10, resumed.written());
    }

    @Test
    void staleTemporaryFilesOfAKilledRunAreRemoved() throws IOException {
        Files.createDirectories(folder.resolve("images"));
        Path stale = folder.resolve("images").resolve("candidate-0000.png.tmp");
        Files.writeString(stale, "half a png");
        new CorpusWriter().write(SMALL.withClassificationImages(0).withFineTuningImagesPerRegime(0), folder,
                CorpusWriter.ProgressListener.NONE, () -> false);
        assertFalse(Files.exists(stale));
    }

    @Test
    void refusesToResumeIntoAFolderWrittenWithOtherContentSettings() throws IOException {
        CorpusSpec tiny = SMALL.withFineTuningImagesPerRegime(0);
        new CorpusWriter().write(tiny, folder, CorpusWriter.ProgressListener.NONE, () -> false);
        assertThrows(IllegalStateException.class, () -> new CorpusWriter().write(tiny.withMasterSeed(100), folder,
                CorpusWriter.ProgressListener.NONE, () -> false));
        assertThrows(IllegalStateException.class, () -> new CorpusWriter().write(tiny.withImageSize(64, 48), folder,
                CorpusWriter.ProgressListener.NONE, () -> false));
        // Only the counts differ: the common images are reused.
        CorpusWriter.Summary grown = new CorpusWriter().write(tiny.withQueryImages(6), folder,
                CorpusWriter.ProgressListener.NONE, () -> false);
        assertEquals(2, grown.written());
        assertEquals(16, grown.skipped());
    }

    @Test
    void parallelWritingProducesTheSameFiles(@TempDir Path parallelFolder) throws IOException {
        CorpusSpec spec = SMALL.withFineTuningImagesPerRegime(0);
        new CorpusWriter().write(spec, folder, CorpusWriter.ProgressListener.NONE, () -> false);
        new CorpusWriter(new ParticleImageGenerator(), 3).write(spec, parallelFolder, CorpusWriter.ProgressListener.NONE,
                () -> false);
        assertEquals(Files.readString(folder.resolve("manifest.csv")),
                Files.readString(parallelFolder.resolve("manifest.csv")));
        for (CorpusEntry entry : spec.entries()) {
            assertArrayEquals(Files.readAllBytes(folder.resolve(entry.labelFile())),
                    Files.readAllBytes(parallelFolder.resolve(entry.labelFile())), entry.name());
            assertArrayEquals(Files.readAllBytes(folder.resolve(entry.imageFile())),
                    Files.readAllBytes(parallelFolder.resolve(entry.imageFile())), entry.name());
        }
    }

    @Test
    void csvValuesAreQuotedOnlyWhenNeeded() {
        assertEquals("finetune:round-small-dense", CorpusWriter.csvValue("finetune:round-small-dense"));
        assertEquals("\"a,b\"", CorpusWriter.csvValue("a,b"));
        assertEquals("\"say \"\"hi\"\"\"", CorpusWriter.csvValue("say \"hi\""));
    }

    private List<Path> pngs() throws IOException {
        try (Stream<Path> files = Files.walk(folder)) {
            return files.filter(file -> file.toString().endsWith(".png")).toList();
        }
    }

    private static int maxLabel(Path labelFile) throws IOException {
        BufferedImage labels = ImageIO.read(labelFile.toFile());
        int max = 0;
        for (int sample : labels.getRaster().getSamples(0, 0, labels.getWidth(), labels.getHeight(), 0, (int[]) null)) {
            max = Math.max(max, sample);
        }
        return max;
    }
}
