package org.segrank.retrieval;

import java.lang.management.ManagementFactory;
import java.lang.management.PlatformManagedObject;
import java.lang.reflect.Method;

/**
 * Whether {@link Math#fma(float, float, float)} is a hardware instruction here. The fused kernels are several
 * times faster with it, but without it (HotSpot's {@code -XX:-UseFMA}, CPUs without FMA) {@code Math.fma} falls
 * back to exact software arithmetic that is orders of magnitude slower, so the kernels then use separate
 * multiply and add. Detected from HotSpot's {@code UseFMA} flag through the platform class loader (no OSGi
 * import of {@code com.sun.management} needed); on other VMs, or if detection fails, the plain kernels are used.
 * The system property {@code segrank.retrieval.fma} ({@code true}/{@code false}) overrides the detection.
 */
final class Fma {
    static final boolean AVAILABLE = detect();

    private Fma() {
    }

    private static boolean detect() {
        String forced = System.getProperty("segrank.retrieval.fma");
        if (forced != null) {
            return Boolean.parseBoolean(forced);
        }
        try {
            @SuppressWarnings("unchecked")
            Class<? extends PlatformManagedObject> type = (Class<? extends PlatformManagedObject>) ClassLoader
                    .getPlatformClassLoader().loadClass("com.sun.management.HotSpotDiagnosticMXBean");
            Object bean = ManagementFactory.getPlatformMXBean(type);
            Object option = type.getMethod("getVMOption", String.class).invoke(bean, "UseFMA");
            Method value = option.getClass().getMethod("getValue");
            return "true".equals(String.valueOf(value.invoke(option)));
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            return false;
        }
    }
}
