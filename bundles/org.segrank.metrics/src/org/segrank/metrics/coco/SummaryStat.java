package org.segrank.metrics.coco;

/**
 * The twelve numbers of {@code COCOeval.summarize()} for detections/segmentations, in its order. "Max" is the last
 * maxDets value; AP is averaged over IoU thresholds 0.50:0.95 unless stated, AR likewise.
 */
public enum SummaryStat {
    /** AP @[IoU=0.50:0.95, area=all, maxDets=max]. */
    AP,
    /** AP @[IoU=0.50, area=all, maxDets=max]. */
    AP50,
    /** AP @[IoU=0.75, area=all, maxDets=max]. */
    AP75,
    /** AP @[area=small, maxDets=max]. */
    AP_SMALL,
    /** AP @[area=medium, maxDets=max]. */
    AP_MEDIUM,
    /** AP @[area=large, maxDets=max]. */
    AP_LARGE,
    /** AR @[area=all, maxDets=maxDets[0]]. */
    AR_MAXDETS_0,
    /** AR @[area=all, maxDets=maxDets[1]]. */
    AR_MAXDETS_1,
    /** AR @[area=all, maxDets=maxDets[2]]. */
    AR_MAXDETS_2,
    /** AR @[area=small, maxDets=max]. */
    AR_SMALL,
    /** AR @[area=medium, maxDets=max]. */
    AR_MEDIUM,
    /** AR @[area=large, maxDets=max]. */
    AR_LARGE
}
