package org.segrank.metrics.coco;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An immutable COCO ground-truth dataset: images, categories and instance annotations, each list in file order.
 *
 * <p>File order matters to the metrics: pycocotools visits the ground truth of an image in file order, and the
 * matcher prefers the later of two equally good ground truths.
 */
public final class CocoDataset {

    private final List<CocoImage> images;
    private final List<CocoCategory> categories;
    private final List<CocoAnnotation> annotations;
    private final Map<Long, CocoImage> imagesById;
    private final Map<Long, CocoCategory> categoriesById;
    private final Map<Long, List<CocoAnnotation>> annotationsByImage;

    /**
     * @throws IllegalArgumentException for duplicate image, category or annotation ids, or annotations that name an
     *         unknown image or category
     */
    public CocoDataset(List<CocoImage> images, List<CocoCategory> categories, List<CocoAnnotation> annotations) {
        this.images = List.copyOf(images);
        this.categories = List.copyOf(categories);
        this.annotations = List.copyOf(annotations);
        Map<Long, CocoImage> byId = new LinkedHashMap<>();
        for (CocoImage image : this.images) {
            if (byId.putIfAbsent(image.id(), image) != null) {
                throw new IllegalArgumentException("duplicate image id " + image.id());
            }
        }
        Map<Long, CocoCategory> categoryMap = new LinkedHashMap<>();
        for (CocoCategory category : this.categories) {
            if (categoryMap.putIfAbsent(category.id(), category) != null) {
                throw new IllegalArgumentException("duplicate category id " + category.id());
            }
        }
        Map<Long, List<CocoAnnotation>> byImage = new HashMap<>();
        Map<Long, CocoAnnotation> annotationIds = new HashMap<>();
        for (CocoAnnotation annotation : this.annotations) {
            if (annotationIds.putIfAbsent(annotation.id(), annotation) != null) {
                throw new IllegalArgumentException("duplicate annotation id " + annotation.id());
            }
            CocoImage image = byId.get(annotation.imageId());
            if (image == null) {
                throw new IllegalArgumentException(
                        "annotation " + annotation.id() + " names unknown image " + annotation.imageId());
            }
            if (!categoryMap.containsKey(annotation.categoryId())) {
                throw new IllegalArgumentException(
                        "annotation " + annotation.id() + " names unknown category " + annotation.categoryId());
            }
            if (annotation.mask().height() != image.height() || annotation.mask().width() != image.width()) {
                throw new IllegalArgumentException("mask of annotation " + annotation.id()
                        + " does not have the size of image " + image.id());
            }
            byImage.computeIfAbsent(annotation.imageId(), k -> new ArrayList<>()).add(annotation);
        }
        byImage.replaceAll((k, v) -> List.copyOf(v));
        this.imagesById = Map.copyOf(byId);
        this.categoriesById = Map.copyOf(categoryMap);
        this.annotationsByImage = Map.copyOf(byImage);
    }

    public List<CocoImage> images() {
        return images;
    }

    public List<CocoCategory> categories() {
        return categories;
    }

    public List<CocoAnnotation> annotations() {
        return annotations;
    }

    public Optional<CocoImage> image(long id) {
        return Optional.ofNullable(imagesById.get(id));
    }

    public Optional<CocoCategory> category(long id) {
        return Optional.ofNullable(categoriesById.get(id));
    }

    /** The annotations of one image in file order (empty for unknown ids). */
    public List<CocoAnnotation> annotationsOf(long imageId) {
        return annotationsByImage.getOrDefault(imageId, List.of());
    }
}
