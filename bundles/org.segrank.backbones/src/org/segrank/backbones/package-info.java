/**
 * CNN feature extractors for similarity search, run with DJL (PyTorch 2.7.1 and OnnxRuntime 1.21.1, CPU, offline).
 *
 * <ul>
 * <li>{@link org.segrank.backbones.BackboneFileExtractor}: features of a pretrained backbone file (TorchScript or
 * ONNX, e.g. a ResNet-50 with its classifier replaced by identity), with torchvision's ImageNet preprocessing
 * reproduced exactly ({@link org.segrank.backbones.Preprocessing}: PIL's antialiased bilinear resize, centre crop,
 * mean and std), so that Java and PyTorch compute the same vectors. See {@code EXPORTING.md} of this bundle.</li>
 * <li>CNN-P: {@link org.segrank.backbones.ClassifierFineTuning} trains a
 * {@link org.segrank.backbones.CompactResNet} classifier of particle kinds from scratch;
 * {@link org.segrank.backbones.CnnPExtractor} returns its penultimate-layer embedding.
 * {@link org.segrank.backbones.ClassifierFineTuning#fineTune} instead fine-tunes a TorchScript backbone with a
 * linear head (the paper's procedure) and saves the backbone for the backbone-file extractor.</li>
 * <li>{@link org.segrank.backbones.BackboneBenchmark} times a backbone in DJL (images/s at batch 1 and 8), for
 * comparison with {@code releng/bench/resnet50_reference.py} (PyTorch eager on the same file).</li>
 * </ul>
 *
 * Every extractor is thread-safe (one predictor per concurrent caller) and must be closed.
 */
package org.segrank.backbones;
