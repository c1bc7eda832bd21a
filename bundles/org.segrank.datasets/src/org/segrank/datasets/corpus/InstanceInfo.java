package org.segrank.datasets.corpus;

import java.util.Objects;

/**
 * Metadata of one instance of a {@link GeneratedImage}, consistent with its label map.
 *
 * @param id the instance's label, {@code 1..n} in drawing order (later instances occlude earlier ones)
 * @param kind what the particle is
 * @param area visible pixels: exactly the label map's pixels equal to {@code id}
 * @param unoccludedArea pixels of the particle inside the image before later particles covered it;
 *        {@code >= area}
 * @param x left column of the visible pixels' bounding box
 * @param y top row of that box
 * @param width box width in pixels (inclusive extent: {@code maxX - x + 1})
 * @param height box height in pixels
 * @param touching whether some pixel of this instance is 4-adjacent to a pixel of another instance
 */
public record InstanceInfo(int id, ParticleKind kind, int area, int unoccludedArea, int x, int y, int width,
        int height, boolean touching) {

    public InstanceInfo {
        Objects.requireNonNull(kind, "kind must not be null");
        if (id < 1 || area < 1 || unoccludedArea < area || width < 1 || height < 1 || x < 0 || y < 0) {
            throw new IllegalArgumentException("inconsistent instance " + id + ": area " + area + ", unoccluded "
                    + unoccludedArea + ", box " + x + "," + y + " " + width + "x" + height);
        }
    }

    /** Whether a later particle hides part of this one. */
    public boolean occluded() {
        return area < unoccludedArea;
    }
}
