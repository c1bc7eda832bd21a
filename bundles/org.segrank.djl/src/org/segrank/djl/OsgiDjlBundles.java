package org.segrank.djl;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.wiring.BundleWiring;
import org.osgi.framework.wiring.FrameworkWiring;

/**
 * The engine class loader inside Equinox: a {@link CompositeClassLoader} over the class loaders of the DJL
 * bundles, which Tycho wraps one per jar ({@code missingManifest="generate"} gives them the symbolic names
 * {@code wrapped.<groupId>.<artifactId>}).
 *
 * <p>Only this class touches the OSGi API; {@link DjlEngines} loads it only when {@code org.osgi.framework} is
 * visible, so a plain class path needs no OSGi jar.
 */
public final class OsgiDjlBundles {

    public static final String API = "wrapped.ai.djl.api";
    public static final String PYTORCH_ENGINE = "wrapped.ai.djl.pytorch.pytorch-engine";
    public static final String PYTORCH_JNI = "wrapped.ai.djl.pytorch.pytorch-jni";
    public static final String PYTORCH_NATIVE_CPU = "wrapped.ai.djl.pytorch.pytorch-native-cpu";
    public static final String ONNX_RUNTIME_ENGINE = "wrapped.ai.djl.onnxruntime.onnxruntime-engine";
    public static final String ONNX_RUNTIME = "wrapped.com.microsoft.onnxruntime.onnxruntime";

    /** A bundle the engines need, and which symbolic names satisfy it (CPU or CUDA natives). */
    private record Requirement(String name, Predicate<String> accepts) {
    }

    /** In delegate order: engines and natives before the API bundle, whose DynamicImport-Package: * sees much. */
    private static final List<Requirement> REQUIREMENTS = List.of(
            new Requirement(PYTORCH_ENGINE, PYTORCH_ENGINE::equals),
            new Requirement(PYTORCH_JNI, PYTORCH_JNI::equals),
            new Requirement(PYTORCH_NATIVE_CPU + " (or pytorch-native-cu128)",
                    name -> name.equals(PYTORCH_NATIVE_CPU)
                            || name.startsWith("wrapped.ai.djl.pytorch.pytorch-native-cu")),
            new Requirement(ONNX_RUNTIME_ENGINE, ONNX_RUNTIME_ENGINE::equals),
            new Requirement(ONNX_RUNTIME + " (or onnxruntime_gpu)",
                    name -> name.equals(ONNX_RUNTIME) || name.equals(ONNX_RUNTIME + "_gpu")),
            new Requirement(API, API::equals));

    private OsgiDjlBundles() {
    }

    /** The symbolic names of the bundles {@link #engineLoader} unions (CPU flavour). */
    public static List<String> bundleNames() {
        return List.of(PYTORCH_ENGINE, PYTORCH_JNI, PYTORCH_NATIVE_CPU, ONNX_RUNTIME_ENGINE, ONNX_RUNTIME, API);
    }

    /**
     * A composite of the DJL bundles' class loaders, resolving installed but unresolved bundles first.
     *
     * @throws EngineUnavailableException (engine {@code "OSGi"}) naming every bundle that is missing or cannot be
     *         resolved
     */
    public static CompositeClassLoader engineLoader(BundleContext context) {
        List<ClassLoader> loaders = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (Requirement requirement : REQUIREMENTS) {
            Bundle bundle = newest(context, requirement.accepts());
            if (bundle == null) {
                problems.add("bundle " + requirement.name() + " is not installed (the DJL feature "
                        + "org.segrank.djl.feature must be part of the product)");
                continue;
            }
            ClassLoader loader = classLoader(context, bundle);
            if (loader == null) {
                problems.add("bundle " + bundle.getSymbolicName() + " " + bundle.getVersion()
                        + " is installed but cannot be resolved (state " + bundle.getState() + ")");
            } else {
                loaders.add(loader);
            }
        }
        if (!problems.isEmpty()) {
            throw new EngineUnavailableException("OSGi", problems, null);
        }
        return new CompositeClassLoader("DJL bundles", loaders);
    }

    /**
     * {@link #engineLoader(BundleContext)} for the framework that loaded {@code anchor}, or {@code null} when
     * {@code anchor} does not come from a bundle (plain class path).
     *
     * @throws EngineUnavailableException if the anchor's bundle cannot be started to get a context, or a DJL bundle
     *         is missing
     */
    static ClassLoader engineLoaderOrNull(Class<?> anchor) {
        Bundle self = FrameworkUtil.getBundle(anchor);
        if (self == null) {
            return null;
        }
        BundleContext context = self.getBundleContext();
        if (context == null) {
            // Only started bundles have a context. Starting one without an activator only changes its state.
            try {
                self.start(Bundle.START_TRANSIENT | Bundle.START_ACTIVATION_POLICY);
            } catch (BundleException | IllegalStateException e) {
                throw new EngineUnavailableException("OSGi", List.of("bundle " + self.getSymbolicName()
                        + " is not active and could not be started (" + e.getMessage()
                        + "); give it Bundle-ActivationPolicy: lazy"), e);
            }
            context = self.getBundleContext();
            if (context == null) {
                throw new EngineUnavailableException("OSGi", List.of("bundle " + self.getSymbolicName()
                        + " has no bundle context in state " + self.getState()
                        + "; give it Bundle-ActivationPolicy: lazy"), null);
            }
        }
        return engineLoader(context);
    }

    private static Bundle newest(BundleContext context, Predicate<String> accepts) {
        Bundle newest = null;
        for (Bundle bundle : context.getBundles()) {
            String name = bundle.getSymbolicName();
            if (name != null && accepts.test(name) && bundle.getState() != Bundle.UNINSTALLED
                    && (newest == null || bundle.getVersion().compareTo(newest.getVersion()) > 0)) {
                newest = bundle;
            }
        }
        return newest;
    }

    private static ClassLoader classLoader(BundleContext context, Bundle bundle) {
        BundleWiring wiring = bundle.adapt(BundleWiring.class);
        if (wiring == null) {
            FrameworkWiring framework = context.getBundle(0).adapt(FrameworkWiring.class);
            if (framework != null) {
                framework.resolveBundles(List.of(bundle));
            }
            wiring = bundle.adapt(BundleWiring.class);
        }
        return wiring == null ? null : wiring.getClassLoader();
    }
}
