package org.segrank.retrieval;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads two-dimensional float32 NumPy {@code .npy} files (little-endian {@code '<f4'}, C order, format 1.x or
 * 2.x) as written by {@link NpyWriter} or {@code numpy.save}.
 */
public final class NpyReader {
    private static final Pattern DESCR = Pattern.compile("'descr'\\s*:\\s*'([^']*)'");
    private static final Pattern FORTRAN = Pattern.compile("'fortran_order'\\s*:\\s*(True|False)");
    private static final Pattern SHAPE = Pattern.compile("'shape'\\s*:\\s*\\(\\s*(\\d+)\\s*,\\s*(\\d+)\\s*,?\\s*\\)");

    private NpyReader() {
    }

    /**
     * @throws IOException if the file is not a 2-D little-endian float32 C-order {@code .npy} file
     */
    public static float[][] read(Path file) throws IOException {
        try (InputStream raw = Files.newInputStream(file);
                DataInputStream in = new DataInputStream(new java.io.BufferedInputStream(raw, 1 << 16))) {
            byte[] magic = new byte[8];
            in.readFully(magic);
            if ((magic[0] & 0xff) != 0x93 || magic[1] != 'N' || magic[2] != 'U' || magic[3] != 'M' || magic[4] != 'P'
                    || magic[5] != 'Y') {
                throw new IOException(file + " is not a .npy file");
            }
            int major = magic[6];
            int headerLength;
            if (major == 1) {
                headerLength = Short.toUnsignedInt(Short.reverseBytes(in.readShort()));
            } else if (major == 2 || major == 3) {
                headerLength = Integer.reverseBytes(in.readInt());
            } else {
                throw new IOException(file + ": unsupported .npy version " + major);
            }
            byte[] headerBytes = new byte[headerLength];
            in.readFully(headerBytes);
            String header = new String(headerBytes, StandardCharsets.ISO_8859_1);
            Matcher descr = DESCR.matcher(header);
            Matcher fortran = FORTRAN.matcher(header);
            Matcher shape = SHAPE.matcher(header);
            if (!descr.find() || !fortran.find() || !shape.find()) {
                throw new IOException(file + ": unreadable .npy header " + header.trim());
            }
            if (!descr.group(1).equals("<f4")) {
                throw new IOException(file + ": expected dtype '<f4', got '" + descr.group(1) + "'");
            }
            if (fortran.group(1).equals("True")) {
                throw new IOException(file + ": Fortran-order arrays are not supported");
            }
            int n = Integer.parseInt(shape.group(1));
            int d = Integer.parseInt(shape.group(2));
            float[][] rows = new float[n][d];
            byte[] bytes = new byte[d * Float.BYTES];
            for (int i = 0; i < n; i++) {
                in.readFully(bytes);
                ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(rows[i]);
            }
            return rows;
        }
    }
}
