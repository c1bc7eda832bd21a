package org.segrank.djl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.ServiceLoader;
import java.util.function.Supplier;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CompositeClassLoaderTest {

    /** Found by ServiceLoader through the composite in {@link #serviceFilesOfOneDelegateAndClassesOfAnotherWork}. */
    public static final class Greeter implements Supplier<String> {
        @Override
        public String get() {
            return "hello";
        }
    }

    @TempDir
    Path temp;
    private URLClassLoader first;
    private URLClassLoader second;

    @BeforeEach
    void createDelegates() throws IOException {
        Path a = Files.createDirectories(temp.resolve("a"));
        Path b = Files.createDirectories(temp.resolve("b"));
        Files.writeString(a.resolve("shared.txt"), "from a");
        Files.writeString(b.resolve("shared.txt"), "from b");
        Files.writeString(b.resolve("only-b.txt"), "b only");
        Path services = Files.createDirectories(b.resolve("META-INF/services"));
        Files.writeString(services.resolve(Supplier.class.getName()), Greeter.class.getName() + "\n");
        // parents are the platform loader: like bundles, neither sees the other nor the application class path
        first = new URLClassLoader("a", new URL[] {a.toUri().toURL()}, ClassLoader.getPlatformClassLoader());
        second = new URLClassLoader("b", new URL[] {b.toUri().toURL()}, ClassLoader.getPlatformClassLoader());
    }

    @AfterEach
    void closeDelegates() throws IOException {
        first.close();
        second.close();
    }

    @Test
    void firstDelegateWinsForASingleResource() throws IOException {
        CompositeClassLoader composite = new CompositeClassLoader("test", List.of(first, second));
        assertEquals("from a", read(composite.getResource("shared.txt")));
        assertEquals("b only", read(composite.getResource("only-b.txt")));
        assertNull(composite.getResource("nowhere.txt"));
    }

    @Test
    void allDelegatesContributeToResourceLists() throws IOException {
        CompositeClassLoader composite = new CompositeClassLoader("test", List.of(first, second, first));
        List<URL> urls = Collections.list(composite.getResources("shared.txt"));
        assertEquals(2, urls.size(), "duplicates are removed: " + urls);
        assertEquals("from a", read(urls.get(0)));
        assertEquals("from b", read(urls.get(1)));
    }

    @Test
    void classesKeepTheirDefiningLoader() throws ClassNotFoundException {
        ClassLoader testLoader = CompositeClassLoaderTest.class.getClassLoader();
        CompositeClassLoader composite = new CompositeClassLoader("test", List.of(first, testLoader));
        assertSame(CompositeClassLoaderTest.class, composite.loadClass(CompositeClassLoaderTest.class.getName()));
        assertSame(String.class, composite.loadClass("java.lang.String"));
        ClassNotFoundException missing = assertThrows(ClassNotFoundException.class,
                () -> composite.loadClass("org.segrank.djl.NoSuchClass"));
        assertTrue(missing.getMessage().contains("CompositeClassLoader[test, 2 delegates]"), missing.getMessage());
    }

    @Test
    @SuppressWarnings("rawtypes") // ServiceLoader of a generic interface
    void serviceFilesOfOneDelegateAndClassesOfAnotherWork() {
        // DJL's situation: the service file sits in an engine bundle, the class loads through another delegate
        CompositeClassLoader composite = new CompositeClassLoader("test",
                List.of(first, second, CompositeClassLoaderTest.class.getClassLoader()));
        List<String> greetings = ServiceLoader.load(Supplier.class, composite).stream()
                .map(provider -> String.valueOf(provider.get().get())).toList();
        assertEquals(List.of("hello"), greetings);
        assertEquals(List.of(), ServiceLoader.load(Supplier.class, first).stream().toList());
    }

    @Test
    void needsAtLeastOneDelegate() {
        assertThrows(IllegalArgumentException.class, () -> new CompositeClassLoader("empty", List.of()));
    }

    private static String read(URL url) throws IOException {
        try (InputStream in = url.openStream()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
