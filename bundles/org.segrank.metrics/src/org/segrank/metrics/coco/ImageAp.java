package org.segrank.metrics.coco;

import java.util.OptionalDouble;

/**
 * AP@[.50:.95] of one image: what COCOeval reports as its first statistic when {@code params.imgIds} is just this
 * image (area all, the last maxDets), averaged over the categories that have non-crowd ground truth in the image.
 *
 * @param imageId the image
 * @param ap the AP, or empty when the image has no non-crowd ground truth in any evaluated category (COCOeval would
 *        print -1; the AP is undefined, not 0). An image with ground truth but no detections has AP 0.
 */
public record ImageAp(long imageId, OptionalDouble ap) {

    /** Whether the AP is defined. */
    public boolean defined() {
        return ap.isPresent();
    }
}
