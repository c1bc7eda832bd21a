package org.segrank.workspace;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** How a model artifact is packaged, i.e. which engine loads it. */
public enum ModelFormat {
    ONNX, TORCHSCRIPT, DJL;

    /** The spelling in the database and in manifests: lowercase. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses {@link #id()} (case-insensitive). */
    public static Optional<ModelFormat> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String wanted = text.strip();
        return Arrays.stream(values()).filter(format -> format.id().equalsIgnoreCase(wanted)).findFirst();
    }
}
