package org.segrank.djl;

import java.io.File;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.List;

/**
 * Run in a JVM of its own by {@link DjlEnginesTest}: loads DJL the way Equinox does, one class loader per jar group
 * (API, PyTorch engine + JNI, PyTorch natives, OnnxRuntime), none of them the application or context class loader,
 * then checks that {@link DjlEngines} fails clearly with a loader that sees no engine and succeeds with a
 * {@link CompositeClassLoader} over the groups. The failed first attempt initialises DJL's {@code Engine} class
 * with no engine at all (as a bundle's own loader does in Equinox), so the second attempt must register the
 * engines explicitly and work without a DJL default engine. Uses only reflection: this class needs no DJL.
 *
 * <p>Arguments: path lists (separated by {@link File#pathSeparator}) for api, pytorch, natives, onnxruntime and
 * segrank (the code under test and its metrics dependency), then the ONNX model and an image.
 */
public final class IsolatedEngineLoaderCheck {

    private IsolatedEngineLoaderCheck() {
    }

    public static void main(String[] args) throws Exception {
        ClassLoader platform = ClassLoader.getPlatformClassLoader();
        URLClassLoader api = new URLClassLoader("api", urls(args[0]), platform);
        URLClassLoader pytorch = new URLClassLoader("pytorch", urls(args[1]), api);
        URLClassLoader natives = new URLClassLoader("natives", urls(args[2]), platform);
        URLClassLoader onnxRuntime = new URLClassLoader("onnxruntime", urls(args[3]), api);
        // the code under test imports ai.djl.* and ai.djl.pytorch.jni (like the bundle's Import-Package)
        URLClassLoader segrank = new URLClassLoader("segrank", urls(args[4]), pytorch);

        Class<?> engines = Class.forName("org.segrank.djl.DjlEngines", true, segrank);
        Class<?> settingsType = Class.forName("org.segrank.djl.EngineSettings", true, segrank);
        Object settings = settingsType.getMethod("cpu", int.class, int.class).invoke(null, 1, 1);
        Method initialize = engines.getMethod("initialize", ClassLoader.class, settingsType);

        System.out.println("CONTEXT LOADER SEES DJL: " + visible(Thread.currentThread().getContextClassLoader()));
        try (URLClassLoader nothing = new URLClassLoader("nothing", new URL[0], platform)) {
            initialize.invoke(null, nothing, settings);
            System.out.println("FIRST: unexpectedly succeeded");
        } catch (InvocationTargetException e) {
            System.out.println("FIRST: " + e.getCause().getClass().getSimpleName() + ": "
                    + e.getCause().getMessage().replace(System.lineSeparator(), " | "));
        }

        Class<?> composite = Class.forName("org.segrank.djl.CompositeClassLoader", true, segrank);
        Object engineLoader = composite.getConstructor(String.class, List.class)
                .newInstance("bundles", List.of(pytorch, natives, onnxRuntime, api));
        System.out.println("SECOND: " + initialize.invoke(null, engineLoader, settings));

        Class<?> modelSettings = Class.forName("org.segrank.djl.ModelSettings", true, segrank);
        Object defaults = modelSettings.getMethod("defaults").invoke(null);
        Object model = Class.forName("org.segrank.djl.OnnxMaskRcnn", true, segrank)
                .getMethod("load", Path.class, modelSettings).invoke(null, Path.of(args[5]), defaults);
        Object image = javax.imageio.ImageIO.read(new File(args[6]));
        Object predictions = model.getClass().getMethod("predict", java.awt.image.BufferedImage.class)
                .invoke(model, image);
        System.out.println("DETECTIONS: " + ((List<?>) predictions).size());
        ((AutoCloseable) model).close();
    }

    private static boolean visible(ClassLoader loader) {
        try {
            Class.forName("ai.djl.engine.Engine", false, loader);
            return true;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }

    private static URL[] urls(String paths) throws Exception {
        String[] parts = paths.split(File.pathSeparator);
        URL[] urls = new URL[parts.length];
        for (int i = 0; i < parts.length; i++) {
            urls[i] = Path.of(parts[i]).toUri().toURL();
        }
        return urls;
    }
}
