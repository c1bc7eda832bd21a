package org.segrank.report;

import java.util.regex.Pattern;

/**
 * One row of the model registry. Only {@code name} is required; other fields may be {@code null} (shown empty).
 *
 * @param name model name
 * @param version model version
 * @param architecture network architecture (e.g. "Mask R-CNN R50-FPN")
 * @param format weights format (e.g. "TorchScript")
 * @param fineTunedOn dataset the model was fine-tuned on
 * @param baseModel pre-trained model it started from
 * @param sha256 SHA-256 of the weights file: 64 hexadecimal digits, or {@code null}
 * @param provenance where the model comes from (free text, may be long)
 */
public record ModelInfo(String name, String version, String architecture, String format, String fineTunedOn,
        String baseModel, String sha256, String provenance) {

    private static final Pattern SHA256 = Pattern.compile("[0-9a-fA-F]{64}");

    public ModelInfo {
        Checks.text(name, "name");
        if (sha256 != null && !SHA256.matcher(sha256).matches()) {
            throw new IllegalArgumentException("sha256 of model " + name + " must be 64 hexadecimal digits");
        }
    }
}
