package org.segrank.djl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.segrank.metrics.mask.Rle;

import ai.djl.engine.Engine;

class DjlEnginesTest {

    @Test
    void bringsUpPyTorchAndOnnxRuntimeOffline() {
        EngineVersions versions = DjlEngines.ensureInitialized();
        assertEquals("0.36.0", versions.djl());
        assertTrue(versions.pytorch().startsWith("2.7.1"), versions.pytorch());
        assertEquals("1.21.1", versions.onnxRuntime());
        assertTrue(versions.offline());
        assertEquals("true", System.getProperty("ai.djl.offline"));
        assertTrue(Files.isRegularFile(versions.libtorchDirectory().resolve(System.mapLibraryName("torch"))),
                "libtorch in " + versions.libtorchDirectory());
        assertTrue(versions.libtorchDirectory().startsWith(versions.nativeCache())
                || System.getenv("PYTORCH_LIBRARY_PATH") != null, versions.toString());
        assertTrue(Engine.hasEngine(DjlEngines.PYTORCH) && Engine.hasEngine(DjlEngines.ONNX_RUNTIME));
        assertTrue(versions.pytorchIntraOpThreads() >= 1 && versions.pytorchInterOpThreads() >= 1);
        assertTrue(DjlEngines.isInitialized());
    }

    @Test
    void initialisingAgainWithTheSameSettingsReturnsTheSameState() {
        EngineVersions first = DjlEngines.ensureInitialized();
        assertSame(first, DjlEngines.initialize(DjlEngines.defaultEngineLoader(), first.settings()));
    }

    @Test
    void differentSettingsAfterInitialisationAreRefused() {
        EngineSettings current = DjlEngines.ensureInitialized().settings();
        EngineSettings other = EngineSettings.cpu(current.intraOpThreads() + 1, current.interOpThreads());
        IllegalStateException error = assertThrows(IllegalStateException.class,
                () -> DjlEngines.initialize(DjlEngines.defaultEngineLoader(), other));
        assertTrue(error.getMessage().contains("already initialised"), error.getMessage());
    }

    @Test
    void theDefaultEngineLoaderSeesEveryPiece() {
        ClassLoader loader = DjlEngines.defaultEngineLoader();
        assertEquals(List.of(), DjlEngines.missingPieces(DjlEngines.PYTORCH, loader));
        assertEquals(List.of(), DjlEngines.missingPieces(DjlEngines.ONNX_RUNTIME, loader));
    }

    @Test
    void missingPiecesNameTheArtifactsThatProvideThem() throws IOException {
        try (URLClassLoader empty = new URLClassLoader(new URL[0], ClassLoader.getPlatformClassLoader())) {
            String pytorch = String.join("\n", DjlEngines.missingPieces(DjlEngines.PYTORCH, empty));
            assertTrue(pytorch.contains("ai.djl.pytorch:pytorch-engine:0.36.0")
                    && pytorch.contains("ai.djl.pytorch:pytorch-jni:2.7.1-0.36.0")
                    && pytorch.contains("wrapped.ai.djl.pytorch.pytorch-jni"), pytorch);
            if (System.getenv("PYTORCH_LIBRARY_PATH") == null) {
                assertTrue(pytorch.contains("pytorch-native-cpu:2.7.1:linux-x86_64"), pytorch);
            }
            List<String> onnx = DjlEngines.missingPieces(DjlEngines.ONNX_RUNTIME, empty);
            assertEquals(3, onnx.size(), onnx.toString());
            assertTrue(onnx.get(2).contains(System.mapLibraryName("onnxruntime")), onnx.get(2));
        }
    }

    @Test
    void engineSettingsAreValidated() {
        assertThrows(IllegalArgumentException.class, () -> EngineSettings.cpu(0, 1));
        assertThrows(IllegalArgumentException.class, () -> new EngineSettings(1, 1, "tpu"));
        EngineSettings gpu = new EngineSettings(2, 1, " GPU1 ");
        assertEquals("gpu1", gpu.device());
        assertTrue(gpu.usesGpu());
        assertTrue(!EngineSettings.defaults().usesGpu());
        assertEquals(Runtime.getRuntime().availableProcessors(), EngineSettings.defaults().intraOpThreads());
    }

    @Test
    void unavailableEngineMessageListsEachProblem() {
        EngineUnavailableException error = new EngineUnavailableException(DjlEngines.PYTORCH,
                List.of("first missing", "second missing"), new IllegalStateException("native failed"));
        String[] lines = error.getMessage().split(System.lineSeparator());
        assertEquals("DJL engine PyTorch is not available: IllegalStateException: native failed", lines[0]);
        assertEquals("  - first missing", lines[1]);
        assertEquals("  - second missing", lines[2]);
        assertEquals(List.of("first missing", "second missing"), error.problems());
    }

