package org.segrank.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where and how the report file is written. */
class ExcelReportWriteTest {
    @TempDir
    Path folder;

    @Test
    void missingFolderGivesAnErrorNamingThePath() {
        Path out = folder.resolve("no-such-folder").resolve("report.xlsx");
        IOException e = assertThrows(IOException.class, () -> ExcelReport.write(ReportFixtures.report(), out));
        assertTrue(e.getMessage().contains(out.toString()), e.getMessage());
        assertTrue(e.getMessage().contains("does not exist"), e.getMessage());
    }

    @Test
    void parentThatIsAFileGivesAnErrorNamingThePath() throws IOException {
        Path notAFolder = Files.writeString(folder.resolve("plain.txt"), "x");
        Path out = notAFolder.resolve("report.xlsx");
        IOException e = assertThrows(IOException.class, () -> ExcelReport.write(ReportFixtures.report(), out));
        assertTrue(e.getMessage().contains(out.toString()), e.getMessage());
        assertTrue(e.getMessage().contains("not a folder"), e.getMessage());
    }

    @Test
    void replacesAnExistingFileAndLeavesNoTemporaryFiles() throws IOException {
        Path out = folder.resolve("report.xlsx");
        Files.writeString(out, "old content");
        Set<String> sxssfBefore = sxssfTempFiles();
        ExcelReport.write(ReportFixtures.report(), out);
        try (Workbook wb = ExcelReportTest.open(out)) {
            assertEquals(8, wb.getNumberOfSheets());
        }
        try (Stream<Path> files = Files.list(folder)) {
            assertEquals(List.of("report.xlsx"), files.map(p -> p.getFileName().toString()).toList());
        }
        assertEquals(sxssfBefore, sxssfTempFiles(), "SXSSF temporary files disposed");
    }

    /** SXSSF row buffers (POI TempFile: java.io.tmpdir/poifiles/poi-sxssf-sheet*.xml). */
    private static Set<String> sxssfTempFiles() throws IOException {
        Path dir = Path.of(System.getProperty("java.io.tmpdir"), "poifiles");
        if (!Files.isDirectory(dir)) {
            return Set.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("poi-sxssf"))
                    .collect(Collectors.toSet());
        }
    }

    @Test
    void reportWithoutResultsStillHasAllSheetsAndNoCharts() throws IOException {
        ApMatrixData ap = new ApMatrixData(List.of("\tlead-tab.png"), List.of("query"), List.of("@model"),
                new double[][] {{Double.NaN}});
        ReportData empty = new ReportData(ReportFixtures.summary(), List.of(), ap, List.of(), Map.of(), List.of(),
                List.of());
        Path out = folder.resolve("empty.xlsx");
        ExcelReport.write(empty, out);
        try (Workbook wb = ExcelReportTest.open(out)) {
            assertEquals(ExcelReport.SHEET_NAMES.size(), wb.getNumberOfSheets());
            XSSFSheet best = (XSSFSheet) wb.getSheet(ExcelReport.SHEET_BEST);
            assertNull(best.getDrawingPatriarch(), "no chart without data");
            assertEquals("No best-model counts in this experiment.",
                    best.getRow(3).getCell(0).getStringCellValue());
            Cell image = wb.getSheet(ExcelReport.SHEET_AP).getRow(ExcelReport.AP_HEADER_ROW + 1).getCell(0);
            assertEquals("\tlead-tab.png", image.getStringCellValue());
            assertTrue(image.getCellStyle().getQuotePrefixed());
        }
    }

    @Test
    void benchmarkReportsSecondsForABigMatrix() {
        double seconds = ExcelReport.benchmarkAp(2_000, 40);
        System.out.printf("AP matrix 2,000 x 40 written in %.2f s%n", seconds);
        assertTrue(seconds > 0 && Double.isFinite(seconds), "seconds: " + seconds);
    }
}
