package org.segrank.metrics.coco;

import java.util.Objects;

/**
 * An entry of the COCO {@code categories} array.
 *
 * @param id category id, referenced as {@code category_id}
 * @param name the {@code name} field ({@code ""} when absent)
 * @param supercategory the {@code supercategory} field, or {@code null} when absent
 */
public record CocoCategory(long id, String name, String supercategory) {

    public CocoCategory {
        Objects.requireNonNull(name, "name");
    }
}
