package org.segrank.segmenters;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import org.segrank.core.InvalidInputException;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The artifact of a compact segmenter: a first line {@value #MAGIC}, a second line with the header as a JSON
 * object (architecture, working side, decoding threshold and minimum area, the encoder's digest), then the DJL
 * parameter stream. Self-contained: any model of a zoo loads alone; models whose encoder digests are equal are
 * evaluated together with one encoder pass.
 *
 * @param workingSide images are reduced by an integer factor until the longer side is at most this
 * @param threshold probability above which a pixel is foreground / core
 * @param minArea instances smaller than this many working pixels are dropped
 * @param encoderDigest SHA-256 of the encoder parameters
 * @param parameters the DJL parameter stream of {@link CompactNet}
 */
public record CompactModelFile(int workingSide, double threshold, int minArea, String encoderDigest, byte[] parameters) {

    public static final String MAGIC = "SEGRANK-COMPACT-SEGMENTER 1";
    /** The registry's architecture name of compact segmenters. */
    public static final String ARCHITECTURE = "segrank-compact-v1";

    private static final ObjectMapper JSON = new ObjectMapper();

    public String headerJson() {
        ObjectNode header = JSON.createObjectNode();
        header.put("architecture", ARCHITECTURE);
        header.put("workingSide", workingSide);
        header.put("threshold", threshold);
        header.put("minArea", minArea);
        header.put("encoderDigest", encoderDigest);
        return header.toString();
    }

    public void write(Path file) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(parameters.length + 512);
        out.write((MAGIC + "\n" + headerJson() + "\n").getBytes(StandardCharsets.UTF_8));
        out.write(parameters);
        Files.write(file, out.toByteArray());
    }

    /**
     * @param source the file name for messages
     * @throws InvalidInputException naming the source when it is not a compact segmenter file
     */
    public static CompactModelFile read(InputStream in, String source) throws IOException {
        byte[] all = in.readAllBytes();
        int first = indexOf(all, 0);
        int second = first < 0 ? -1 : indexOf(all, first + 1);
        if (second < 0 || !new String(all, 0, first, StandardCharsets.UTF_8).equals(MAGIC)) {
            throw new InvalidInputException(source, "", "is not a SegRank compact segmenter (first line is not '" + MAGIC + "')");
        }
        JsonNode header;
        try {
            header = JSON.readTree(new String(all, first + 1, second - first - 1, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new InvalidInputException(source, "header", "is not JSON: " + e.getMessage());
        }
        if (!ARCHITECTURE.equals(header.path("architecture").asText())) {
            throw new InvalidInputException(source, "header.architecture",
                    "is '" + header.path("architecture").asText() + "', expected " + ARCHITECTURE);
        }
        int side = header.path("workingSide").asInt(0);
        String digest = header.path("encoderDigest").asText("");
        if (side < 8 || !digest.matches("[0-9a-f]{64}")) {
            throw new InvalidInputException(source, "header", "lacks a workingSide >= 8 or a SHA-256 encoderDigest: " + header);
        }
        return new CompactModelFile(side, header.path("threshold").asDouble(0.5), header.path("minArea").asInt(1), digest,
                Arrays.copyOfRange(all, second + 1, all.length));
    }

    private static int indexOf(byte[] bytes, int from) {
        for (int i = from; i < Math.min(bytes.length, from + 4096); i++) {
            if (bytes[i] == '\n') {
                return i;
            }
        }
        return -1;
    }
}
