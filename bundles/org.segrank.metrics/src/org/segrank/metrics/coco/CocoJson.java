package org.segrank.metrics.coco;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.segrank.metrics.mask.Rle;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Reads and writes COCO instance-segmentation JSON: ground-truth datasets and result (detection) lists.
 *
 * <h2>Ground truth</h2>
 * A JSON object with the arrays {@code images} (required; {@code id}, {@code width}, {@code height} required,
 * {@code file_name} optional), {@code categories} (required; {@code id} required, {@code name} and
 * {@code supercategory} optional) and {@code annotations} (optional, empty when absent; {@code id}, {@code image_id},
 * {@code category_id}, {@code segmentation} required; {@code area} optional and then the mask area; {@code iscrowd}
 * optional, 0, 1 or boolean, default 0; {@code ignore} and {@code bbox} optional). Ids must be unique and every
 * reference must resolve. Other fields are ignored.
 *
 * <h2>Results</h2>
 * A JSON array of objects with {@code image_id}, {@code category_id}, {@code score} and {@code segmentation} (all
 * required), processed like {@code COCO.loadRes}: the detection id becomes the array index + 1 and the area is the mask
 * area, unless the first result has a non-empty {@code bbox}, in which case every result must have one and its area
 * is {@code bbox[2] * bbox[3]} (the pycocotools rule, kept for identical numbers; a {@code null} or empty bbox counts
 * as absent). Detection ids in the file and {@code iscrowd} are ignored, as by loadRes. Unlike pycocotools, polygon and
 * uncompressed RLE segmentations are accepted in results too, and an empty array is allowed.
 *
 * <h2>Segmentations</h2>
 * A list of polygons, an uncompressed RLE {@code {"size": [h, w], "counts": [...]}} or a compressed RLE
 * {@code {"size": [h, w], "counts": "..."}}. An RLE size must equal the image's {@code [height, width]} and the counts
 * must be non-negative and sum to {@code height * width}. A polygon needs an even number of coordinates, at least 3
 * points and coordinates within {@link #POLYGON_TOLERANCE} pixels of the image ({@code -tol <= x <= width + tol},
 * likewise for y): COCO polygons legitimately lie on the border {@code x = width}, and annotation tools round a bit
 * beyond it.
 *
 * <h2>Errors</h2>
 * Every problem raises a {@link CocoFormatException} naming the file, the array entry (index, and id when
 * known) and the field: unreadable files, invalid JSON, missing or mistyped fields, unknown image or category ids,
 * duplicate ids, malformed RLE or polygons, RLE size mismatches, and negative, NaN or infinite scores.
 * ({@code NaN} and {@code Infinity} literals are accepted by the JSON parser, as by Python's {@code json}, so that
 * they can be reported precisely.)
 */
public final class CocoJson {

    /** How far (in pixels) polygon coordinates may lie outside the image. */
    public static final double POLYGON_TOLERANCE = 1.0;

    private static final ObjectMapper MAPPER = createMapper();

    private CocoJson() {
    }

    @SuppressWarnings("deprecation") // JsonReadFeature lives in a package this bundle does not import
    private static ObjectMapper createMapper() {
        JsonFactory factory = new JsonFactory();
        factory.enable(JsonParser.Feature.ALLOW_NON_NUMERIC_NUMBERS);
        return new ObjectMapper(factory);
    }

    // ================================================================================================================
    // Ground truth

