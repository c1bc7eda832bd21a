package org.segrank.workspace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The RCP UI and the CLI use one workspace at the same time. */
class ConcurrentAccessTest {
    @TempDir
    Path folder;

    @Test
    void twoWorkspaceInstancesOnOneFolderSeeEachOthersCommittedWrites() throws IOException {
        Path directory = folder.resolve("ws");
        try (Workspace ui = Workspace.open(directory)) {
            Workspace cli = Workspace.open(directory);
            try {
                useBoth(ui, cli);
            } finally {
                cli.close(); // the CLI exits while the UI goes on
            }
            ui.datasets().create(NewDataset.named("after-cli"));
            assertEquals(2, ui.datasets().list().size());
        }
        try (Workspace reopened = Workspace.open(directory)) {
            assertEquals(List.of("after-cli", "from-ui"),
                    reopened.datasets().list().stream().map(summary -> summary.dataset().name()).toList());
        }
    }

    private void useBoth(Workspace ui, Workspace cli) throws IOException {
        ui.datasets().create(NewDataset.named("from-ui"));
        assertTrue(cli.datasets().findByName("from-ui").isPresent());
        cli.models().register(ModelRegistration.builder("m", "r50", ModelFormat.ONNX)
                .artifact(TestData.write(folder, "m.onnx", "w")).build());
        assertEquals("m:1", ui.models().get("m").qualifiedName());
        assertTrue(ui.store().contains(ui.models().get("m").artifactSha256()), "one store for both");
    }

    @Test
    void concurrentUpsertsOfTheSamePairsFromTwoInstancesNeverDuplicateRows() throws Exception {
        try (Workspace first = Workspace.open(folder); Workspace second = Workspace.open(folder)) {
            first.datasets().create(NewDataset.named("d"));
            List<NewImage> newImages = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                newImages.add(TestData.image(first, "img" + i + ".png", ImageSplits.CANDIDATE));
            }
            List<Image> images = first.datasets().addImages("d", "test", newImages);
            RegisteredModel model = TestData.metadataOnlyModel(first, "m", "1");
            ExecutorService pool = Executors.newFixedThreadPool(2);
            try {
                List<Future<Void>> done = new ArrayList<>();
                for (Workspace workspace : List.of(first, second)) {
                    done.add(pool.submit((Callable<Void>) () -> {
                        for (int round = 0; round < 3; round++) {
                            for (Image image : images) {
                                workspace.results().upsert(EvaluationResult.of(image.id(), model.id(), "s", 0.5,
                                        null, null, 1, 1, null));
                            }
                        }
                        return null;
                    }));
                }
                for (Future<Void> future : done) {
                    future.get(60, TimeUnit.SECONDS);
                }
            } finally {
                pool.shutdownNow();
            }
            assertEquals(20, TestData.count(second, "evaluation_results"));
            assertEquals(20, first.results().countDone("d", null, "s"));
        }
    }

    @Test
    @Timeout(120)
    void aSecondProcessUsesTheWorkspaceWhileThisOneHoldsItOpen() throws Exception {
        String classPath = childClassPath();
        try (Workspace parent = Workspace.open(folder)) {
            parent.datasets().create(NewDataset.named("from-parent"));
            Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", classPath, WorkspaceChildProcess.class.getName(), folder.toString())
                    .redirectErrorStream(true).start();
            child.getOutputStream().close();
            String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(child.waitFor(90, TimeUnit.SECONDS), "the child process did not finish: " + output);
            assertEquals(0, child.exitValue(), output);
            assertTrue(output.contains("sees-parent=true"), output);
            assertTrue(output.contains("datasets=2"), output);
            assertTrue(parent.datasets().findByName("from-child").isPresent(), "the parent sees the child's write");
        }
    }

    /**
     * The class path of the code under test, from where its classes were loaded. Inside OSGi a
     * class may only be visible to the bundle that uses it, and locations may not be plain files;
     * if the class path cannot be built, the two-process check is skipped, not failed.
     */
    private static String childClassPath() throws URISyntaxException {
        List<ClassLoader> loaders = List.of(ConcurrentAccessTest.class.getClassLoader(),
                com.fasterxml.jackson.databind.ObjectMapper.class.getClassLoader(),
                org.flywaydb.core.Flyway.class.getClassLoader(),
                org.apache.commons.csv.CSVFormat.class.getClassLoader());
        Set<String> entries = new LinkedHashSet<>();
        List<String> required = List.of(WorkspaceChildProcess.class.getName(), Workspace.class.getName(),
                "org.segrank.core.InvalidInputException", "org.h2.jdbcx.JdbcDataSource", "org.flywaydb.core.Flyway",
                "com.fasterxml.jackson.databind.ObjectMapper", "com.fasterxml.jackson.core.JsonFactory",
                "com.fasterxml.jackson.annotation.JsonProperty");
        List<String> optional = List.of("org.apache.commons.csv.CSVFormat", "org.apache.commons.io.IOUtils",
                "org.apache.commons.codec.binary.Hex", "org.apache.commons.text.StringSubstitutor",
                "org.apache.commons.lang3.StringUtils");
        for (String className : required) {
            Class<?> type = load(className, loaders);
            Assumptions.assumeTrue(type != null, "cannot see " + className + " to put it on a second JVM's class path");
            entries.add(location(type));
        }
        for (String className : optional) {
            Class<?> type = load(className, loaders);
            if (type != null) {
                entries.add(location(type));
            }
        }
        return String.join(File.pathSeparator, entries);
    }

    private static Class<?> load(String className, List<ClassLoader> loaders) {
        for (ClassLoader loader : loaders) {
            try {
                return Class.forName(className, false, loader);
            } catch (ClassNotFoundException | LinkageError e) {
                // try the next bundle's view
            }
        }
        return null;
    }

    private static String location(Class<?> type) throws URISyntaxException {
        CodeSource source = type.getProtectionDomain().getCodeSource();
        URL location = source == null ? null : source.getLocation();
        Assumptions.assumeTrue(location != null && "file".equals(location.getProtocol()),
                "cannot build a class path for a second JVM from " + location);
        return Path.of(location.toURI()).toString();
    }
}
