package org.segrank.datasets.corpus;

import java.util.Objects;

/**
 * One planned image of a corpus: {@code ParticleImageGenerator.generate(regime, width, height, seed)}
 * with the spec's size reproduces it exactly.
 *
 * @param name file stem, unique within the corpus, e.g. {@code "candidate-0007"}
 * @param split which part of the corpus
 * @param regime what the image shows
 * @param seed the image's own seed, derived from the master seed and {@code name}
 */
public record CorpusEntry(String name, CorpusSplit split, Regime regime, long seed) {

    public CorpusEntry {
        Objects.requireNonNull(name, "name must not be null");
        Objects.requireNonNull(split, "split must not be null");
        Objects.requireNonNull(regime, "regime must not be null");
    }

    /** The manifest's split value, e.g. {@code "finetune:round-small-dense"}. */
    public String splitLabel() {
        return split.manifestLabel(regime);
    }

    /** The classification class: the regime's particle kind. */
    public ParticleKind kind() {
        return regime.kind();
    }

    /** Path of the grey image relative to the corpus folder, {@code images/<name>.png}. */
    public String imageFile() {
        return CorpusWriter.IMAGES_FOLDER + "/" + name + ".png";
    }

    /** Path of the 16-bit label image relative to the corpus folder, {@code labels/<name>.png}. */
    public String labelFile() {
        return CorpusWriter.LABELS_FOLDER + "/" + name + ".png";
    }
}
