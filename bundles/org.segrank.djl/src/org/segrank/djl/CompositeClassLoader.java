package org.segrank.djl;

import java.io.IOException;
import java.net.URL;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A class loader that sees the union of its delegates: classes and resources are looked up in each delegate in
 * order, the first hit wins; {@link #getResources} returns the hits of all delegates (duplicates removed).
 *
 * <p>DJL finds its engines ({@code META-INF/services/ai.djl.engine.EngineProvider}) and native libraries
 * ({@code native/lib/pytorch.properties}, {@code jnilib/...}) through the thread context class loader. Inside
 * Equinox every DJL jar is its own bundle, so no single bundle loader sees all of them; a composite over the DJL
 * bundles' loaders does. Use it as the {@code engineLoader} of {@link DjlEngines#initialize}.
 *
 * <p>The parent is the platform class loader, so {@code java.*} and other JDK classes resolve as usual and never
 * from a delegate. Classes are not defined here: a class found through a delegate keeps that delegate as its
 * defining loader, so types shared between bundles stay identical.
 */
public final class CompositeClassLoader extends ClassLoader {

    static {
        registerAsParallelCapable();
    }

    private final List<ClassLoader> delegates;

    /**
     * @param name a name for diagnostics (shown by {@link #toString()})
     * @param delegates the loaders to search, in order; at least one, no {@code null}
     */
    public CompositeClassLoader(String name, List<ClassLoader> delegates) {
        super(name, ClassLoader.getPlatformClassLoader());
        if (delegates.isEmpty()) {
            throw new IllegalArgumentException("a composite class loader needs at least one delegate");
        }
        delegates.forEach(delegate -> Objects.requireNonNull(delegate, "delegate"));
        this.delegates = List.copyOf(delegates);
    }

    /** The delegates, in search order. */
    public List<ClassLoader> delegates() {
        return delegates;
    }

    @Override
    protected Class<?> findClass(String className) throws ClassNotFoundException {
        for (ClassLoader delegate : delegates) {
            try {
                return delegate.loadClass(className);
            } catch (ClassNotFoundException | NoClassDefFoundError notInThisDelegate) {
                // try the next delegate
            }
        }
        throw new ClassNotFoundException(className + " (not visible to any of " + this + ")");
    }

    @Override
    protected URL findResource(String resourceName) {
        for (ClassLoader delegate : delegates) {
            URL url = delegate.getResource(resourceName);
            if (url != null) {
                return url;
            }
        }
        return null;
    }

    @Override
    protected Enumeration<URL> findResources(String resourceName) throws IOException {
        // a LinkedHashSet: delegates that share a parent would otherwise report the same URL twice
        Set<URL> urls = new LinkedHashSet<>();
        for (ClassLoader delegate : delegates) {
            urls.addAll(Collections.list(delegate.getResources(resourceName)));
        }
        return Collections.enumeration(new ArrayList<>(urls));
    }

    @Override
    public String toString() {
        return "CompositeClassLoader[" + getName() + ", " + delegates.size() + " delegates]";
    }
}
