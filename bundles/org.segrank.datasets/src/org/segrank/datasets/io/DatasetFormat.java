package org.segrank.datasets.io;

import java.util.Locale;

import org.segrank.core.InvalidInputException;

/**
 * The on-disk layouts {@link DatasetImporter} reads. The package documentation describes each layout, its
 * naming rules and how splits and classes are assigned.
 */
public enum DatasetFormat {
    /**
     * Image + binary mask pairs (particles white, background black); instances are the 8-connected
     * components of the mask, so touching particles become ONE instance. Layouts:
     * {@code images/<path>} + {@code masks/<path>}, or {@code <path>/x.png} + {@code <path>/x_mask.png}.
     */
    MASK_PAIRS("mask-pairs"),
    /**
     * Image + instance-label image (8- or 16-bit greyscale, 0 = background, every other value one instance).
     * Layouts: {@code images/<path>} + {@code labels/<path>} (the corpus generator's layout), or
     * {@code <path>/x.png} + {@code <path>/x_label.png}.
     */
    LABEL_PNGS("label-pngs"),
    /**
     * A COCO instances JSON (polygons, uncompressed or compressed RLE, {@code iscrowd}) plus the image folder
     * its {@code file_name}s are relative to.
     */
    COCO_JSON("coco");

    private final String cliName;

    DatasetFormat(String cliName) {
        this.cliName = cliName;
    }

    /** The name used on the command line: {@code mask-pairs}, {@code label-pngs} or {@code coco}. */
    public String cliName() {
        return cliName;
    }

    /**
     * The format with this {@link #cliName() CLI name} or enum constant name, ignoring case; {@code coco-json}
     * is accepted for {@link #COCO_JSON} too.
     *
     * @throws InvalidInputException naming the value and the accepted names if it is none of them
     */
    public static DatasetFormat parse(String name) {
        if (name != null) {
            String key = name.strip().toLowerCase(Locale.ROOT).replace('_', '-');
            for (DatasetFormat format : values()) {
                if (format.cliName.equals(key) || format.name().toLowerCase(Locale.ROOT).replace('_', '-').equals(key)) {
                    return format;
                }
            }
        }
        throw new InvalidInputException("dataset format", "", "'" + name
                + "' is not a dataset format; use mask-pairs, label-pngs or coco");
    }
}
