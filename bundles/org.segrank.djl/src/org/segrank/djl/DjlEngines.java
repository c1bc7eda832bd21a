package org.segrank.djl;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.function.Supplier;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.engine.EngineProvider;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.pytorch.jni.LibUtils;
import ai.djl.util.Utils;

/**
 * Brings up DJL's PyTorch and OnnxRuntime engines, on a plain class path and inside Equinox.
 *
 * <h2>Why a class loader is passed in</h2>
 * DJL discovers engines with {@link ServiceLoader} through the thread context class loader (TCCL) when
 * {@link Engine} is first touched, and finds its native libraries ({@code native/lib/pytorch.properties},
 * {@code jnilib/...}) as TCCL resources. On a class path the application loader sees everything. Inside Equinox
 * each DJL jar is its own bundle and the TCCL is whatever the framework set, so {@link #initialize} runs the
 * engine start-up with {@code engineLoader} as TCCL: a {@link CompositeClassLoader} over the DJL bundles' loaders
 * ({@link OsgiDjlBundles#engineLoader}). If {@link Engine} was already initialised under another TCCL and missed
 * an engine, the engine is registered explicitly from {@code engineLoader}'s service files; DJL's default engine
 * ({@code Engine.getInstance()}, {@code Device.fromName(String)}) may then stay unset, so SegRank always names the
 * engine it wants. Initialise before other code touches DJL to avoid that state.
 *
 * <h2>Guarantees</h2>
 * <ul>
 * <li>{@code ai.djl.offline} is set to {@code true} unless already set, so DJL never tries to download natives:
 * they must come from the class path (the {@code pytorch-native-cpu} and {@code onnxruntime} jars) or the native
 * cache. {@code ai.djl.pytorch.graph_optimizer} is set to {@code false} unless set: the TorchScript profiling
 * executor would otherwise re-specialise the graph for each new image size.</li>
 * <li>Both engines are created eagerly, PyTorch first: the OnnxRuntime engine uses PyTorch as its "alternative
 * engine" for every array operation OnnxRuntime lacks (thresholding, slicing and resizing masks), so an ONNX
 * model needs both.</li>
 * <li>Every failure is an {@link EngineUnavailableException} naming the engine and each missing piece (engine
 * jar, JNI jar, native library, bundle).</li>
 * <li>Initialisation happens once per JVM: thread pools and natives cannot be changed afterwards. A native library
 * that failed to load cannot be retried in the same JVM either (DJL caches the failure).</li>
 * </ul>
 */
public final class DjlEngines {

    /** DJL's name of the PyTorch engine. */
    public static final String PYTORCH = "PyTorch";
    /** DJL's name of the OnnxRuntime engine. */
    public static final String ONNX_RUNTIME = "OnnxRuntime";

    static final String OFFLINE_PROPERTY = "ai.djl.offline";
    static final String GRAPH_OPTIMIZER_PROPERTY = "ai.djl.pytorch.graph_optimizer";
    static final String PYTORCH_THREADS_PROPERTY = "ai.djl.pytorch.num_threads";
    static final String PYTORCH_INTEROP_THREADS_PROPERTY = "ai.djl.pytorch.num_interop_threads";

    private static EngineVersions versions;
    private static ClassLoader engineLoader;

    private DjlEngines() {
    }

    /**
     * Initialises both engines with {@link #defaultEngineLoader()} and {@link EngineSettings#defaults()}, unless
     * already initialised (then the existing state is returned, whatever its settings).
     */
    public static synchronized EngineVersions ensureInitialized() {
        return versions != null ? versions : initialize(defaultEngineLoader(), EngineSettings.defaults());
    }

