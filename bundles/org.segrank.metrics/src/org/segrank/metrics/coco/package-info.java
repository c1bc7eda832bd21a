/**
 * COCO instance-segmentation data and evaluation, numerically identical to pycocotools'
 * {@code COCOeval(iouType='segm')}.
 *
 * <ul>
 * <li>Data: {@link org.segrank.metrics.coco.CocoDataset} (ground truth), {@link org.segrank.metrics.coco.Detection}
 * (results), read and written by {@link org.segrank.metrics.coco.CocoJson}; bad files raise
 * {@link org.segrank.metrics.coco.CocoFormatException} naming file, entry and field.</li>
 * <li>Evaluation: {@link org.segrank.metrics.coco.CocoEvaluator} with {@link org.segrank.metrics.coco.EvalParams}
 * (default maxDets {@code [1, 10, 1000]} for dense images) gives an {@link org.segrank.metrics.coco.EvalResult}: the
 * twelve COCO summary numbers, the printed summary, precision/recall arrays and per-image AP
 * ({@link org.segrank.metrics.coco.ImageAp}, undefined for images without ground truth).</li>
 * <li>Tie-break: detections with equal scores keep their input (file) order, within an image and, when pooled over
 * images, image-id order first, as numpy's stable mergesort does in COCOeval.</li>
 * </ul>
 */
package org.segrank.metrics.coco;
