package org.segrank.core;

import java.util.Objects;

/**
 * Identifier of an image (a query image or a representative image), e.g. its file name.
 *
 * <p>Ordered by the natural {@link String} order of the value, so reports that list images are
 * deterministic.
 *
 * @param value the identifier; must not be {@code null} or blank
 */
public record ImageId(String value) implements Comparable<ImageId> {

    public ImageId {
        Objects.requireNonNull(value, "image id must not be null");
        if (value.isBlank()) {
            throw new IllegalArgumentException("image id must not be blank");
        }
    }

    @Override
    public int compareTo(ImageId other) {
        return value.compareTo(other.value);
    }

    @Override
    public String toString() {
        return value;
    }
}