    /**
     * Initialises PyTorch and OnnxRuntime; see the class comment.
     *
     * @param engineLoader the loader that sees the DJL engine jars and their natives; it is the TCCL during start-up
     * @param settings thread counts and device
     * @return the versions and settings in force
     * @throws EngineUnavailableException if an engine or its natives cannot be found or loaded, or a GPU was asked
     *         for and an engine sees none
     * @throws IllegalStateException if the engines were already initialised with different settings
     */
    public static synchronized EngineVersions initialize(ClassLoader engineLoader, EngineSettings settings) {
        Objects.requireNonNull(engineLoader, "engineLoader");
        Objects.requireNonNull(settings, "settings");
        if (versions != null) {
            if (!versions.settings().equals(settings)) {
                throw new IllegalStateException("DJL engines were already initialised with " + versions.settings()
                        + "; thread pools and device are fixed per JVM, cannot switch to " + settings);
            }
            return versions;
        }
        setIfAbsent(OFFLINE_PROPERTY, "true");
        setIfAbsent(GRAPH_OPTIMIZER_PROPERTY, "false");
        setIfAbsent(PYTORCH_THREADS_PROPERTY, Integer.toString(settings.intraOpThreads()));
        setIfAbsent(PYTORCH_INTEROP_THREADS_PROPERTY, Integer.toString(settings.interOpThreads()));

        Engine pytorch = withContextClassLoader(engineLoader, () -> start(PYTORCH, engineLoader));
        Engine onnxRuntime = withContextClassLoader(engineLoader, () -> start(ONNX_RUNTIME, engineLoader));
        if (settings.usesGpu()) {
            requireGpu(pytorch, settings, "ai.djl.pytorch:pytorch-native-cpu by ai.djl.pytorch:pytorch-native-cu128");
            requireGpu(onnxRuntime, settings,
                    "com.microsoft.onnxruntime:onnxruntime by com.microsoft.onnxruntime:onnxruntime_gpu");
        }
        DjlEngines.engineLoader = engineLoader;
        versions = new EngineVersions(Engine.getDjlVersion(), pytorch.getVersion(), onnxRuntime.getVersion(),
                Path.of(LibUtils.getLibtorchPath()), Utils.getEngineCacheDir(),
                Boolean.parseBoolean(System.getProperty(OFFLINE_PROPERTY)), settings, JniUtils.getNumThreads(),
                JniUtils.getNumInteropThreads());
        return versions;
    }

    /** Whether {@link #initialize} has succeeded in this JVM. */
    public static synchronized boolean isInitialized() {
        return versions != null;
    }

    /**
     * The loader to pass to {@link #initialize}: inside OSGi a {@link CompositeClassLoader} over the DJL bundles
     * ({@link OsgiDjlBundles}), otherwise this class's own loader (the class path).
     *
     * @throws EngineUnavailableException inside OSGi, if a DJL bundle is missing or unresolved
     */
    public static ClassLoader defaultEngineLoader() {
        ClassLoader own = DjlEngines.class.getClassLoader();
        if (osgiFrameworkVisible(own)) {
            // OsgiDjlBundles is only loaded when org.osgi.framework exists, so a plain class path needs no OSGi jar
            ClassLoader bundles = OsgiDjlBundles.engineLoaderOrNull(DjlEngines.class);
            if (bundles != null) {
                return bundles;
            }
        }
        return own;
    }

