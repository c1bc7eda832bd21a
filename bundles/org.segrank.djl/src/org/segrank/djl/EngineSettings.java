package org.segrank.djl;

import java.util.Locale;

/**
 * Threading and device settings for the DJL engines.
 *
 * <p>Both native runtimes size their thread pools once per JVM: PyTorch when its engine is first created (from the
 * system properties {@code ai.djl.pytorch.num_threads} / {@code ai.djl.pytorch.num_interop_threads}), OnnxRuntime
 * per loaded model (session options {@code intraOpNumThreads} / {@code interOpNumThreads}, the same keys
 * {@code Criteria.optOption} takes). {@link DjlEngines#initialize} sets the PyTorch properties from these settings
 * unless they are already set: a {@code -D} on the command line wins.
 *
 * <h2>Device</h2>
 * SegRank ships CPU natives only ({@code ai.djl.pytorch:pytorch-native-cpu:2.7.1:linux-x86_64} and
 * {@code com.microsoft.onnxruntime:onnxruntime:1.21.1}), so the device is {@code "cpu"}. A lab with an NVIDIA GPU
 * replaces, in the target platform, {@code pytorch-native-cpu} by a CUDA build of the same libtorch version
 * ({@code ai.djl.pytorch:pytorch-native-cu128:2.7.1:linux-x86_64}: {@code pytorch-jni 2.7.1-0.36.0} carries JNI
 * glue for the {@code cpu} and {@code cu128} flavours only, so CUDA 12.8 with a matching driver is needed; the
 * bundle is then {@code wrapped.ai.djl.pytorch.pytorch-native-cu128}, which {@link OsgiDjlBundles} accepts) and
 * {@code onnxruntime} by {@code com.microsoft.onnxruntime:onnxruntime_gpu:1.21.1}, then uses {@code "gpu"} (or
 * {@code "gpu1"}, ... for another card). {@link DjlEngines#initialize} refuses a GPU device when an engine sees
 * no GPU, naming the engine and the artifact to swap.
 *
 * @param intraOpThreads threads inside one operator (a convolution), {@code >= 1}; the number of cores is a good
 *        value when one image is processed at a time
 * @param interOpThreads threads running independent operators in parallel, {@code >= 1}; 1 suits Mask R-CNN,
 *        whose graph is mostly sequential
 * @param device {@code "cpu"}, {@code "gpu"} or {@code "gpuN"} (DJL's device names)
 */
public record EngineSettings(int intraOpThreads, int interOpThreads, String device) {

    public EngineSettings {
        if (intraOpThreads < 1 || interOpThreads < 1) {
            throw new IllegalArgumentException(
                    "thread counts must be >= 1, got intra-op " + intraOpThreads + ", inter-op " + interOpThreads);
        }
        device = device.strip().toLowerCase(Locale.ROOT);
        if (!device.equals("cpu") && !device.matches("gpu\\d*")) {
            throw new IllegalArgumentException("device must be cpu, gpu or gpuN, got '" + device + "'");
        }
    }

    /** CPU, one intra-op thread per available core, one inter-op thread. */
    public static EngineSettings defaults() {
        return cpu(Runtime.getRuntime().availableProcessors(), 1);
    }

    /** CPU with the given thread counts. */
    public static EngineSettings cpu(int intraOpThreads, int interOpThreads) {
        return new EngineSettings(intraOpThreads, interOpThreads, "cpu");
    }

    public boolean usesGpu() {
        return !device.equals("cpu");
    }
}
