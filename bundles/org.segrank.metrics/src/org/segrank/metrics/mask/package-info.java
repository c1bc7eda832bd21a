/**
 * Run-length encoded binary masks with the exact semantics of the COCO API's {@code maskApi.c}: column-major
 * encoding, the compressed string form, polygon rasterisation, union/intersection and mask IoU (with the bounding-box
 * pre-check and the crowd variant). See {@link org.segrank.metrics.mask.Rle}.
 */
package org.segrank.metrics.mask;
