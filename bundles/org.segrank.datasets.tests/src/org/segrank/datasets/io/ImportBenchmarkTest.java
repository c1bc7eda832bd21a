package org.segrank.datasets.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.segrank.workspace.Workspace;

class ImportBenchmarkTest {
    @TempDir
    Path temp;

    @Test
    void aSmallRunImportsEveryGeneratedImageAndReportsThroughput() throws IOException {
        ImportBenchmark.Result result = ImportBenchmark.run(temp, 6, 64, 7);

        assertEquals(6, result.images());
        assertEquals(64, result.size());
        assertTrue(result.instances() >= 6, "every image has visible discs: " + result.instances());
        assertTrue(result.importedImagesPerSecond() > 0 && Double.isFinite(result.importedImagesPerSecond()));
        assertTrue(result.validatedImagesPerSecond() > 0 && Double.isFinite(result.validatedImagesPerSecond()));
        assertTrue(result.toString().contains("images/s"), result.toString());
        try (Workspace workspace = Workspace.open(temp.resolve("workspace"))) {
            long stored = workspace.datasets().list().get(0).instanceCount();
            assertEquals(result.instances(), stored);
        }
    }

    @Test
    void generatedLabelsAreVisibleInstancesOnly() throws IOException {
        long instances = ImportBenchmark.writeInputs(temp.resolve("inputs"), 3, 48, 11);
        ImportReport report = DatasetImporter.validate(temp.resolve("inputs"), DatasetFormat.LABEL_PNGS,
                ImportOptions.defaults().withSingleSplit("candidate"));

        assertEquals(3, report.imported().size());
        assertEquals(instances, report.importedInstances());
    }
}
