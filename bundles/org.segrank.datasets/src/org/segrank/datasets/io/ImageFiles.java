package org.segrank.datasets.io;

import java.awt.image.BufferedImage;
import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.zip.CRC32;

import javax.imageio.IIOException;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

/**
 * Safe decoding of image files: the format is recognised from the content, the size is read from the header
 * and checked against the pixel limit BEFORE any pixel is decoded (a few hundred bytes can claim a
 * 100 000 x 100 000 image), PNG chunk structure and CRCs are verified, and truncation that a decoder only
 * reports as a warning (JPEG) is an error.
 */
final class ImageFiles {

    /** The formats SegRank reads. */
    enum Format {
        PNG(true), JPEG(false), TIFF(true), BMP(true);

        private final boolean lossless;

        Format(boolean lossless) {
            this.lossless = lossless;
        }

        boolean lossless() {
            return lossless;
        }

        /** The format of an ImageIO format name, or {@code null} if SegRank does not read it. */
        static Format ofReaderName(String name) {
            return switch (name.toLowerCase(Locale.ROOT)) {
                case "png" -> PNG;
                case "jpeg", "jpg" -> JPEG;
                case "tif", "tiff" -> TIFF;
                case "bmp" -> BMP;
                default -> null;
            };
        }
    }

    /** File name extensions of the supported formats. */
    static final Set<String> SUPPORTED_EXTENSIONS = Set.of("png", "jpg", "jpeg", "tif", "tiff", "bmp");
    /**
     * Extensions of raster formats SegRank does not read: such files are reported as unsupported instead of
     * being ignored like other non-image files.
     */
    static final Set<String> UNSUPPORTED_IMAGE_EXTENSIONS = Set.of("gif", "webp", "jp2", "j2k", "jpx", "heic",
            "heif", "avif", "exr", "hdr", "pgm", "ppm", "pbm", "pnm", "pam", "psd", "dng", "cr2", "nef", "raw", "ico",
            "wbmp", "svg", "jxl", "czi", "nd2", "lif", "dm3", "dm4", "ser", "mrc");
    static final String SUPPORTED_NAMES = "PNG, JPEG, TIFF, BMP";

    private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
    /** Decoder warnings that mean the pixels are incomplete (JPEG decodes truncated files with a warning). */
    private static final Pattern DAMAGE_WARNING = Pattern.compile(
            "(?i).*(truncat|premature|corrupt|missing|end of (file|stream|data)|out of stream).*");

    private ImageFiles() {
    }

    /** A decoded image. */
    record Decoded(Format format, BufferedImage image) {
        int width() {
            return image.getWidth();
        }

        int height() {
            return image.getHeight();
        }
    }

    /** The lowercase extension of a file name ({@code ""} if none). */
    static String extension(String fileName) {
        int dot = fileName.lastIndexOf('.');
        return dot <= 0 ? "" : fileName.substring(dot + 1).toLowerCase(Locale.ROOT);
    }

    /** The file name without its extension. */
    static String stem(String fileName) {
        int dot = fileName.lastIndexOf('.');
        return dot <= 0 ? fileName : fileName.substring(0, dot);
    }

    /** Whether a file is meant to be an image: a supported or a known unsupported raster extension. */
    static boolean looksLikeImage(String fileName) {
        String extension = extension(fileName);
        return SUPPORTED_EXTENSIONS.contains(extension) || UNSUPPORTED_IMAGE_EXTENSIONS.contains(extension);
    }

    /**
     * Decodes the first image of a file.
     *
     * @param subject how messages name the file, e.g. {@code "image"} or {@code "mask masks/a.png"}
     * @param maxPixels the largest width x height accepted, checked before decoding
     * @param losslessOnly refuse JPEG (masks and label images must be exact)
     * @throws ItemProblem if the file is unreadable, not a supported image, over the pixel limit, truncated or
     *     corrupt
     */
    static Decoded decode(Path file, String subject, long maxPixels, boolean losslessOnly) throws ItemProblem {
        if (UNSUPPORTED_IMAGE_EXTENSIONS.contains(extension(file.getFileName().toString()))) {
            throw new ItemProblem(subject + " has an unsupported format ." + extension(file.getFileName().toString())
                    + " (supported: " + SUPPORTED_NAMES + ")");
        }
        try (ImageInputStream input = ImageIO.createImageInputStream(file.toFile())) {
            if (input == null) {
                throw new ItemProblem(subject + " cannot be opened");
            }
            Iterator<ImageReader> readers = ImageIO.getImageReaders(input);
            if (!readers.hasNext()) {
                throw new ItemProblem(subject + " is not an image in a supported format (" + SUPPORTED_NAMES
                        + "): no decoder recognises its content");
            }
            ImageReader reader = readers.next();
            try {
                Format format = Format.ofReaderName(reader.getFormatName());
                if (format == null) {
                    throw new ItemProblem(subject + " has an unsupported format " + reader.getFormatName().toUpperCase(
                            Locale.ROOT) + " (supported: " + SUPPORTED_NAMES + ")");
                }
                if (losslessOnly && !format.lossless()) {
                    throw new ItemProblem(subject + " is a " + format + " file; masks and label images must be lossless "
                            + "(PNG, TIFF or BMP) because lossy compression changes pixel values at particle edges");
                }
                reader.setInput(input, true, true);
                int width = reader.getWidth(0);
                int height = reader.getHeight(0);
                requireWithinLimit(subject, width, height, maxPixels);
                if (format == Format.PNG) {
                    verifyPngChunks(file, subject);
                }
                List<String> warnings = new ArrayList<>();
                reader.addIIOReadWarningListener((source, warning) -> warnings.add(warning));
                BufferedImage image = reader.read(0);
                for (String warning : warnings) {
                    if (DAMAGE_WARNING.matcher(warning).matches()) {
                        throw new ItemProblem(subject + " is truncated or corrupt (decoder: " + warning + ")");
                    }
                }
                return new Decoded(format, image);
            } finally {
                reader.dispose();
            }
        } catch (ItemProblem problem) {
            throw problem;
        } catch (IIOException | EOFException e) {
            throw new ItemProblem(subject + " is truncated or corrupt (" + describe(e) + ")");
        } catch (IOException e) {
            throw new ItemProblem(subject + " cannot be read (" + describe(e) + ")");
        } catch (RuntimeException e) {
            // Decoders signal malformed headers and data with all kinds of unchecked exceptions.
            throw new ItemProblem(subject + " is corrupt (" + describe(e) + ")");
        }
    }