    /** Reads a ground-truth file. */
    public static CocoDataset readGroundTruth(Path file) {
        String source = file.toString();
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file))) {
            return readGroundTruth(in, source);
        } catch (IOException e) {
            throw new CocoFormatException(source, "cannot read file: " + e, e);
        }
    }

    /**
     * Reads a ground-truth dataset from a stream (not closed).
     *
     * @param sourceName name used in error messages, usually the file name
     */
    public static CocoDataset readGroundTruth(InputStream in, String sourceName) {
        JsonNode root = readTree(in, sourceName);
        Context ctx = new Context(sourceName);
        if (!root.isObject()) {
            throw ctx.error("top level", "a ground-truth file must be a JSON object with 'images', 'categories' and "
                    + "'annotations', found " + describe(root));
        }
        JsonNode imagesNode = requireArray(ctx, root, "images");
        JsonNode categoriesNode = requireArray(ctx, root, "categories");
        JsonNode annotationsNode = root.get("annotations");
        if (annotationsNode != null && !annotationsNode.isNull() && !annotationsNode.isArray()) {
            throw ctx.error("top level", "'annotations' must be an array, found " + describe(annotationsNode));
        }

        List<CocoImage> images = new ArrayList<>(imagesNode.size());
        Map<Long, CocoImage> imagesById = new HashMap<>();
        for (int i = 0; i < imagesNode.size(); i++) {
            JsonNode node = imagesNode.get(i);
            String where = entry(ctx, "images", i, node);
            long id = integer(ctx, where, node, "id");
            int width = positiveInt(ctx, where, node, "width");
            int height = positiveInt(ctx, where, node, "height");
            String fileName = optionalText(ctx, where, node, "file_name");
            CocoImage image = new CocoImage(id, width, height, fileName);
            if (imagesById.putIfAbsent(id, image) != null) {
                throw ctx.error(where, "duplicate image id " + id);
            }
            images.add(image);
        }

        List<CocoCategory> categories = new ArrayList<>(categoriesNode.size());
        Set<Long> categoryIds = new HashSet<>();
        for (int i = 0; i < categoriesNode.size(); i++) {
            JsonNode node = categoriesNode.get(i);
            String where = entry(ctx, "categories", i, node);
            long id = integer(ctx, where, node, "id");
            String name = optionalText(ctx, where, node, "name");
            String supercategory = optionalText(ctx, where, node, "supercategory");
            if (!categoryIds.add(id)) {
                throw ctx.error(where, "duplicate category id " + id);
            }
            categories.add(new CocoCategory(id, name == null ? "" : name, supercategory));
        }

        int annotationCount = annotationsNode == null || annotationsNode.isNull() ? 0 : annotationsNode.size();
        List<CocoAnnotation> annotations = new ArrayList<>(annotationCount);
        Set<Long> annotationIds = new HashSet<>();
        for (int i = 0; i < annotationCount; i++) {
            JsonNode node = annotationsNode.get(i);
            String where = entry(ctx, "annotations", i, node);
            long id = integer(ctx, where, node, "id");
            if (!annotationIds.add(id)) {
                throw ctx.error(where, "duplicate annotation id " + id);
            }
            long imageId = integer(ctx, where, node, "image_id");
            CocoImage image = imagesById.get(imageId);
            if (image == null) {
                throw ctx.error(where, "field 'image_id': image " + imageId + " is not in 'images'");
            }
            long categoryId = integer(ctx, where, node, "category_id");
            if (!categoryIds.contains(categoryId)) {
                throw ctx.error(where, "field 'category_id': category " + categoryId + " is not in 'categories'");
            }
            Segmentation segmentation = segmentation(ctx, where, node, image);
            Rle mask = toMask(ctx, where, segmentation, image);
            JsonNode areaNode = node.get("area");
            double area = areaNode == null || areaNode.isNull() ? mask.area() : finite(ctx, where, "area", areaNode);
            boolean crowd = crowdFlag(ctx, where, node);
            Integer ignore = null;
            JsonNode ignoreNode = node.get("ignore");
            if (ignoreNode != null && !ignoreNode.isNull()) {
                ignore = ignoreNode.isBoolean() ? (ignoreNode.booleanValue() ? 1 : 0)
                        : (int) integerValue(ctx, where, "ignore", ignoreNode);
            }
            double[] bbox = optionalBbox(ctx, where, node);
            annotations.add(new CocoAnnotation(id, imageId, categoryId, segmentation, mask, area, crowd, ignore, bbox));
        }
        return new CocoDataset(images, categories, annotations);
    }

    // ================================================================================================================
    // Results

    /** Reads a results file against its ground truth. */
    public static List<Detection> readResults(Path file, CocoDataset groundTruth) {
        String source = file.toString();
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file))) {
            return readResults(in, source, groundTruth);
        } catch (IOException e) {
            throw new CocoFormatException(source, "cannot read file: " + e, e);
        }
    }

    /**
     * Reads results from a stream (not closed), one array element at a time.
     *
     * @param sourceName name used in error messages, usually the file name
     */
    public static List<Detection> readResults(InputStream in, String sourceName, CocoDataset groundTruth) {
        Context ctx = new Context(sourceName);
        List<Detection> detections = new ArrayList<>();
        try (JsonParser parser = MAPPER.createParser(in)) {
            JsonToken first = parser.nextToken();
            if (first != JsonToken.START_ARRAY) {
                throw ctx.error("top level", "a results file must be a JSON array of detections, found "
                        + (first == null ? "nothing" : first.asString() == null ? first.name() : first.asString()));
            }
            boolean bboxAreas = false;
            int index = 0;
            for (JsonToken token = parser.nextToken(); token != JsonToken.END_ARRAY; token = parser.nextToken()) {
                if (token == null) {
                    throw ctx.error("top level", "unexpected end of file inside the results array");
                }
                JsonNode node = MAPPER.readTree(parser);
                String where = "results[" + index + "]";
                if (!node.isObject()) {
                    throw ctx.error(where, "must be an object, found " + describe(node));
                }
                if (index == 0) {
                    JsonNode bbox = node.get("bbox");
                    bboxAreas = bbox != null && !bbox.isNull() && !(bbox.isArray() && bbox.isEmpty());
                }
                detections.add(detection(ctx, where, index, node, groundTruth, bboxAreas));
                index++;
            }
            if (parser.nextToken() != null) {
                throw ctx.error("top level", "unexpected content after the results array");
            }
        } catch (JsonProcessingException e) {
            throw invalidJson(sourceName, e);
        } catch (IOException e) {
            throw new CocoFormatException(sourceName, "cannot read: " + e, e);
        }
        return detections;
    }

    private static Detection detection(Context ctx, String where, int index, JsonNode node, CocoDataset groundTruth,
            boolean bboxAreas) {
        long imageId = integer(ctx, where, node, "image_id");
        CocoImage image = groundTruth.image(imageId).orElseThrow(() -> ctx.error(where,
                "field 'image_id': image " + imageId + " is not in the ground truth"));
        long categoryId = integer(ctx, where, node, "category_id");
        if (groundTruth.category(categoryId).isEmpty()) {
            throw ctx.error(where,
                    "field 'category_id': category " + categoryId + " is not in the ground-truth categories");
        }
        JsonNode scoreNode = required(ctx, where, node, "score");
        if (!scoreNode.isNumber()) {
            throw ctx.error(where, "field 'score': must be a number, found " + describe(scoreNode));
        }
        double score = scoreNode.doubleValue();
        if (Double.isNaN(score)) {
            throw ctx.error(where, "field 'score': is NaN");
        }
        if (Double.isInfinite(score)) {
            throw ctx.error(where, "field 'score': is infinite");
        }
        if (score < 0) {
            throw ctx.error(where, "field 'score': is negative (" + score + ")");
        }
        Segmentation segmentation = segmentation(ctx, where, node, image);
        Rle mask = toMask(ctx, where, segmentation, image);
        double[] bbox = optionalBbox(ctx, where, node);
        double area;
        if (bboxAreas) {
            if (bbox == null) {
                throw ctx.error(where, "field 'bbox': missing, but results[0] has a bbox, and then pycocotools "
                        + "takes every result's area from its bbox");
            }
            area = bbox[2] * bbox[3];
        } else {
            area = mask.area();
        }
        return new Detection(index + 1L, imageId, categoryId, score, segmentation, mask, area, bbox);
    }

    // ================================================================================================================
    // Writing

    /**
     * Writes results as a JSON array of {@code {image_id, category_id, segmentation, score}} with the mask as
     * compressed RLE. No {@code bbox} is written on purpose: pycocotools would then take the areas from the boxes.
     */
    public static void writeResults(List<Detection> detections, Path file) throws IOException {
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file))) {
            writeResults(detections, out);
        }
    }

    /** Stream variant of {@link #writeResults(List, Path)}; the stream is not closed. */
    public static void writeResults(List<Detection> detections, OutputStream out) throws IOException {
        try (JsonGenerator json = generator(out)) {
            json.writeStartArray();
            for (Detection detection : detections) {
                json.writeStartObject();
                json.writeNumberField("image_id", detection.imageId());
                json.writeNumberField("category_id", detection.categoryId());
                json.writeFieldName("segmentation");
                writeSegmentation(json, Segmentation.of(detection.mask()));
                json.writeFieldName("score");
                writeNumber(json, detection.score());
                json.writeEndObject();
            }
            json.writeEndArray();
        }
    }

    /** Writes a ground-truth dataset, keeping each segmentation in its original form. */
    public static void writeGroundTruth(CocoDataset dataset, Path file) throws IOException {
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file))) {
            writeGroundTruth(dataset, out);
        }
    }

    /** Stream variant of {@link #writeGroundTruth(CocoDataset, Path)}; the stream is not closed. */
    public static void writeGroundTruth(CocoDataset dataset, OutputStream out) throws IOException {
        try (JsonGenerator json = generator(out)) {
            json.writeStartObject();
            json.writeArrayFieldStart("images");
            for (CocoImage image : dataset.images()) {
                json.writeStartObject();
                json.writeNumberField("id", image.id());
                json.writeNumberField("width", image.width());
                json.writeNumberField("height", image.height());
                if (image.fileName() != null) {
                    json.writeStringField("file_name", image.fileName());
                }
                json.writeEndObject();
            }
            json.writeEndArray();
            json.writeArrayFieldStart("categories");
            for (CocoCategory category : dataset.categories()) {
                json.writeStartObject();
                json.writeNumberField("id", category.id());
                json.writeStringField("name", category.name());
                if (category.supercategory() != null) {
                    json.writeStringField("supercategory", category.supercategory());
                }
                json.writeEndObject();
            }
            json.writeEndArray();
            json.writeArrayFieldStart("annotations");
            for (CocoAnnotation annotation : dataset.annotations()) {
                json.writeStartObject();
                json.writeNumberField("id", annotation.id());
                json.writeNumberField("image_id", annotation.imageId());
                json.writeNumberField("category_id", annotation.categoryId());
                json.writeFieldName("segmentation");
                writeSegmentation(json, annotation.segmentation());
                json.writeFieldName("area");
                writeNumber(json, annotation.area());
                json.writeNumberField("iscrowd", annotation.crowd() ? 1 : 0);
                double[] bbox = annotation.bbox();
                if (bbox != null) {
                    json.writeArrayFieldStart("bbox");
                    for (double v : bbox) {
                        writeNumber(json, v);
                    }
                    json.writeEndArray();
                }
                if (annotation.ignore().isPresent()) {
                    json.writeNumberField("ignore", annotation.ignore().getAsInt());
                }
                json.writeEndObject();
            }
            json.writeEndArray();
            json.writeEndObject();
        }
    }

    private static JsonGenerator generator(OutputStream out) throws IOException {
        JsonGenerator json = MAPPER.getFactory().createGenerator(out, JsonEncoding.UTF8);
        json.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
        return json;
    }

    private static void writeSegmentation(JsonGenerator json, Segmentation segmentation) throws IOException {
        switch (segmentation) {
            case Segmentation.Polygons polygons -> {
                json.writeStartArray();
                for (int i = 0; i < polygons.size(); i++) {
                    json.writeStartArray();
                    for (double v : polygons.polygon(i)) {
                        writeNumber(json, v);
                    }
                    json.writeEndArray();
                }
                json.writeEndArray();
            }
            case Segmentation.UncompressedRle rle -> {
                json.writeStartObject();
                writeSize(json, rle.height(), rle.width());
                json.writeArrayFieldStart("counts");
                for (int c : rle.counts()) {
                    json.writeNumber(c);
                }
                json.writeEndArray();
                json.writeEndObject();
            }
            case Segmentation.CompressedRle rle -> {
                json.writeStartObject();
                writeSize(json, rle.height(), rle.width());
                json.writeStringField("counts", rle.counts());
                json.writeEndObject();
            }
        }
    }

    private static void writeSize(JsonGenerator json, int height, int width) throws IOException {
        json.writeArrayFieldStart("size");
        json.writeNumber(height);
        json.writeNumber(width);
        json.writeEndArray();
    }

    /** Integral values are written without a fraction, as COCO files usually have them. */
    private static void writeNumber(JsonGenerator json, double value) throws IOException {
        if (value == Math.rint(value) && Math.abs(value) < 1e15 && !(value == 0 && 1 / value < 0)) {
            json.writeNumber((long) value);
        } else {
            json.writeNumber(value);
        }
    }

    // ================================================================================================================
    // Parsing helpers

    /** Error context: the source name. */
    private record Context(String source) {
        CocoFormatException error(String where, String message) {
            return new CocoFormatException(source, where + ": " + message);
        }
    }

    private static JsonNode readTree(InputStream in, String sourceName) {
        try {
            // Like Python's json.load, reject anything after the top-level value.
            JsonNode root = MAPPER.readerFor(JsonNode.class).with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                    .readValue(in);
            if (root == null || root.isMissingNode()) {
                throw new CocoFormatException(sourceName, "invalid JSON: the file is empty");
            }
            return root;
        } catch (JsonProcessingException e) {
            throw invalidJson(sourceName, e);
        } catch (IOException e) {
            throw new CocoFormatException(sourceName, "cannot read: " + e, e);
        }
    }

    private static CocoFormatException invalidJson(String sourceName, JsonProcessingException e) {
        JsonLocation location = e.getLocation();
        String at = location == null ? "" : " at line " + location.getLineNr() + ", column " + location.getColumnNr();
        return new CocoFormatException(sourceName, "invalid JSON" + at + ": " + e.getOriginalMessage(), e);
    }

    /** "annotations[12] (id 345)", or without the id when there is no usable one. */
    private static String entry(Context ctx, String array, int index, JsonNode node) {
        String where = array + "[" + index + "]";
        if (!node.isObject()) {
            throw ctx.error(where, "must be an object, found " + describe(node));
        }
        JsonNode id = node.get("id");
        if (id != null && id.isNumber() && id.canConvertToExactIntegral() && id.canConvertToLong()) {
            where += " (id " + id.asLong() + ")";
        }
        return where;
    }

    private static JsonNode requireArray(Context ctx, JsonNode root, String field) {
        JsonNode node = root.get(field);
        if (node == null || node.isNull()) {
            throw ctx.error("top level", "missing required array '" + field + "'");
        }
        if (!node.isArray()) {
            throw ctx.error("top level", "'" + field + "' must be an array, found " + describe(node));
        }
        return node;
    }

    private static JsonNode required(Context ctx, String where, JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            throw ctx.error(where, "missing required field '" + field + "'");
        }
        return value;
    }

    private static long integer(Context ctx, String where, JsonNode node, String field) {
        return integerValue(ctx, where, field, required(ctx, where, node, field));
    }

    private static long integerValue(Context ctx, String where, String field, JsonNode value) {
        if (!value.isNumber() || !value.canConvertToExactIntegral() || !value.canConvertToLong()) {
            throw ctx.error(where, "field '" + field + "': must be an integer, found " + describe(value));
        }
        return value.asLong();
    }

    private static int positiveInt(Context ctx, String where, JsonNode node, String field) {
        long value = integer(ctx, where, node, field);
        if (value < 1 || value > Integer.MAX_VALUE) {
            throw ctx.error(where, "field '" + field + "': must be a positive integer, found " + value);
        }
        return (int) value;
    }

    private static String optionalText(Context ctx, String where, JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            throw ctx.error(where, "field '" + field + "': must be a string, found " + describe(value));
        }
        return value.textValue();
    }

    private static double finite(Context ctx, String where, String field, JsonNode value) {
        if (!value.isNumber()) {
            throw ctx.error(where, "field '" + field + "': must be a number, found " + describe(value));
        }
        double v = value.doubleValue();
        if (!Double.isFinite(v)) {
            throw ctx.error(where, "field '" + field + "': must be finite, found " + v);
        }
        return v;
    }

    private static boolean crowdFlag(Context ctx, String where, JsonNode node) {
        JsonNode value = node.get("iscrowd");
        if (value == null || value.isNull()) {
            return false;
        }
        if (value.isBoolean()) {
            return value.booleanValue();
        }
        // pycocotools uses int(iscrowd) and its truth value: any non-zero integer marks a crowd region.
        return integerValue(ctx, where, "iscrowd", value) != 0;
    }

    private static double[] optionalBbox(Context ctx, String where, JsonNode node) {
        JsonNode value = node.get("bbox");
        if (value == null || value.isNull() || value.isArray() && value.isEmpty()) {
            return null;
        }
        if (!value.isArray() || value.size() != 4) {
            throw ctx.error(where, "field 'bbox': must be [x, y, width, height], found " + describe(value));
        }
        double[] bbox = new double[4];
        for (int i = 0; i < 4; i++) {
            bbox[i] = finite(ctx, where, "bbox", value.get(i));
        }
        return bbox;
    }

    private static Segmentation segmentation(Context ctx, String where, JsonNode node, CocoImage image) {
        JsonNode value = required(ctx, where, node, "segmentation");
        String field = "field 'segmentation': ";
        if (value.isArray()) {
            if (value.isEmpty()) {
                throw ctx.error(where, field + "has no polygon");
            }
            List<double[]> polygons = new ArrayList<>(value.size());
            for (int p = 0; p < value.size(); p++) {
                polygons.add(polygon(ctx, where, p, value.get(p), image));
            }
            return new Segmentation.Polygons(polygons);
        }
        if (!value.isObject()) {
            throw ctx.error(where, field + "must be a list of polygons or an RLE object, found " + describe(value));
        }
        JsonNode size = value.get("size");
        if (size == null || !size.isArray() || size.size() != 2) {
            throw ctx.error(where, field + "RLE needs 'size': [height, width], found " + describe(size));
        }
        long height = integerValue(ctx, where, "segmentation.size", size.get(0));
        long width = integerValue(ctx, where, "segmentation.size", size.get(1));
        if (height != image.height() || width != image.width()) {
            throw ctx.error(where, field + "RLE size [" + height + ", " + width + "] does not match image "
                    + image.id() + " ([height, width] = [" + image.height() + ", " + image.width() + "])");
        }
        JsonNode counts = value.get("counts");
        if (counts == null || counts.isNull()) {
            throw ctx.error(where, field + "RLE needs 'counts'");
        }
        if (counts.isTextual()) {
            return new Segmentation.CompressedRle((int) height, (int) width, counts.textValue());
        }
        if (!counts.isArray()) {
            throw ctx.error(where, field + "RLE 'counts' must be a string or an array, found " + describe(counts));
        }
        int[] runs = new int[counts.size()];
        for (int i = 0; i < runs.length; i++) {
            JsonNode c = counts.get(i);
            if (!c.isNumber() || !c.canConvertToExactIntegral() || !c.canConvertToInt() || c.asInt() < 0) {
                throw ctx.error(where, field + "RLE count " + i + " must be a non-negative integer, found "
                        + describe(c));
            }
            runs[i] = c.asInt();
        }
        return new Segmentation.UncompressedRle((int) height, (int) width, runs);
    }

    private static double[] polygon(Context ctx, String where, int index, JsonNode node, CocoImage image) {
        String field = "field 'segmentation': polygon " + index + " ";
        if (!node.isArray()) {
            throw ctx.error(where, field + "must be an array of coordinates, found " + describe(node));
        }
        int n = node.size();
        if (n % 2 != 0) {
            throw ctx.error(where, field + "has an odd number of coordinates (" + n + ")");
        }
        if (n < 6) {
            throw ctx.error(where, field + "has fewer than 3 points (" + n / 2 + ")");
        }
        double[] xy = new double[n];
        for (int i = 0; i < n; i++) {
            JsonNode c = node.get(i);
            if (!c.isNumber() || !Double.isFinite(c.doubleValue())) {
                throw ctx.error(where, field + "coordinate " + i + " must be a finite number, found " + describe(c));
            }
            xy[i] = c.doubleValue();
            double limit = (i % 2 == 0 ? image.width() : image.height()) + POLYGON_TOLERANCE;
            if (xy[i] < -POLYGON_TOLERANCE || xy[i] > limit) {
                throw ctx.error(where, field + "point " + i / 2 + " (" + (i % 2 == 0 ? "x" : "y") + " = " + xy[i]
                        + ") lies outside image " + image.id() + " (" + image.width() + "x" + image.height()
                        + ", tolerance " + POLYGON_TOLERANCE + " px)");
            }
        }
        return xy;
    }

    private static Rle toMask(Context ctx, String where, Segmentation segmentation, CocoImage image) {
        try {
            return segmentation.toRle(image.height(), image.width());
        } catch (IllegalArgumentException e) {
            String kind = segmentation instanceof Segmentation.CompressedRle ? "compressed RLE"
                    : segmentation instanceof Segmentation.UncompressedRle ? "uncompressed RLE" : "polygon";
            throw ctx.error(where, "field 'segmentation': malformed " + kind + ": " + e.getMessage());
        }
    }

    private static String describe(JsonNode node) {
        if (node == null || node.isMissingNode()) {
            return "nothing";
        }
        String text = node.toString();
        String type = node.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
        return type + " " + (text.length() > 60 ? text.substring(0, 57) + "..." : text);
    }
}
