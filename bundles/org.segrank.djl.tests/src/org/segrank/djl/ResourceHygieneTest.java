package org.segrank.djl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.management.BufferPoolMXBean;
import java.lang.management.ManagementFactory;
import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * Many inferences must not accumulate memory: every call's native arrays live in a sub-manager closed at the end
 * of the call, and OnnxRuntime mask outputs are copied into PyTorch once per call, not once per detection.
 *
 * <p>Each call allocates about 0.4 MB of native memory for this model (input, outputs, the PyTorch copy of the
 * masks, which also takes a direct buffer on the OnnxRuntime path). Leaking any one of those arrays grows the C
 * heap ({@link NativeHeap}) by 20 MB or more over 200 calls, and the copy also grows direct memory by 40 MB; the
 * bounds sit between that and the noise seen without a leak (C heap within +-7 MB, direct memory 0, heap under
 * 1 MB after GC).
 */
class ResourceHygieneTest {

    private static final int WARM_UP_CALLS = 50;
    private static final int CALLS = 200;
    private static final long HEAP_BOUND = 16L << 20;
    private static final long DIRECT_BOUND = 4L << 20;
    private static final long NATIVE_BOUND = 12L << 20;

    @Test
    void twoHundredOnnxInferencesKeepMemoryFlat() throws IOException, InterruptedException {
        try (SegmentationModel model = OnnxMaskRcnn.load(Fixtures.file(Fixtures.ONNX_MODEL),
                ModelSettings.defaults())) {
            assertMemoryFlat(model);
        }
    }

    @Test
    void twoHundredTorchScriptInferencesKeepMemoryFlat() throws IOException, InterruptedException {
        try (SegmentationModel model = TorchScriptMaskRcnn.load(Fixtures.file(Fixtures.TORCHSCRIPT_MODEL),
                ModelSettings.defaults())) {
            assertMemoryFlat(model);
        }
    }

    private static void assertMemoryFlat(SegmentationModel model) throws InterruptedException {
        float[] chw = ImageTensors.toChw(Fixtures.image("image_b.png"));
        int expected = Fixtures.expectedCase("image_b").detections().size();
        for (int i = 0; i < WARM_UP_CALLS; i++) {
            model.predict(chw, 80, 112);
        }
        Snapshot before = Snapshot.take();
        for (int i = 0; i < CALLS; i++) {
            List<InstancePrediction> predictions = model.predict(chw, 80, 112);
            assertEquals(expected, predictions.size(), "call " + i);
        }
        Snapshot after = Snapshot.take();
        String report = model.description() + ", " + CALLS + " calls: " + before + " -> " + after;
        System.out.println(report);
        assertTrue(after.heap() - before.heap() < HEAP_BOUND, "heap grew: " + report);
        assertTrue(after.direct() - before.direct() < DIRECT_BOUND, "direct memory grew: " + report);
        if (NativeHeap.available()) {
            assertTrue(after.nativeHeap() - before.nativeHeap() < NATIVE_BOUND, "C heap grew: " + report);
        }
    }

    /** Java heap in use after GC, direct buffers in use, C heap in use (-1 where not measured). */
    private record Snapshot(long heap, long direct, long nativeHeap) {

        static Snapshot take() throws InterruptedException {
            // direct buffers (and the native arrays they back) are freed by cleaners after a GC found them
            // unreachable: collect, wait, collect
            for (int i = 0; i < 3; i++) {
                System.gc();
                Thread.sleep(50);
            }
            long heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
            long direct = ManagementFactory.getPlatformMXBeans(BufferPoolMXBean.class).stream()
                    .filter(pool -> pool.getName().equals("direct")).mapToLong(BufferPoolMXBean::getMemoryUsed)
                    .sum();
            return new Snapshot(heap, direct, NativeHeap.bytesInUse());
        }

        @Override
        public String toString() {
            return String.format("heap %.1f MB, direct %.1f MB, C heap %.1f MB", heap / 1e6, direct / 1e6,
                    nativeHeap / 1e6);
        }
    }
}
