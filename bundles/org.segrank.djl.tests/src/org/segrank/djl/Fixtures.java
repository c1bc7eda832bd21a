package org.segrank.djl;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

import javax.imageio.ImageIO;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The committed test fixture ({@code org.segrank.djl.tests/fixtures}, made by {@code export_tiny_maskrcnn.py}): the
 * tiny Mask R-CNN as ONNX and TorchScript, two images and the outputs recorded in Python.
 *
 * <p>The folder is found from the system property {@code segrank.djl.fixtures}, else by looking for
 * {@code fixtures/} or {@code bundles/org.segrank.djl.tests/fixtures/} in the working directory and its parents
 * (Tycho runs tests in {@code target/work} of the bundle), else as class path resources {@code fixtures/...}
 * copied to a temporary folder.
 */
final class Fixtures {

    static final String ONNX_MODEL = "tiny_maskrcnn.onnx";
    static final String TORCHSCRIPT_MODEL = "tiny_maskrcnn_scripted.pt";
    static final String TORCHVISION_OPS_MODEL = "calls_torchvision_nms_scripted.pt";
    static final String NOT_MASK_RCNN_MODEL = "not_maskrcnn.onnx";
    private static final String EXPECTED = "expected_outputs.json";
    private static final String[] FILES = {ONNX_MODEL, TORCHSCRIPT_MODEL, TORCHVISION_OPS_MODEL, NOT_MASK_RCNN_MODEL,
            EXPECTED, "image_a.png", "image_b.png"};

    private static Path directory;

    private Fixtures() {
    }

    /** One recorded detection. */
    record ExpectedDetection(float score, int label, float[] box, int maskArea, int uncertainPixels) {
    }

    /** One recorded run: an image, the model input size used (or null), the detections in score order. */
    record ExpectedCase(String name, String image, int height, int width, Integer inputHeight, Integer inputWidth,
            List<ExpectedDetection> detections) {
    }

    static synchronized Path directory() {
        if (directory == null) {
            directory = locate();
        }
        return directory;
    }

    static Path file(String name) {
        return directory().resolve(name);
    }

    static BufferedImage image(String name) {
        try {
            BufferedImage image = ImageIO.read(file(name).toFile());
            if (image == null) {
                throw new IllegalStateException("not an image: " + file(name));
            }
            return image;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static JsonNode expectedJson() {
        try {
            return new ObjectMapper().readTree(file(EXPECTED).toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static float maskThreshold() {
        return (float) expectedJson().get("mask_threshold").asDouble();
    }

    static List<ExpectedCase> cases() {
        List<ExpectedCase> cases = new ArrayList<>();
        for (JsonNode node : expectedJson().get("cases")) {
            List<ExpectedDetection> detections = new ArrayList<>();
            for (JsonNode d : node.get("detections")) {
                JsonNode box = d.get("box");
                detections.add(new ExpectedDetection((float) d.get("score").asDouble(), d.get("label").asInt(),
                        new float[] {(float) box.get(0).asDouble(), (float) box.get(1).asDouble(),
                                (float) box.get(2).asDouble(), (float) box.get(3).asDouble()},
                        d.get("mask_area").asInt(), d.get("mask_uncertain_pixels").asInt()));
            }
            JsonNode size = node.get("input_size");
            boolean resized = size != null && !size.isNull();
            cases.add(new ExpectedCase(node.get("name").asText(), node.get("image").asText(),
                    node.get("height").asInt(), node.get("width").asInt(),
                    resized ? size.get("height").asInt() : null, resized ? size.get("width").asInt() : null,
                    detections));
        }
        return cases;
    }

    static ExpectedCase expectedCase(String name) {
        return cases().stream().filter(c -> c.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalStateException("no fixture case " + name));
    }

    private static Path locate() {
        String property = System.getProperty("segrank.djl.fixtures");
        if (property != null) {
            return requireComplete(Path.of(property));
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            for (Path candidate : new Path[] {dir.resolve("fixtures"),
                    dir.resolve("bundles/org.segrank.djl.tests/fixtures")}) {
                if (Files.isRegularFile(candidate.resolve(EXPECTED))) {
                    return requireComplete(candidate);
                }
            }
        }
        return copyFromClassPath();
    }

    private static Path copyFromClassPath() {
        try {
            Path copy = Files.createTempDirectory("segrank-djl-fixtures");
            for (String name : FILES) {
                URL url = Fixtures.class.getResource("/fixtures/" + name);
                if (url == null) {
                    throw new IllegalStateException("test fixture " + name + " not found: set -Dsegrank.djl.fixtures"
                            + " or run from the bundle folder (working directory " + Path.of("").toAbsolutePath()
                            + ")");
                }
                try (InputStream in = url.openStream()) {
                    Files.copy(in, copy.resolve(name), StandardCopyOption.REPLACE_EXISTING);
                }
                copy.resolve(name).toFile().deleteOnExit();
            }
            copy.toFile().deleteOnExit();
            return copy;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path requireComplete(Path dir) {
        for (String name : FILES) {
            if (!Files.isRegularFile(dir.resolve(name))) {
                throw new IllegalStateException("test fixture folder " + dir + " lacks " + name
                        + " (regenerate with export_tiny_maskrcnn.py)");
            }
        }
        return dir;
    }
}
