/**
 * Inference of registered instance-segmentation models with DJL (PyTorch 2.7.1 and OnnxRuntime 1.21.1 engines,
 * CPU, offline).
 *
 * <ul>
 * <li>{@link org.segrank.djl.DjlEngines} brings the engines up, on a class path or inside Equinox (with
 * {@link org.segrank.djl.OsgiDjlBundles} and {@link org.segrank.djl.CompositeClassLoader}).</li>
 * <li>{@link org.segrank.djl.SegmentationModel} is a loaded model: {@link org.segrank.djl.OnnxMaskRcnn} and
 * {@link org.segrank.djl.TorchScriptMaskRcnn} run torchvision-convention Mask R-CNNs
 * ({@code bundles/org.segrank.djl/EXPORTING.md}); {@link org.segrank.djl.SegmentationModels} picks the adapter for a
 * registry format. Predictions carry COCO RLE masks at the original image size, ready for mask AP.</li>
 * <li>{@link org.segrank.djl.InferenceBenchmark} prints seconds per image.</li>
 * </ul>
 */
package org.segrank.djl;
