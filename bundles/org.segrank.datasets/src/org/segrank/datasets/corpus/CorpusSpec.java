package org.segrank.datasets.corpus;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * What a corpus contains. Defaults follow the paper: 449 classification-training images over the five
 * classes, 250 candidates, 275 queries, plus a fine-tuning subset per fine-tuning regime (39 x 24 by
 * default), all 512 x 512.
 *
 * <p>The plan ({@link #entries()}) is a pure function of the spec and prefix-stable: an image's name,
 * regime and seed depend only on the master seed, its split and its index, never on the counts, so a
 * larger spec with the same master seed and image size extends a smaller one.
 * <ul>
 *   <li>Classification image {@code i} has class {@code ParticleKind.values()[i % 5]} (so 449 gives
 *       90/90/90/90/89) and a regime of that kind, cycling through the kind's fine-tuning regimes in a
 *       seeded order.</li>
 *   <li>Candidates and queries cycle through all 39 regimes, each cycle in a fresh seeded order, so
 *       every regime appears {@code floor(n / 39)} or one more times.</li>
 *   <li>Fine-tuning: {@code fineTuningImagesPerRegime} images of each regime.</li>
 * </ul>
 *
 * @param classificationImages classification-training images, {@code >= 0}
 * @param candidateImages candidate images, {@code >= 0}
 * @param queryImages query images, {@code >= 0}
 * @param fineTuningImagesPerRegime images per fine-tuning subset, {@code >= 0}
 * @param width image width in pixels
 * @param height image height in pixels
 * @param masterSeed seed every image seed derives from
 */
public record CorpusSpec(int classificationImages, int candidateImages, int queryImages,
        int fineTuningImagesPerRegime, int width, int height, long masterSeed) {

    public static final int PAPER_CLASSIFICATION_IMAGES = 449;
    public static final int PAPER_CANDIDATE_IMAGES = 250;
    public static final int PAPER_QUERY_IMAGES = 275;
    public static final int DEFAULT_FINE_TUNING_IMAGES_PER_REGIME = 24;
    public static final int DEFAULT_SIDE = 512;
    public static final long DEFAULT_MASTER_SEED = 20_240_601L;

    public CorpusSpec {
        requireNonNegative("classificationImages", classificationImages);
        requireNonNegative("candidateImages", candidateImages);
        requireNonNegative("queryImages", queryImages);
        requireNonNegative("fineTuningImagesPerRegime", fineTuningImagesPerRegime);
        if (width < ParticleImageGenerator.MIN_SIDE || height < ParticleImageGenerator.MIN_SIDE
                || width > ParticleImageGenerator.MAX_SIDE || height > ParticleImageGenerator.MAX_SIDE) {
            throw new IllegalArgumentException("image size must be within " + ParticleImageGenerator.MIN_SIDE + ".."
                    + ParticleImageGenerator.MAX_SIDE + ", got " + width + "x" + height);
        }
    }

    /** The paper's corpus: 449 / 250 / 275, 39 x 24 fine-tuning images, 512 x 512, the default seed. */
    public static CorpusSpec defaults() {
        return new CorpusSpec(PAPER_CLASSIFICATION_IMAGES, PAPER_CANDIDATE_IMAGES, PAPER_QUERY_IMAGES,
                DEFAULT_FINE_TUNING_IMAGES_PER_REGIME, DEFAULT_SIDE, DEFAULT_SIDE, DEFAULT_MASTER_SEED);
    }

    /** A CI-sized corpus: 50 / 40 / 40, 39 x 6 fine-tuning images, 256 x 256, the default seed. */
    public static CorpusSpec quick() {
        return new CorpusSpec(50, 40, 40, 6, 256, 256, DEFAULT_MASTER_SEED);
    }

    public CorpusSpec withClassificationImages(int count) {
        return new CorpusSpec(count, candidateImages, queryImages, fineTuningImagesPerRegime, width, height,
                masterSeed);
    }

    public CorpusSpec withCandidateImages(int count) {
        return new CorpusSpec(classificationImages, count, queryImages, fineTuningImagesPerRegime, width, height,
                masterSeed);
    }

    public CorpusSpec withQueryImages(int count) {
        return new CorpusSpec(classificationImages, candidateImages, count, fineTuningImagesPerRegime, width, height,
                masterSeed);
    }

    public CorpusSpec withFineTuningImagesPerRegime(int count) {
        return new CorpusSpec(classificationImages, candidateImages, queryImages, count, width, height, masterSeed);
    }

    public CorpusSpec withImageSize(int newWidth, int newHeight) {
        return new CorpusSpec(classificationImages, candidateImages, queryImages, fineTuningImagesPerRegime, newWidth,
                newHeight, masterSeed);
    }

    public CorpusSpec withMasterSeed(long seed) {
        return new CorpusSpec(classificationImages, candidateImages, queryImages, fineTuningImagesPerRegime, width,
                height, seed);
    }

    /** Number of images in the corpus. */
    public int totalImages() {
        return classificationImages + candidateImages + queryImages
                + fineTuningImagesPerRegime * Regime.FINE_TUNING_REGIME_COUNT;
    }

    /**
     * Every image of the corpus in write order: classification, candidates, queries, then the fine-tuning
     * subsets in {@link Regime#fineTuningRegimes()} order.
     */
    public List<CorpusEntry> entries() {
        List<CorpusEntry> entries = new ArrayList<>(totalImages());
        ParticleKind[] kinds = ParticleKind.values();
        for (int i = 0; i < classificationImages; i++) {
            ParticleKind kind = kinds[i % kinds.length];
            List<Regime> regimes = Regime.fineTuningRegimesOf(kind);
            Regime regime = cycledRegime(regimes, "classification/" + kind.code(), i / kinds.length);
            entries.add(entry(CorpusSplit.CLASSIFICATION_TRAIN, "classification-" + number(i), regime));
        }
        for (int i = 0; i < candidateImages; i++) {
            Regime regime = cycledRegime(Regime.fineTuningRegimes(), "candidate", i);
            entries.add(entry(CorpusSplit.CANDIDATE, "candidate-" + number(i), regime));
        }
        for (int i = 0; i < queryImages; i++) {
            Regime regime = cycledRegime(Regime.fineTuningRegimes(), "query", i);
            entries.add(entry(CorpusSplit.QUERY, "query-" + number(i), regime));
        }
        for (Regime regime : Regime.fineTuningRegimes()) {
            for (int i = 0; i < fineTuningImagesPerRegime; i++) {
                entries.add(entry(CorpusSplit.FINE_TUNING, "finetune-" + regime.name() + "-" + number(i), regime));
            }
        }
        return Collections.unmodifiableList(entries);
    }

    /**
     * The settings that decide every file's content (not the counts: see the class comment), compared
     * when resuming into an existing corpus folder.
     */
    String contentFingerprint(int minVisibleArea) {
        return "generator " + ParticleImageGenerator.VERSION + "; size " + width + "x" + height + "; master seed "
                + masterSeed + "; min visible area " + minVisibleArea;
    }

    private CorpusEntry entry(CorpusSplit split, String name, Regime regime) {
        return new CorpusEntry(name, split, regime, RandomSource.derive(masterSeed, name));
    }

    /** Element {@code index} of an endless sequence of seeded shuffles of {@code regimes}. */
    private Regime cycledRegime(List<Regime> regimes, String stream, int index) {
        int cycle = index / regimes.size();
        RandomSource random = new RandomSource(RandomSource.derive(masterSeed, stream + "/cycle-" + cycle));
        List<Regime> order = new ArrayList<>(regimes);
        for (int i = order.size() - 1; i > 0; i--) {
            Collections.swap(order, i, random.nextInt(i + 1));
        }
        return order.get(index % regimes.size());
    }

    private static String number(int index) {
        return String.format(Locale.ROOT, "%04d", index);
    }

    private static void requireNonNegative(String name, int value) {
        if (value < 0) {
            throw new IllegalArgumentException(name + " must be >= 0, got " + value);
        }
    }
}
