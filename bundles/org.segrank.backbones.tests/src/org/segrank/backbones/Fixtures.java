package org.segrank.backbones;

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
 * The committed test fixture ({@code org.segrank.backbones.tests/fixtures}, made by {@code export_backbones.py}):
 * a tiny backbone as TorchScript (feature-map output) and ONNX (pooled output, dynamic and fixed batch), three
 * images, their 224 x 224 crops as PIL made them and the features recorded in PyTorch.
 *
 * <p>The folder is found from the system property {@code segrank.backbones.fixtures}, else by looking for
 * {@code fixtures/} or {@code bundles/org.segrank.backbones.tests/fixtures/} in the working directory and its
 * parents (Tycho runs tests in {@code target/work} of the bundle), else as class path resources
 * {@code fixtures/...} copied to a temporary folder.
 */
final class Fixtures {

    static final String TORCHSCRIPT_FEATURE_MAP = "tiny_backbone_featuremap.pt";
    static final String ONNX = "tiny_backbone.onnx";
    static final String ONNX_BATCH_1 = "tiny_backbone_batch1.onnx";
    static final String BAD_OUTPUT = "bad_output_rank3.onnx";
    static final String NOT_A_MODEL = "not_a_model.pt";
    private static final String EXPECTED = "expected_features.json";
    static final List<String> IMAGES = List.of("image_rgb.png", "image_grey.png", "image_large.png");
    private static final String[] FILES = {TORCHSCRIPT_FEATURE_MAP, ONNX, ONNX_BATCH_1, BAD_OUTPUT, NOT_A_MODEL,
            EXPECTED, "image_rgb.png", "image_grey.png", "image_large.png", "crop_image_rgb.png",
            "crop_image_grey.png", "crop_image_large.png"};

    private static Path directory;

    private Fixtures() {
    }

    /** One recorded image: its file, mode, resized size, crop file and PyTorch features. */
    record ExpectedCase(String image, String mode, int resizedWidth, int resizedHeight, String crop,
            float[] features) {
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

    static int dimension() {
        return expectedJson().get("dimension").asInt();
    }

    static List<ExpectedCase> cases() {
        List<ExpectedCase> cases = new ArrayList<>();
        for (JsonNode node : expectedJson().get("cases")) {
            JsonNode values = node.get("features");
            float[] features = new float[values.size()];
            for (int i = 0; i < features.length; i++) {
                features[i] = (float) values.get(i).asDouble();
            }
            cases.add(new ExpectedCase(node.get("image").asText(), node.get("mode").asText(),
                    node.get("resized_width").asInt(), node.get("resized_height").asInt(), node.get("crop").asText(),
                    features));
        }
        return cases;
    }

    static double cosine(float[] a, float[] b) {
        double dot = 0;
        double na = 0;
        double nb = 0;
        for (int i = 0; i < a.length; i++) {
            dot += (double) a[i] * b[i];
            na += (double) a[i] * a[i];
            nb += (double) b[i] * b[i];
        }
        return dot / Math.sqrt(na * nb);
    }

    /** Largest absolute difference over the largest absolute expected value. */
    static double relativeMaxError(float[] actual, float[] expected) {
        double max = 0;
        double scale = 0;
        for (int i = 0; i < expected.length; i++) {
            max = Math.max(max, Math.abs(actual[i] - expected[i]));
            scale = Math.max(scale, Math.abs(expected[i]));
        }
        return max / scale;
    }

    private static Path locate() {
        String property = System.getProperty("segrank.backbones.fixtures");
        if (property != null) {
            return requireComplete(Path.of(property));
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            for (Path candidate : new Path[] {dir.resolve("fixtures"),
                    dir.resolve("bundles/org.segrank.backbones.tests/fixtures")}) {
                if (Files.isRegularFile(candidate.resolve(EXPECTED))) {
                    return requireComplete(candidate);
                }
            }
        }
        return copyFromClassPath();
    }

    private static Path copyFromClassPath() {
        try {
            Path copy = Files.createTempDirectory("segrank-backbones-fixtures");
            for (String name : FILES) {
                URL url = Fixtures.class.getResource("/fixtures/" + name);
                if (url == null) {
                    throw new IllegalStateException("test fixture " + name + " not found: set "
                            + "-Dsegrank.backbones.fixtures or run from the bundle folder (working directory "
                            + Path.of("").toAbsolutePath() + ")");
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
                        + " (regenerate with export_backbones.py)");
            }
        }
        return dir;
    }
}
