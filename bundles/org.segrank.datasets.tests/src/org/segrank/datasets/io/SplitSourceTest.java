package org.segrank.datasets.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.segrank.core.InvalidInputException;

class SplitSourceTest {
    @TempDir
    Path data;

    private void pair(String image, String mask, int seed) throws IOException {
        TestFiles.image(data.resolve(image), seed);
        new TestFiles.Canvas().rect(2, 2, 3, 3, 255).writeGrey(data.resolve(mask));
    }

    private static ImportReport.Item item(ImportReport report, String fileName) {
        return report.imported().stream().filter(i -> i.fileName().equals(fileName)).findFirst().orElseThrow(
                () -> new AssertionError(fileName + " not imported: " + report.summary()));
    }

    @Test
    void csvGivesSplitClassAndRegimeAndAcceptsBothPathForms() throws IOException {
        pair("images/a.png", "masks/a.png", 1);
        pair("images/b.png", "masks/b.png", 2);
        pair("images/c.png", "masks/c.png", 3);
        Path csv = TestFiles.text(data.resolve("meta/roles.csv"), "\uFEFFFile , Split,Class,regime,extra\n"
                + "images/a.png,candidate,round,dense,x\n"
                + "./b.png,finetune:small-round,round,,y\n"
                + "c.png,query,,,\n");

        ImportReport report = DatasetImporter.validate(data, DatasetFormat.MASK_PAIRS,
                ImportOptions.defaults().withSplitCsv(csv));

        assertFalse(report.hasProblems(), report.summary());
        assertEquals(new ImportReport.Item("images/a.png", "a.png", "candidate", "round", "dense", 1), item(report, "a.png"));
        assertEquals(new ImportReport.Item("images/b.png", "b.png", "finetune:small-round", "round", null, 1),
                item(report, "b.png"));
        assertEquals(new ImportReport.Item("images/c.png", "c.png", "query", null, null, 1), item(report, "c.png"));
    }

    @Test
    void csvProblemsAreReportedPerImageWithTheCsvLine() throws IOException {
        pair("images/a.png", "masks/a.png", 1);
        pair("images/b.png", "masks/b.png", 2);
        pair("images/c.png", "masks/c.png", 3);
        pair("images/d.png", "masks/d.png", 4);
        TestFiles.text(data.resolve("manifest.csv"), "file,split\n"
                + "a.png,Train\n" // invalid split name
                + "b.png,candidate\n"
                + "b.png,query\n" // listed twice
                + "missing.png,query\n"
                + "d.png,candidate\n");

        ImportReport report = DatasetImporter.validate(data, DatasetFormat.MASK_PAIRS, ImportOptions.defaults());

        assertEquals(List.of("d.png"), report.imported().stream().map(ImportReport.Item::fileName).toList());
        assertEquals(List.of("images/a.png", "images/b.png", "images/c.png", "missing.png"),
                report.invalid().stream().map(ImportReport.Problem::file).toList());
        assertTrue(report.invalid().get(0).problem().startsWith("manifest.csv line 2: column 'split': 'Train' is not"),
                report.invalid().get(0).problem());
        assertTrue(report.invalid().get(1).problem().contains("listed twice in manifest.csv (line 3 and line 4)"),
                report.invalid().get(1).problem());
        assertEquals("has no row in manifest.csv, so its split is unknown", report.invalid().get(2).problem());
        assertEquals("manifest.csv line 5: the listed image does not exist", report.invalid().get(3).problem());
    }

    @Test
    void aCsvWithoutTheRequiredColumnsFailsNamingTheCsv() throws IOException {
        pair("images/a.png", "masks/a.png", 1);
        Path csv = TestFiles.text(data.resolve("splits.csv"), "name,role\na.png,candidate\n");

        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> DatasetImporter.validate(data, DatasetFormat.MASK_PAIRS, ImportOptions.defaults()));

        assertEquals(csv.toString(), e.source());
        assertTrue(e.getMessage().contains("needs the columns 'file' and 'split'"), e.getMessage());
    }

    @Test
    void withoutAnySplitSourceTheImportSaysHowToGiveOne() throws IOException {
        pair("images/a.png", "masks/a.png", 1);

        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> DatasetImporter.validate(data, DatasetFormat.MASK_PAIRS, ImportOptions.defaults()));

        assertTrue(e.getMessage().contains("no split information"), e.getMessage());
    }

    @Test
    void folderNamesGiveSplitAndClass() throws IOException {
        pair("images/candidate/round/a.png", "masks/candidate/round/a.png", 1);
        pair("images/query/b.png", "masks/query/b.png", 2);
        pair("images/c.png", "masks/c.png", 3);
        pair("images/Train/d.png", "masks/Train/d.png", 4);
        pair("images/query/x/y/e.png", "masks/query/x/y/e.png", 5);

        ImportReport report = DatasetImporter.validate(data, DatasetFormat.MASK_PAIRS,
                ImportOptions.defaults().withSplitsFromFolders());

        assertEquals(new ImportReport.Item("images/candidate/round/a.png", "candidate/round/a.png", "candidate", "round",
                null, 1), item(report, "candidate/round/a.png"));
        ImportReport.Item query = item(report, "query/b.png");
        assertEquals("query", query.split());
        assertNull(query.classLabel());
        assertEquals(List.of("images/Train/d.png", "images/c.png", "images/query/x/y/e.png"),
                report.invalid().stream().map(ImportReport.Problem::file).toList());
        assertTrue(report.invalid().get(0).problem().contains("folder name 'Train' is not a split name"));
        assertTrue(report.invalid().get(1).problem().contains("is not in a <split>/ or <split>/<class>/ folder"));
        assertTrue(report.invalid().get(2).problem().contains("is not in a <split>/ or <split>/<class>/ folder"));
    }

    @Test
    void aMaskColumnOverridesTheNamingRule() throws IOException {
        TestFiles.image(data.resolve("images/a.png"), 1);
        new TestFiles.Canvas().rect(1, 1, 2, 2, 255).rect(9, 9, 2, 2, 255).writeGrey(data.resolve("annot/A-mask.png"));
        TestFiles.text(data.resolve("splits.csv"), "file,split,mask_file\nimages/a.png,candidate,annot/A-mask.png\n");

        ImportReport report = DatasetImporter.validate(data, DatasetFormat.MASK_PAIRS, ImportOptions.defaults());

        assertFalse(report.hasProblems(), report.summary());
        assertEquals(2, report.imported().get(0).instances());
    }
}