    /**
     * The OSGi situation without OSGi: a fresh JVM whose context class loader cannot see DJL, with DJL split over
     * separate loaders like bundles. Only on a plain class path (inside Equinox the real bundles are used by every
     * other test here).
     */
    @Test
    void enginesComeUpFromSeparateLoadersThroughACompositeEngineLoader() throws Exception {
        ClassLoader djl = Engine.class.getClassLoader();
        // natives of other jars seen as jar: URLs from DJL's loader mean a plain class path (not bundleresource:)
        assumeTrue("file".equals(Engine.class.getProtectionDomain().getCodeSource().getLocation().getProtocol())
                && isJarEntry(djl.getResource("native/lib/pytorch.properties"))
                && isJarEntry(djl.getResource("jnilib/pytorch.properties")),
                "needs DJL as jar files on a plain class path");
        // the jar groups that are separate bundles inside Equinox
        Set<Path> api = new LinkedHashSet<>(List.of(jarOf(Engine.class), jarOf("com.google.gson.Gson"),
                jarOf("com.sun.jna.Native"), jarOf("org.slf4j.LoggerFactory")));
        Set<Path> pytorch = new LinkedHashSet<>(List.of(jarOf("ai.djl.pytorch.engine.PtEngine"),
                jarOfResource("jnilib/pytorch.properties")));
        Set<Path> natives = Set.of(jarOfResource("native/lib/pytorch.properties"));
        Set<Path> onnxRuntime = new LinkedHashSet<>(List.of(jarOf("ai.djl.onnxruntime.engine.OrtEngine"),
                jarOf("ai.onnxruntime.OrtEnvironment")));
        Set<Path> segrank = new LinkedHashSet<>(List.of(jarOf(DjlEngines.class), jarOf(Rle.class)));
        Path self = jarOf(IsolatedEngineLoaderCheck.class);
        List<String> command = new ArrayList<>(List.of(javaExecutable(), "--enable-native-access=ALL-UNNAMED",
                "-Dai.djl.offline=true", "-cp", self.toString(), IsolatedEngineLoaderCheck.class.getName(),
                join(api), join(pytorch), join(natives), join(onnxRuntime), join(segrank),
                Fixtures.file(Fixtures.ONNX_MODEL).toString(), Fixtures.file("image_a.png").toString()));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(120, TimeUnit.SECONDS), output);
        assertEquals(0, process.exitValue(), output);
        assertEquals("false", line(output, "CONTEXT LOADER SEES DJL: "), output);
        String first = line(output, "FIRST: ");
        assertTrue(first.startsWith("EngineUnavailableException: DJL engine PyTorch is not available")
                && first.contains("ai.djl.pytorch:pytorch-engine:0.36.0"), first);
        String second = line(output, "SECOND: ");
        assertTrue(second.startsWith("DJL 0.36.0, PyTorch 2.7.1") && second.contains("OnnxRuntime 1.21.1"), second);
        int expected = Fixtures.expectedCase("image_a").detections().size();
        assertEquals(Integer.toString(expected), line(output, "DETECTIONS: "), output);
    }

    private static boolean isJarEntry(URL url) {
        return url != null && "jar".equals(url.getProtocol());
    }

    private static String line(String output, String prefix) {
        return output.lines().filter(l -> l.startsWith(prefix)).map(l -> l.substring(prefix.length())).findFirst()
                .orElseThrow(() -> new AssertionError("no line '" + prefix + "' in:\n" + output));
    }

    private static String join(Set<Path> paths) {
        return String.join(File.pathSeparator, paths.stream().map(Path::toString).toList());
    }

    private static Path jarOf(Class<?> type) throws URISyntaxException {
        return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toAbsolutePath();
    }

    /** By name, so that this test class needs no import of engine packages (it is skipped inside OSGi). */
    private static Path jarOf(String className) throws URISyntaxException, ClassNotFoundException {
        return jarOf(Class.forName(className, false, Engine.class.getClassLoader()));
    }

    private static Path jarOfResource(String resource) throws URISyntaxException {
        String url = Engine.class.getClassLoader().getResource(resource).toString();
        return Path.of(new URI(url.substring("jar:".length(), url.indexOf("!/")))).toAbsolutePath();
    }

    private static String javaExecutable() {
        return ProcessHandle.current().info().command().orElse(
                Path.of(System.getProperty("java.home"), "bin", "java").toString());
    }
}
