package org.segrank.retrieval;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes float32 matrices as NumPy {@code .npy} files (format version 1.0, little-endian {@code '<f4'}, C order),
 * for handing benchmark data to Python ({@code numpy.load}).
 */
public final class NpyWriter {
    private static final byte[] MAGIC = { (byte) 0x93, 'N', 'U', 'M', 'P', 'Y' };

    private NpyWriter() {
    }

    /** Writes row arrays (all of one length) as an {@code n x d} matrix. */
    public static void write(Path file, float[][] rows) throws IOException {
        Rows x = Rows.of(rows, "rows");
        write(file, x);
    }

    /** Writes a row-major {@code n x d} array. */
    public static void write(Path file, float[] data, int n, int d) throws IOException {
        write(file, Rows.of(data, n, d, "data"));
    }

    private static void write(Path file, Rows x) throws IOException {
        try (OutputStream out = new java.io.BufferedOutputStream(Files.newOutputStream(file), 1 << 16)) {
            out.write(header(x.n, x.d));
            ByteBuffer row = ByteBuffer.allocate(x.d * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
            for (int i = 0; i < x.n; i++) {
                row.clear();
                row.asFloatBuffer().put(x.array(i), x.offset(i), x.d);
                out.write(row.array());
            }
        }
    }

    /** The version 1.0 header for a float32 {@code n x d} C-order array, padded to a multiple of 64 bytes. */
    static byte[] header(int n, int d) {
        String dict = "{'descr': '<f4', 'fortran_order': False, 'shape': (" + n + ", " + d + "), }";
        int unpadded = MAGIC.length + 2 + 2 + dict.length() + 1;
        int padding = (64 - unpadded % 64) % 64;
        String text = dict + " ".repeat(padding) + "\n";
        byte[] bytes = text.getBytes(StandardCharsets.US_ASCII);
        ByteBuffer header = ByteBuffer.allocate(MAGIC.length + 4 + bytes.length).order(ByteOrder.LITTLE_ENDIAN);
        header.put(MAGIC).put((byte) 1).put((byte) 0).putShort((short) bytes.length).put(bytes);
        return header.array();
    }
}
