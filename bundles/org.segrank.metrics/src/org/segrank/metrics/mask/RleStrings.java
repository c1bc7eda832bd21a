package org.segrank.metrics.mask;

import java.util.Arrays;

/**
 * The compressed COCO RLE string codec ({@code rleToString} / {@code rleFrString} of maskApi.c).
 *
 * <p>Each value is split into 5-bit groups, least significant first. A group becomes the character
 * {@code '0' + group}, with {@code 0x20} added when another group follows. The value ends when the remaining
 * (arithmetically shifted) value is 0, or -1 if the last group has its sign bit {@code 0x10} set. Counts with index
 * greater than 2 are stored as the difference to the count two positions before, which keeps them small because
 * neighbouring columns of an object have similar run lengths.
 */
final class RleStrings {

    private static final int FIRST_CHAR = 48;
    private static final int LAST_CHAR = FIRST_CHAR + 63;
    /** Seven 5-bit groups hold 35 bits, enough for any count of a mask below 2^31 pixels. */
    private static final int MAX_GROUPS = 7;

    private RleStrings() {
    }

    static String encode(int[] counts) {
        StringBuilder out = new StringBuilder(counts.length * 2);
        for (int i = 0; i < counts.length; i++) {
            long x = counts[i];
            if (i > 2) {
                x -= counts[i - 2];
            }
            boolean more = true;
            while (more) {
                int group = (int) (x & 0x1f);
                x >>= 5;
                more = (group & 0x10) != 0 ? x != -1 : x != 0;
                if (more) {
                    group |= 0x20;
                }
                out.append((char) (group + FIRST_CHAR));
            }
        }
        return out.toString();
    }

    static int[] decode(String s) {
        int[] counts = new int[s.length()];
        int m = 0;
        int p = 0;
        while (p < s.length()) {
            long x = 0;
            int k = 0;
            boolean more = true;
            while (more) {
                if (p >= s.length()) {
                    throw new IllegalArgumentException(
                            "compressed RLE ends inside a value (last character '" + s.charAt(p - 1) + "')");
                }
                char ch = s.charAt(p);
                if (ch < FIRST_CHAR || ch > LAST_CHAR) {
                    throw new IllegalArgumentException("compressed RLE has invalid character '" + printable(ch)
                            + "' at position " + p + " (allowed: '0'..'o')");
                }
                if (k == MAX_GROUPS) {
                    throw new IllegalArgumentException("compressed RLE value at position " + p + " is too long");
                }
                int c = ch - FIRST_CHAR;
                x |= (long) (c & 0x1f) << (5 * k);
                more = (c & 0x20) != 0;
                p++;
                k++;
                if (!more && (c & 0x10) != 0) {
                    x |= -1L << (5 * k);
                }
            }
            if (m > 2) {
                x += counts[m - 2];
            }
            if (x < 0 || x > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("compressed RLE decodes to invalid count " + x + " (count " + m
                        + ", ending at position " + (p - 1) + ")");
            }
            counts[m++] = (int) x;
        }
        return Arrays.copyOf(counts, m);
    }

    private static String printable(char ch) {
        return ch >= 32 && ch < 127 ? String.valueOf(ch) : String.format("\\u%04x", (int) ch);
    }
}