    /**
     * Decodes an image completely (truncation and corruption only show then) and returns its
     * {@code {width, height}}; see {@link #decode}.
     */
    static int[] decodedSize(Path file, String subject, long maxPixels) throws ItemProblem {
        Decoded decoded = decode(file, subject, maxPixels, false);
        return new int[] {decoded.width(), decoded.height()};
    }

    static void requireWithinLimit(String subject, long width, long height, long maxPixels) throws ItemProblem {
        long pixels = width * height;
        if (width < 1 || height < 1) {
            throw new ItemProblem(subject + " has an invalid size " + width + "x" + height);
        }
        if (pixels > maxPixels) {
            throw new ItemProblem(subject + " is " + width + "x" + height + " = " + megapixels(pixels)
                    + " megapixels according to its header, over the limit of " + megapixels(maxPixels)
                    + " megapixels (refused without decoding it; raise the pixel limit if the image is genuine)");
        }
    }

    private static String megapixels(long pixels) {
        double value = pixels / 1e6;
        return value >= 10 ? String.format(Locale.ROOT, "%.0f", value) : String.format(Locale.ROOT, "%.2f", value);
    }

    /**
     * Walks the chunks of a PNG file and checks each CRC and that it ends with IEND. ImageIO checks neither:
     * it decodes a file missing its last chunks, or with flipped bits, without complaint.
     */
    static void verifyPngChunks(Path file, String subject) throws ItemProblem, IOException {
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file), 1 << 16))) {
            byte[] signature = new byte[PNG_SIGNATURE.length];
            in.readFully(signature);
            if (!java.util.Arrays.equals(signature, PNG_SIGNATURE)) {
                throw new ItemProblem(subject + " is corrupt: it does not start with the PNG signature");
            }
            byte[] buffer = new byte[1 << 16];
            long offset = PNG_SIGNATURE.length;
            while (true) {
                long length;
                byte[] type = new byte[4];
                try {
                    length = Integer.toUnsignedLong(in.readInt());
                    in.readFully(type);
                } catch (EOFException e) {
                    throw new ItemProblem(subject + " is truncated: the file ends at byte " + offset
                            + " before the PNG end chunk IEND");
                }
                String typeName = new String(type, StandardCharsets.ISO_8859_1);
                if (length > Integer.MAX_VALUE) {
                    throw new ItemProblem(subject + " is corrupt: chunk " + typeName + " at byte " + offset
                            + " claims " + length + " bytes");
                }
                CRC32 crc = new CRC32();
                crc.update(type);
                try {
                    copyInto(in, length, buffer, crc);
                    int expected = in.readInt();
                    if ((int) crc.getValue() != expected) {
                        throw new ItemProblem(subject + " is corrupt: CRC mismatch in PNG chunk " + typeName
                                + " at byte " + offset);
                    }
                } catch (EOFException e) {
                    throw new ItemProblem(subject + " is truncated: the file ends inside PNG chunk " + typeName
                            + " that starts at byte " + offset);
                }
                if (typeName.equals("IEND")) {
                    return;
                }
                offset += 12 + length;
            }
        }
    }

    private static void copyInto(InputStream in, long length, byte[] buffer, CRC32 crc) throws IOException {
        long remaining = length;
        while (remaining > 0) {
            int read = in.read(buffer, 0, (int) Math.min(buffer.length, remaining));
            if (read < 0) {
                throw new EOFException();
            }
            crc.update(buffer, 0, read);
            remaining -= read;
        }
    }

    private static String describe(Throwable e) {
        StringBuilder text = new StringBuilder(e.getClass().getSimpleName());
        if (e.getMessage() != null) {
            text.append(": ").append(e.getMessage());
        }
        Throwable cause = e.getCause();
        if (cause != null && cause != e) {
            text.append("; ").append(cause.getClass().getSimpleName());
            if (cause.getMessage() != null) {
                text.append(": ").append(cause.getMessage());
            }
        }
        return text.toString();
    }
}
