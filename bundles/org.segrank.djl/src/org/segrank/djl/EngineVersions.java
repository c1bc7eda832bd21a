package org.segrank.djl;

import java.nio.file.Path;

/**
 * What {@link DjlEngines#initialize} brought up.
 *
 * @param djl the DJL API version, e.g. {@code 0.36.0}
 * @param pytorch the libtorch version, e.g. {@code 2.7.1}
 * @param onnxRuntime the OnnxRuntime version, e.g. {@code 1.21.1}
 * @param libtorchDirectory where libtorch was loaded from (inside {@code nativeCache} unless
 *        {@code PYTORCH_LIBRARY_PATH} points elsewhere)
 * @param nativeCache DJL's cache folder ({@code ~/.djl.ai}, moved by {@code DJL_CACHE_DIR})
 * @param offline whether {@code ai.djl.offline} is true, i.e. DJL will never try to download anything
 * @param settings the settings of the initialisation; OnnxRuntime sessions use them as they are
 * @param pytorchIntraOpThreads libtorch's intra-op thread count as libtorch reports it: differs from
 *        {@code settings} when {@code -Dai.djl.pytorch.num_threads} was given
 * @param pytorchInterOpThreads libtorch's inter-op thread count, likewise
 */
public record EngineVersions(String djl, String pytorch, String onnxRuntime, Path libtorchDirectory,
        Path nativeCache, boolean offline, EngineSettings settings, int pytorchIntraOpThreads,
        int pytorchInterOpThreads) {

    @Override
    public String toString() {
        return "DJL " + djl + ", PyTorch " + pytorch + " (" + pytorchIntraOpThreads + "/" + pytorchInterOpThreads
                + " intra/inter-op threads), OnnxRuntime " + onnxRuntime + " (" + settings.intraOpThreads() + "/"
                + settings.interOpThreads() + "), device " + settings.device() + ", "
                + (offline ? "offline" : "ONLINE: may download") + ", libtorch in " + libtorchDirectory;
    }
}
