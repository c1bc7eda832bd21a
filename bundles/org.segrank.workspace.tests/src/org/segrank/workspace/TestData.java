package org.segrank.workspace;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/** Small builders shared by the workspace tests. */
final class TestData {
    /** sha256("abc"), the FIPS 180-2 test vector. */
    static final String SHA256_OF_ABC = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";
    /** A syntactically valid COCO compressed RLE string (characters '0'..'o'). */
    static final String RLE = "0R1`0N2O1";

    private TestData() {
    }

    static Path write(Path directory, String name, String content) throws IOException {
        Path file = directory.resolve(name);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content, StandardCharsets.UTF_8);
        return file;
    }

    static NewInstance instance(String category, int height, int width) {
        return new NewInstance(category, RLE, height, width, 12.0, new BoundingBox(1, 2, 3, 4), false);
    }

    /** An image (put into the workspace store) of 64x48 pixels with the given instances. */
    static NewImage image(Workspace workspace, String fileName, String split, NewInstance... instances)
            throws IOException {
        StoredFile stored = workspace.put(new java.io.ByteArrayInputStream(
                ("pixels of " + fileName).getBytes(StandardCharsets.UTF_8)));
        return new NewImage(fileName, stored.sha256(), 64, 48, split, null, null, List.of(instances));
    }

    /** A 64x48 image with one valid instance. */
    static NewImage imageWithInstance(Workspace workspace, String fileName, String split) throws IOException {
        return image(workspace, fileName, split, instance("particle", 48, 64));
    }

    static RegisteredModel metadataOnlyModel(Workspace workspace, String name, String version) throws IOException {
        return workspace.models().register(
                ModelRegistration.builder(name, "mask_rcnn_r50_fpn", ModelFormat.ONNX).version(version).build());
    }

    static long count(Workspace workspace, String table) {
        try (Connection connection = workspace.dataSource().getConnection()) {
            return Database.count(connection, "SELECT COUNT(*) FROM " + table);
        } catch (SQLException e) {
            throw new AssertionError(e);
        }
    }
}
