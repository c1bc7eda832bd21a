package org.segrank.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

import javax.management.ObjectName;

import org.osgi.framework.Bundle;
import org.osgi.framework.FrameworkUtil;
import org.segrank.core.Workspaces;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code segrank doctor}: checks what a fresh machine needs (Java, memory, disk, workspace,
 * DJL natives, a display for the UI) and says what to do about each problem.
 */
@Command(name = "doctor", description = "Checks this machine and the workspace; exit 5 when something blocks SegRank.")
final class DoctorCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--workspace", paramLabel = "DIR", description = "Workspace folder (default: ~/.segrank or $SEGRANK_WORKSPACE).")
    Path workspace;

    @Option(names = "--no-engines", description = "Only check that the DJL natives are present; do not load PyTorch and OnnxRuntime (the first load unpacks ~430 MB).")
    boolean noEngines;

    enum Level { OK, WARN, FAIL }

    record Check(Level level, String name, String detail) {
    }

    @Override
    public Integer call() {
        List<Check> checks = run(Workspaces.resolve(workspace), !noEngines);
        PrintWriter out = spec.commandLine().getOut();
        for (Check check : checks) {
            out.printf(Locale.ROOT, "%-5s %-14s %s%n", check.level(), check.name(), check.detail());
        }
        long failures = checks.stream().filter(c -> c.level() == Level.FAIL).count();
        long warnings = checks.stream().filter(c -> c.level() == Level.WARN).count();
        out.printf(Locale.ROOT, "%d checks: %d failed, %d warnings%n", checks.size(), failures, warnings);
        return failures == 0 ? ExitCodes.OK : ExitCodes.ENVIRONMENT;
    }

    static List<Check> run(Path workspace, boolean loadEngines) {
        List<Check> checks = new ArrayList<>();
        checks.add(java());
        checks.add(new Check(Level.OK, "os", System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
                + System.getProperty("os.arch") + ", " + Runtime.getRuntime().availableProcessors() + " cores"));
        checks.add(memory());
        checks.add(workspace(workspace));
        checks.add(djl(loadEngines));
        checks.add(display());
        return checks;
    }

    static Check java() {
        int feature = Runtime.version().feature();
        String detail = System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ") at "
                + System.getProperty("java.home");
        return feature >= 21 ? new Check(Level.OK, "java", detail)
                : new Check(Level.FAIL, "java", detail + ": SegRank needs Java 21 or newer");
    }

    static Check memory() {
        long maxHeap = Runtime.getRuntime().maxMemory();
        long physical = physicalMemory();
        String detail = String.format(Locale.ROOT, "max heap %s, physical %s", bytes(maxHeap),
                physical > 0 ? bytes(physical) : "unknown");
        if (maxHeap < 1L << 30) {
            return new Check(Level.WARN, "memory", detail + ": under 1 GiB of heap; raise -Xmx (SEGRANK_HEAP) for large datasets");
        }
        return new Check(Level.OK, "memory", detail);
    }

    private static long physicalMemory() {
        try {
            Object value = ManagementFactory.getPlatformMBeanServer()
                    .getAttribute(new ObjectName("java.lang:type=OperatingSystem"), "TotalMemorySize");
            return value instanceof Number n ? n.longValue() : -1;
        } catch (Exception | LinkageError e) {
            return -1;
        }
    }

    static Check workspace(Path dir) {
        try {
            Files.createDirectories(dir);
            Path probe = Files.createTempFile(dir, ".doctor", ".tmp");
            Files.delete(probe);
            long free = Files.getFileStore(dir).getUsableSpace();
            String detail = dir + " (writable, " + bytes(free) + " free)";
            return free < 2L << 30 ? new Check(Level.WARN, "workspace", detail + ": under 2 GiB free")
                    : new Check(Level.OK, "workspace", detail);
        } catch (IOException | SecurityException e) {
            return new Check(Level.FAIL, "workspace", dir + " is not usable: " + e.getMessage()
                    + " (choose another with --workspace DIR)");
        }
    }

    /** Native libraries the product must carry, by the bundle that holds them. */
    private static final String[][] DJL_NATIVES = {
            { "wrapped.ai.djl.api", null, "DJL API" },
            { "wrapped.ai.djl.pytorch.pytorch-engine", null, "PyTorch engine" },
            { "wrapped.ai.djl.pytorch.pytorch-jni", null, "PyTorch JNI" },
            { "wrapped.ai.djl.pytorch.pytorch-native-cpu", "pytorch/cpu/linux-x86_64/libtorch_cpu.so", "libtorch (CPU)" },
            { "wrapped.ai.djl.onnxruntime.onnxruntime-engine", null, "OnnxRuntime engine" },
            { "wrapped.com.microsoft.onnxruntime.onnxruntime", "ai/onnxruntime/native/linux-x64/libonnxruntime.so", "libonnxruntime" } };

    /**
     * DJL is usable when its engine bundles are installed, the native libraries for this
     * platform are inside them, and the native cache can be written: DJL unpacks ~430 MB of
     * natives there on first use ({@code DJL_CACHE_DIR} moves it), fully offline.
     */
    static Check djl(boolean loadEngines) {
        Bundle self = bundleOrNull();
        if (self == null || self.getBundleContext() == null) {
            return new Check(Level.WARN, "djl", "not running inside the SegRank product: cannot see the DJL bundles");
        }
        List<String> found = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        for (String[] wanted : DJL_NATIVES) {
            Bundle bundle = find(self, wanted[0]);
            if (bundle == null) {
                missing.add(wanted[2] + " (bundle " + wanted[0] + ")");
            } else if (wanted[1] != null && bundle.getEntry(wanted[1]) == null) {
                missing.add(wanted[2] + " (" + wanted[1] + " not in " + wanted[0] + " " + bundle.getVersion() + ")");
            } else if (wanted[1] != null) {
                found.add(wanted[2] + " " + bundle.getVersion());
            }
        }
        if (!"amd64".equals(System.getProperty("os.arch")) && !"x86_64".equals(System.getProperty("os.arch"))) {
            missing.add("natives for " + System.getProperty("os.arch") + " (this product carries linux x86_64 only)");
        }
        if (!missing.isEmpty()) {
            return new Check(Level.FAIL, "djl", "missing: " + String.join("; ", missing));
        }
        String cacheSetting = System.getenv("DJL_CACHE_DIR");
        Path cache = cacheSetting != null ? Path.of(cacheSetting) : Path.of(System.getProperty("user.home"), ".djl.ai");
        try {
            Files.createDirectories(cache);
            if (!Files.isWritable(cache)) {
                return new Check(Level.FAIL, "djl", "native cache " + cache + " is not writable (set DJL_CACHE_DIR)");
            }
        } catch (IOException e) {
            return new Check(Level.FAIL, "djl", "native cache " + cache + " cannot be created: " + e.getMessage() + " (set DJL_CACHE_DIR)");
        }
        boolean offline = Boolean.getBoolean("ai.djl.offline");
        String detail = String.join(", ", found) + "; cache " + cache + (offline ? ", offline" : "");
        if (loadEngines) {
            try {
                // the real test: both engines start inside Equinox and load their natives
                detail += "; loaded " + org.segrank.djl.DjlEngines.ensureInitialized();
            } catch (RuntimeException | LinkageError e) {
                return new Check(Level.FAIL, "djl", detail + "; the engines do not start: " + e.getMessage());
            }
        }
        return offline ? new Check(Level.OK, "djl", detail)
                : new Check(Level.WARN, "djl", detail + ", NOT offline: DJL may try to download (set -Dai.djl.offline=true)");
    }

    private static Bundle find(Bundle self, String symbolicName) {
        for (Bundle bundle : self.getBundleContext().getBundles()) {
            if (symbolicName.equals(bundle.getSymbolicName())) {
                return bundle;
            }
        }
        return null;
    }

    private static Bundle bundleOrNull() {
        try {
            return FrameworkUtil.getBundle(DoctorCommand.class);
        } catch (NoClassDefFoundError outsideOsgi) {
            return null;
        }
    }

    static Check display() {
        String display = System.getenv("DISPLAY");
        String wayland = System.getenv("WAYLAND_DISPLAY");
        if ((display == null || display.isBlank()) && (wayland == null || wayland.isBlank())) {
            return new Check(Level.WARN, "display", "no DISPLAY: 'segrank ui' needs a desktop or Xvfb (xvfb-run ./segrank ui)");
        }
        return new Check(Level.OK, "display", display != null ? "DISPLAY=" + display : "WAYLAND_DISPLAY=" + wayland);
    }

    static String bytes(long n) {
        double gib = n / (double) (1L << 30);
        return gib >= 1 ? String.format(Locale.ROOT, "%.1f GiB", gib) : String.format(Locale.ROOT, "%d MiB", n >> 20);
    }
}
