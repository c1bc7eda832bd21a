package org.segrank.datasets.corpus;

/** The part of a corpus an image belongs to, as written in the manifest's {@code split} column. */
public enum CorpusSplit {
    /** Training images of the five-class particle classifier. */
    CLASSIFICATION_TRAIN("classification-train"),
    /** Representative images whose per-model APs are known. */
    CANDIDATE("candidate"),
    /** Images to rank models for. */
    QUERY("query"),
    /** One model's fine-tuning subset; the manifest adds the regime: {@code finetune:<regime-name>}. */
    FINE_TUNING("finetune");

    private final String label;

    CorpusSplit(String label) {
        this.label = label;
    }

    /** The manifest value for an image of this split drawn from {@code regime}. */
    public String manifestLabel(Regime regime) {
        return this == FINE_TUNING ? label + ":" + regime.name() : label;
    }

    /** The manifest value without the regime, e.g. {@code "candidate"} or {@code "finetune"}. */
    public String label() {
        return label;
    }
}
