package org.segrank.segmenters;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.segrank.core.InvalidInputException;

class CompactModelFileTest {

    private static final String DIGEST = "ab".repeat(32);

    @Test
    void roundTripKeepsHeaderAndParameters(@TempDir Path dir) throws Exception {
        byte[] parameters = { 1, 2, 3, '\n', 0, (byte) 200 };
        CompactModelFile file = new CompactModelFile(256, 0.45, 3, DIGEST, parameters);
        Path path = dir.resolve("m.compact");
        file.write(path);
        CompactModelFile back = CompactModelFile.read(Files.newInputStream(path), "m.compact");
        assertEquals(256, back.workingSide());
        assertEquals(0.45, back.threshold());
        assertEquals(3, back.minArea());
        assertEquals(DIGEST, back.encoderDigest());
        assertArrayEquals(parameters, back.parameters());
    }

    @Test
    void aFileOfAnotherKindIsRefusedByName() {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> CompactModelFile
                .read(new ByteArrayInputStream("PK\u0003\u0004 not ours".getBytes(StandardCharsets.UTF_8)), "model.onnx"));
        assertTrue(e.getMessage().contains("model.onnx"), e.getMessage());
        assertTrue(e.getMessage().contains("not a SegRank compact segmenter"), e.getMessage());
    }

    @Test
    void aHeaderWithoutEncoderDigestIsRefused() {
        String text = CompactModelFile.MAGIC + "\n{\"architecture\":\"" + CompactModelFile.ARCHITECTURE + "\",\"workingSide\":256}\nxx";
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> CompactModelFile.read(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), "z.compact"));
        assertTrue(e.getMessage().contains("encoderDigest"), e.getMessage());
    }
}