    private static boolean osgiFrameworkVisible(ClassLoader loader) {
        try {
            Class.forName("org.osgi.framework.FrameworkUtil", false, loader);
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    /** The settings of the initialisation (after {@link #ensureInitialized()}). */
    static synchronized EngineSettings settings() {
        return ensureInitialized().settings();
    }

    /** The device models are loaded on. */
    static Device device() {
        return toDevice(settings().device());
    }

    /**
     * {@code "cpu"}, {@code "gpu"} or {@code "gpuN"} as a DJL device. Not {@code Device.fromName(String)}: it asks
     * DJL's default engine, which stays unset when the engines had to be registered explicitly.
     */
    static Device toDevice(String name) {
        if (name.equals("cpu")) {
            return Device.cpu();
        }
        return name.equals("gpu") ? Device.gpu(0) : Device.gpu(Integer.parseInt(name.substring("gpu".length())));
    }

    /** The loader of the initialisation: the TCCL to use when DJL may look up classes or resources (model load). */
    static ClassLoader engineLoader() {
        ensureInitialized();
        synchronized (DjlEngines.class) {
            return engineLoader;
        }
    }

    private static <T> T withContextClassLoader(ClassLoader loader, Supplier<T> action) {
        Thread thread = Thread.currentThread();
        ClassLoader saved = thread.getContextClassLoader();
        thread.setContextClassLoader(loader);
        try {
            return action.get();
        } finally {
            thread.setContextClassLoader(saved);
        }
    }

    private static void setIfAbsent(String key, String value) {
        if (System.getProperty(key) == null) {
            System.setProperty(key, value);
        }
    }

    private static Engine start(String name, ClassLoader loader) {
        List<String> registrationProblems = new ArrayList<>();
        try {
            if (!Engine.hasEngine(name)) {
                // Engine's class initialiser ran under another TCCL and missed this engine: register it ourselves
                registerFrom(loader, name, registrationProblems);
            }
            if (!Engine.hasEngine(name)) {
                List<String> problems = new ArrayList<>(registrationProblems);
                problems.addAll(missingPieces(name, loader));
                if (problems.isEmpty()) {
                    problems.add("no EngineProvider named " + name + " in META-INF/services/"
                            + EngineProvider.class.getName() + " visible to " + loader);
                }
                throw new EngineUnavailableException(name, problems, null);
            }
            return Engine.getEngine(name);
        } catch (EngineUnavailableException e) {
            throw e;
        } catch (RuntimeException | LinkageError e) {
            throw new EngineUnavailableException(name, missingPieces(name, loader), e);
        }
    }

    private static void registerFrom(ClassLoader loader, String name, List<String> problems) {
        try {
            for (EngineProvider provider : ServiceLoader.load(EngineProvider.class, loader)) {
                if (name.equals(provider.getEngineName()) && !Engine.hasEngine(name)) {
                    Engine.registerEngine(provider);
                }
            }
        } catch (ServiceConfigurationError e) {
            problems.add("an EngineProvider could not be instantiated: " + e.getMessage());
        }
    }

    private static void requireGpu(Engine engine, EngineSettings settings, String swap) {
        int wanted = toDevice(settings.device()).getDeviceId();
        int available = engine.getGpuCount();
        if (available <= wanted) {
            throw new EngineUnavailableException(engine.getEngineName(), List.of("device " + settings.device()
                    + " requested but " + engine.getEngineName() + " sees " + available
                    + " GPU(s): it has CPU natives or no CUDA driver. Replace " + swap
                    + " in the target platform, or use device cpu"), null);
        }
    }

    /**
     * Which pieces of an engine {@code loader} cannot see, one sentence each naming the artifact (and bundle) that
     * provides it; empty when all are there.
     */
    static List<String> missingPieces(String engine, ClassLoader loader) {
        List<String> missing = new ArrayList<>();
        if (PYTORCH.equals(engine)) {
            requireClass(loader, "ai.djl.pytorch.engine.PtEngineProvider",
                    "PyTorch engine classes (ai.djl.pytorch:pytorch-engine:0.36.0, bundle "
                            + OsgiDjlBundles.PYTORCH_ENGINE + ")", missing);
            requireResource(loader, "jnilib/pytorch.properties",
                    "PyTorch JNI library (ai.djl.pytorch:pytorch-jni:2.7.1-0.36.0, bundle "
                            + OsgiDjlBundles.PYTORCH_JNI + ")", missing);
            if (System.getenv("PYTORCH_LIBRARY_PATH") == null) {
                requireResource(loader, "native/lib/pytorch.properties",
                        "libtorch native library (ai.djl.pytorch:pytorch-native-cpu:2.7.1:linux-x86_64, bundle "
                                + OsgiDjlBundles.PYTORCH_NATIVE_CPU + ")", missing);
            }
        } else if (ONNX_RUNTIME.equals(engine)) {
            requireClass(loader, "ai.djl.onnxruntime.engine.OrtEngineProvider",
                    "OnnxRuntime engine classes (ai.djl.onnxruntime:onnxruntime-engine:0.36.0, bundle "
                            + OsgiDjlBundles.ONNX_RUNTIME_ENGINE + ")", missing);
            requireClass(loader, "ai.onnxruntime.OrtEnvironment",
                    "OnnxRuntime Java API (com.microsoft.onnxruntime:onnxruntime:1.21.1, bundle "
                            + OsgiDjlBundles.ONNX_RUNTIME + ")", missing);
            String platform = onnxRuntimePlatform();
            requireResource(loader, "ai/onnxruntime/native/" + platform + "/" + System.mapLibraryName("onnxruntime"),
                    "OnnxRuntime native library for " + platform + " (inside com.microsoft.onnxruntime:onnxruntime"
                            + ":1.21.1, bundle " + OsgiDjlBundles.ONNX_RUNTIME + ")", missing);
        }
        return missing;
    }

    private static void requireClass(ClassLoader loader, String className, String what, List<String> missing) {
        try {
            Class.forName(className, false, loader);
        } catch (ClassNotFoundException | LinkageError e) {
            missing.add(what + " not visible to " + loader + " (class " + className + " not found)");
        }
    }

    private static void requireResource(ClassLoader loader, String resource, String what, List<String> missing) {
        if (loader.getResource(resource) == null) {
            // offline, DJL cannot fall back to downloading natives
            missing.add(what + " not visible to " + loader + " (resource " + resource
                    + " not found; offline, DJL cannot download it)");
        }
    }

    /** The folder name OnnxRuntime's jar uses for this OS and CPU. */
    private static String onnxRuntimePlatform() {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        String arch = System.getProperty("os.arch", "").toLowerCase(Locale.ROOT);
        String osPart = os.contains("win") ? "win" : os.contains("mac") ? "osx" : "linux";
        String archPart = arch.equals("amd64") || arch.equals("x86_64") ? "x64" : arch;
        return osPart + "-" + archPart;
    }
}
