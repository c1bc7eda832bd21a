package org.segrank.core;

import java.util.Objects;

/**
 * Name of one instance-segmentation model of the lab, e.g. {@code "mask_rcnn_r50"}.
 *
 * <p>Ordering is the natural {@link String} order of the name (case-sensitive, UTF-16 code
 * unit order, so {@code "m10" < "m2"} and {@code "B" < "a"}). It is used as the final tie-break
 * wherever SegRank has to order models deterministically.
 *
 * @param name the model name; must not be {@code null} or blank
 */
public record ModelId(String name) implements Comparable<ModelId> {

    public ModelId {
        Objects.requireNonNull(name, "model name must not be null");
        if (name.isBlank()) {
            throw new IllegalArgumentException("model name must not be blank");
        }
    }

    @Override
    public int compareTo(ModelId other) {
        return name.compareTo(other.name);
    }

    @Override
    public String toString() {
        return name;
    }
}
