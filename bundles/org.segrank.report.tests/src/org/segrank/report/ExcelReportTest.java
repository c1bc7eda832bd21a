package org.segrank.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.ConditionalFormatting;
import org.apache.poi.ss.usermodel.ConditionalFormattingRule;
import org.apache.poi.ss.usermodel.ConditionalFormattingThreshold.RangeType;
import org.apache.poi.ss.usermodel.ConditionType;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.SheetConditionalFormatting;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.ss.util.PaneInformation;
import org.apache.poi.xddf.usermodel.chart.XDDFBarChartData;
import org.apache.poi.xddf.usermodel.chart.XDDFChartData;
import org.apache.poi.xddf.usermodel.chart.XDDFLineChartData;
import org.apache.poi.xssf.usermodel.XSSFChart;
import org.apache.poi.xssf.usermodel.XSSFDrawing;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Writes the fixture report once, reopens it with POI and checks its content. */
class ExcelReportTest {
    private static final double EPS = 1e-12;

    @TempDir
    static Path folder;

    private static Path file;
    private static Workbook workbook;

    @BeforeAll
    static void writeReport() throws IOException {
        file = folder.resolve("report.xlsx");
        ExcelReport.write(ReportFixtures.report(), file);
        workbook = open(file);
    }

    /**
     * Reopens a report with XSSFWorkbook from a stream: read-only by construction, and unlike WorkbookFactory it
     * needs no ServiceLoader discovery of poi-ooxml (which a wrapped POI bundle may not see under OSGi).
     */
    static Workbook open(Path report) throws IOException {
        try (InputStream in = Files.newInputStream(report)) {
            return new XSSFWorkbook(in);
        }
    }

    @AfterAll
    static void close() throws IOException {
        if (workbook != null) {
            workbook.close();
        }
    }

    // ------------------------------------------------------------------ helpers

    private static Sheet sheet(String name) {
        Sheet sheet = workbook.getSheet(name);
        assertNotNull(sheet, "sheet " + name);
        return sheet;
    }

    /** Index of the first row whose cell in {@code col} is the string {@code text}. */
    private static int findRow(Sheet sheet, int col, String text) {
        for (Row row : sheet) {
            Cell cell = row.getCell(col);
            if (cell != null && cell.getCellType() == CellType.STRING && text.equals(cell.getStringCellValue())) {
                return row.getRowNum();
            }
        }
        return fail("no row with \"" + text + "\" in column " + col + " of sheet " + sheet.getSheetName());
    }

    private static Cell cell(Sheet sheet, int row, int col) {
        Row r = sheet.getRow(row);
        assertNotNull(r, sheet.getSheetName() + " row " + row);
        Cell c = r.getCell(col);
        assertNotNull(c, sheet.getSheetName() + " cell " + row + "," + col);
        return c;
    }

    private static void assertNumber(double expected, Cell cell, String format) {
        assertEquals(CellType.NUMERIC, cell.getCellType(), "cell " + cell.getAddress());
        assertEquals(expected, cell.getNumericCellValue(), EPS, "cell " + cell.getAddress());
        assertEquals(format, cell.getCellStyle().getDataFormatString(), "format of " + cell.getAddress());
    }

    private static void assertText(String expected, Cell cell) {
        assertEquals(CellType.STRING, cell.getCellType(), "cell " + cell.getAddress());
        assertEquals(expected, cell.getStringCellValue(), "cell " + cell.getAddress());
    }

    /**
     * The worksheet XML parts of the file. Read through the central directory ({@link ZipFile}): SXSSF output
     * uses Zip64 data descriptors (POI's Excel-compatible Zip64 mode) that {@code ZipInputStream} rejects.
     */
    private static Map<String, String> worksheetXml() throws IOException {
        Map<String, String> parts = new TreeMap<>();
        try (ZipFile zip = new ZipFile(file.toFile())) {
            for (ZipEntry e : zip.stream().toList()) {
                if (e.getName().startsWith("xl/worksheets/") && e.getName().endsWith(".xml")) {
                    try (InputStream in = zip.getInputStream(e)) {
                        parts.put(e.getName(), new String(in.readAllBytes(), StandardCharsets.UTF_8));
                    }
                }
            }
        }
        assertEquals(8, parts.size(), "worksheet parts");
        return parts;
    }

    // ------------------------------------------------------------------ tests

    @Test
    void sheetsAreInTheDocumentedOrder() {
        List<String> names = new ArrayList<>();
        workbook.forEach(s -> names.add(s.getSheetName()));
        assertEquals(List.of("Summary", "nDCG tables", "AP matrix", "Per-query rankings", "Best model frequency",
                "nDCG vs k", "Models", "Datasets"), names);
        assertEquals(ExcelReport.SHEET_NAMES, names);
    }

    @Test
    void summaryStatesWhatWhenAndExcludedQueries() {
        Sheet s = sheet(ExcelReport.SHEET_SUMMARY);
        assertText("SegRank experiment report", cell(s, 0, 0));
        assertTrue(workbook.getFontAt(cell(s, 0, 0).getCellStyle().getFontIndex()).getBold(), "bold title");

        Cell started = cell(s, findRow(s, 0, "started (UTC)"), 1);
        assertEquals(CellType.NUMERIC, started.getCellType());
        assertTrue(DateUtil.isCellDateFormatted(started), "date format, got " + started.getCellStyle()
                .getDataFormatString());
        assertEquals(LocalDateTime.ofInstant(ReportFixtures.STARTED, ZoneOffset.UTC),
                started.getLocalDateTimeCellValue());
        Cell duration = cell(s, findRow(s, 0, "duration (h:mm:ss)"), 1);
        assertEquals((95 * 60 + 17) / 86400.0, duration.getNumericCellValue(), 1e-9); // 1:35:17

        assertNumber(42, cell(s, findRow(s, 0, "experiment id"), 1), "0");
        assertNumber(3, cell(s, findRow(s, 0, "excluded from nDCG (count)"), 1), ExcelReport.COUNT_FORMAT);
        assertNumber(117, cell(s, findRow(s, 0, "evaluated (count)"), 1), ExcelReport.COUNT_FORMAT);
        String sentence = cell(s, findRow(s, 0, "Query images") + 4, 0).getStringCellValue();
        assertTrue(sentence.startsWith("3 of the 120 query images were excluded from the nDCG evaluation"),
                sentence);
        assertTrue(sentence.contains("remaining 117 query images"), sentence);

        assertText("0.8", cell(s, findRow(s, 0, "relevance ratio (method 1)"), 1));
        assertText("250, 125, 50, 25", cell(s, findRow(s, 0, "k"), 1));
        assertText("21.0.6", cell(s, findRow(s, 0, "Java"), 1));
        assertText("resnet50, dinov2-vits14, particle-descriptor", cell(s, findRow(s, 0, "feature extractors"), 1));
        assertText("borda, oracle, random", cell(s, findRow(s, 0, "baselines"), 1));
        // notes start with '-': kept as text, quote-prefixed
        Cell notes = cell(s, findRow(s, 0, "Notes") + 1, 0);
        assertText(ReportFixtures.summary().notes(), notes);
        assertTrue(notes.getCellStyle().getQuotePrefixed());
    }

    @Test
    void ndcgBlockPerExtractorHasNumericMeanAndCi() {
        Sheet s = sheet(ExcelReport.SHEET_NDCG);
        int title = findRow(s, 0, "Feature extractor: resnet50 \u00b7 strategy: nearest \u00b7 full ranked list");
        assertText("k (representatives)", cell(s, title + 1, 0));
        assertText("method 1: nDCG (0-1)", cell(s, title + 1, 1));
        assertText("method 2: nDCG (0-1)", cell(s, title + 1, 7));
        assertText("95% CI low", cell(s, title + 2, 2));
        assertText("mean [95% CI]", cell(s, title + 2, 4));
        assertText("queries (count)", cell(s, title + 2, 6));
        int first = title + 3;
        // k descending
        for (int i = 0; i < ReportFixtures.KS.size(); i++) {
            assertNumber(ReportFixtures.KS.get(i), cell(s, first + i, 0), ExcelReport.COUNT_FORMAT);
        }
        assertNumber(0.912, cell(s, first, 1), "0.000");
        assertNumber(0.894, cell(s, first, 2), "0.000");
        assertNumber(0.929, cell(s, first, 3), "0.000");
        assertText("0.912 [0.894, 0.929]", cell(s, first, 4));
        assertNumber(117, cell(s, first, 6), ExcelReport.COUNT_FORMAT);
        // method 2, k = 50 (index 2) of resnet50
        double m2 = ReportFixtures.mean(0, 2, 1, null);
        assertNumber(m2, cell(s, first + 2, 7), "0.000");
        assertNumber(m2 + 0.015, cell(s, first + 2, 9), "0.000");
        // one block per extractor
        for (String extractor : ReportFixtures.EXTRACTORS) {
            findRow(s, 0, "Feature extractor: " + extractor + " \u00b7 strategy: nearest \u00b7 full ranked list");
        }
    }

    @Test
    void comparisonBlockPutsBaselinesNextToExtractors() {
        Sheet s = sheet(ExcelReport.SHEET_NDCG);
        int header = findRow(s, 0, "feature extractor");
        // groups: method 1 @5, method 1 full, method 2 @5, method 2 full; 3 columns each from column 3
        assertText("method 1 \u00b7 nDCG@5", cell(s, header, 3));
        assertText("method 1 \u00b7 full list", cell(s, header, 6));
        assertText("method 2 \u00b7 full list", cell(s, header, 12));
        assertText("mean (0-1)", cell(s, header + 1, 12));
        // rows: 3 extractors x 4 k, then borda, oracle, random
        int first = header + 2;
        assertText("resnet50", cell(s, first, 0));
        assertNumber(250, cell(s, first, 2), ExcelReport.COUNT_FORMAT);
        assertNumber(0.912, cell(s, first, 6), "0.000");
        int borda = first + 12;
        assertText("-", cell(s, borda, 0));
        assertText("borda", cell(s, borda, 1));
        assertNull(s.getRow(borda).getCell(2), "baselines have no k");
        assertNumber(ReportFixtures.baselineMean(0, 1, null), cell(s, borda, 12), "0.000");
        assertNumber(ReportFixtures.baselineMean(0, 1, null) - 0.03, cell(s, borda, 13), "0.000");
        assertText("oracle", cell(s, borda + 1, 1));
        assertNumber(1.0, cell(s, borda + 1, 3), "0.000");
        assertText("random", cell(s, borda + 2, 1));
        assertNull(s.getRow(borda + 3), "nothing after the baselines");
    }

    @Test
    void apMatrixIsNumericWithNaNAsTextNotAvailable() {
        Sheet s = sheet(ExcelReport.SHEET_AP);
        int header = ExcelReport.AP_HEADER_ROW;
        assertText("image", cell(s, header, 0));
        assertText("split", cell(s, header, 1));
        assertText("model-01", cell(s, header, 2));
        assertText("model-39", cell(s, header, 2 + ReportFixtures.MODELS - 1));
        assertEquals(header + ReportFixtures.IMAGES, s.getLastRowNum());
        // AP of image 10, model 20
        assertText("img_0010.png", cell(s, header + 1 + 10, 0));
        assertText("candidate", cell(s, header + 1 + 10, 1));
        assertNumber(ReportFixtures.ap(10, 20), cell(s, header + 1 + 10, 2 + 20), "0.000");
        assertNumber(ReportFixtures.ap(299, 38), cell(s, header + 300, 2 + 38), "0.000");
        assertText("query", cell(s, header + 300, 1));
        // NaN is written as the text "n/a" (documented choice), not as 0 or an empty cell
        assertText(ExcelReport.NOT_AVAILABLE,
                cell(s, header + 1 + ReportFixtures.NAN_IMAGE, 2 + ReportFixtures.NAN_MODEL));
        assertEquals(1, countText(s, ExcelReport.NOT_AVAILABLE));
    }

    private static int countText(Sheet s, String text) {
        int n = 0;
        for (Row row : s) {
            for (Cell c : row) {
                if (row.getRowNum() > ExcelReport.AP_HEADER_ROW && c.getCellType() == CellType.STRING
                        && text.equals(c.getStringCellValue())) {
                    n++;
                }
            }
        }
        return n;
    }

    @Test
    void apMatrixHasFrozenHeaderColourScaleAndAutofilter() throws IOException {
        Sheet s = sheet(ExcelReport.SHEET_AP);
        PaneInformation pane = s.getPaneInformation();
        assertNotNull(pane, "frozen panes");
        assertTrue(pane.isFreezePane());
        assertEquals(1, pane.getVerticalSplitLeftColumn(), "first column frozen");
        assertEquals(ExcelReport.AP_HEADER_ROW + 1, pane.getHorizontalSplitTopRow(), "rows down to header frozen");

        SheetConditionalFormatting cf = s.getSheetConditionalFormatting();
        assertEquals(1, cf.getNumConditionalFormattings());
        ConditionalFormatting formatting = cf.getConditionalFormattingAt(0);
        assertEquals("C3:AO302", formatting.getFormattingRanges()[0].formatAsString());
        ConditionalFormattingRule rule = formatting.getRule(0);
        assertEquals(ConditionType.COLOR_SCALE, rule.getConditionType());
        assertEquals(3, rule.getColorScaleFormatting().getNumControlPoints());
        assertEquals(RangeType.NUMBER, rule.getColorScaleFormatting().getThresholds()[1].getRangeType());
        assertEquals(0.5, rule.getColorScaleFormatting().getThresholds()[1].getValue(), EPS);

        assertTrue(s.getColumnWidth(0) >= 14 * 256, "image column wide enough: " + s.getColumnWidth(0));
        String apXml = worksheetXml().get("xl/worksheets/sheet3.xml"); // parts are numbered in sheet order
        assertTrue(apXml.contains("img_0010.png"), "sheet3.xml is the AP matrix");
        assertTrue(apXml.contains("<autoFilter ref=\"A2:AO302\""), "autofilter over header and data");
    }

    @Test
    void perQueryRankingsListTopFiveWithRelevanceFlags() {
        Sheet s = sheet(ExcelReport.SHEET_QUERIES);
        int header = ExcelReport.QUERY_HEADER_ROW;
        assertText("similarity (cosine)", cell(s, header, 5));
        assertText("#1 true AP (0-1)", cell(s, header, 8));
        assertText("nDCG method 2 (0-1)", cell(s, header, 32));
        assertEquals(header + ReportFixtures.QUERIES, s.getLastRowNum());
        PaneInformation pane = s.getPaneInformation();
        assertTrue(pane != null && pane.isFreezePane() && pane.getHorizontalSplitTopRow() == header + 1);

        int q2 = header + 1 + 2;
        QueryRanking expected = ReportFixtures.queries().get(2);
        assertText("img_0182.png", cell(s, q2, 0));
        assertText(expected.extractor(), cell(s, q2, 1));
        assertNumber(expected.k(), cell(s, q2, 2), ExcelReport.COUNT_FORMAT);
        assertText("nearest", cell(s, q2, 3));
        assertText("img_0002.png", cell(s, q2, 4));
        assertNumber(0.96, cell(s, q2, 5), "0.000");
        assertText(ReportFixtures.modelName(2), cell(s, q2, 6)); // the injection model name, as text
        assertNumber(0.9, cell(s, q2, 7), "0.000");
        assertNumber(0.85, cell(s, q2, 8), "0.000");
        assertText(ExcelReport.CHECK, cell(s, q2, 9));
        assertText(ExcelReport.CHECK, cell(s, q2, 10));
        assertText(ExcelReport.NOT_AVAILABLE, cell(s, q2, 6 + 5 + 2)); // #2 true AP is NaN
        assertText(ExcelReport.CHECK, cell(s, q2, 6 + 5 + 3));
        assertNull(s.getRow(q2).getCell(6 + 5 + 4), "#2 not relevant under method 2: empty");
        assertNull(s.getRow(q2).getCell(6 + 10 + 3), "#3 not relevant under method 1: empty");
        assertNumber(0.88, cell(s, q2, 31), "0.000");
        assertNumber(0.76, cell(s, q2, 32), "0.000");
        assertText(ExcelReport.NOT_AVAILABLE, cell(s, header + 1 + 3, 32));
    }

    @Test
    void bestModelSheetHasOneBarChartOverTheTable() {
        XSSFSheet s = (XSSFSheet) sheet(ExcelReport.SHEET_BEST);
        assertText("model", cell(s, 2, 0));
        assertText("images where best (count)", cell(s, 2, 1));
        assertText("model-01", cell(s, 3, 0));
        assertNumber(120, cell(s, 3, 1), ExcelReport.COUNT_FORMAT);
        assertText(ReportFixtures.HYPERLINK_MODEL, cell(s, 4, 0));
        assertNumber(17, cell(s, 7, 1), ExcelReport.COUNT_FORMAT);

        XSSFDrawing drawing = s.getDrawingPatriarch();
        assertNotNull(drawing);
        assertEquals(1, drawing.getCharts().size());
        XSSFChart chart = drawing.getCharts().get(0);
        List<XDDFChartData> data = chart.getChartSeries();
        assertEquals(1, data.size());
        assertTrue(data.get(0) instanceof XDDFBarChartData, "bar chart");
        assertEquals(1, data.get(0).getSeriesCount());
        XDDFChartData.Series series = data.get(0).getSeries(0);
        assertEquals("'Best model frequency'!$A$4:$A$8", series.getCategoryData().getDataRangeReference());
        assertEquals("'Best model frequency'!$B$4:$B$8", series.getValuesData().getDataRangeReference());
        assertEquals(5, series.getCategoryData().getPointCount());
        assertEquals(ReportFixtures.HYPERLINK_MODEL, series.getCategoryData().getPointAt(1));
    }

    @Test
    void ndcgVsKSheetHasOneLineChartWithASeriesPerExtractorAndMethod() {
        XSSFSheet s = (XSSFSheet) sheet(ExcelReport.SHEET_NDCG_K);
        int header = findRow(s, 0, "k (representatives)") + 1; // a group row, then the series names
        assertText("mean nDCG (0-1), full ranked list", cell(s, header - 1, 1));
        assertText("resnet50 / nearest / method 1", cell(s, header, 1));
        assertText("resnet50 / nearest / method 2", cell(s, header, 2));
        assertText("particle-descriptor / nearest / method 2", cell(s, header, 6));
        // k ascending along the x axis
        int[] ks = {25, 50, 125, 250};
        for (int i = 0; i < ks.length; i++) {
            assertNumber(ks[i], cell(s, header + 1 + i, 0), ExcelReport.COUNT_FORMAT);
        }
        assertNumber(0.912, cell(s, header + 4, 1), "0.000");
        assertNumber(ReportFixtures.mean(1, 3, 1, null), cell(s, header + 1, 4), "0.000");

        XSSFDrawing drawing = s.getDrawingPatriarch();
        assertNotNull(drawing);
        assertEquals(1, drawing.getCharts().size());
        List<XDDFChartData> data = drawing.getCharts().get(0).getChartSeries();
        assertEquals(1, data.size());
        assertTrue(data.get(0) instanceof XDDFLineChartData, "line chart");
        assertEquals(6, data.get(0).getSeriesCount(), "3 extractors x 2 methods");
        String rows = "$" + (header + 2) + ":$A$" + (header + 5);
        for (int i = 0; i < 6; i++) {
            XDDFChartData.Series series = data.get(0).getSeries(i);
            assertEquals("'nDCG vs k'!$A" + rows, series.getCategoryData().getDataRangeReference());
        }
        XDDFLineChartData.Series last = (XDDFLineChartData.Series) data.get(0).getSeries(5);
        assertEquals("particle-descriptor / nearest / method 2",
                last.getCTLineSer().getTx().getStrRef().getStrCache().getPtArray(0).getV(), "series title");
        assertTrue(last.getCTLineSer().getMarker().isSetSpPr(), "marker colour set explicitly");
        String column = String.valueOf((char) ('A' + 1 + 5));
        assertEquals("'nDCG vs k'!$" + column + "$" + (header + 2) + ":$" + column + "$" + (header + 5),
                data.get(0).getSeries(5).getValuesData().getDataRangeReference());
    }

    @Test
    void injectionPayloadsAreStoredAsQuotePrefixedText() {
        Cell model = cell(sheet(ExcelReport.SHEET_MODELS), findRow(sheet(ExcelReport.SHEET_MODELS), 0,
                ReportFixtures.HYPERLINK_MODEL), 0);
        assertText("=HYPERLINK(\"http://x\",\"y\")", model);
        assertTrue(model.getCellStyle().getQuotePrefixed(), "model name quote-prefixed");

        Sheet ap = sheet(ExcelReport.SHEET_AP);
        Cell image = cell(ap, ExcelReport.AP_HEADER_ROW + 1 + ReportFixtures.CMD_IMAGE_INDEX, 0);
        assertText("+cmd|' /C calc'!A0", image);
        assertTrue(image.getCellStyle().getQuotePrefixed(), "image name quote-prefixed");
        Cell header = cell(ap, ExcelReport.AP_HEADER_ROW, 2 + ReportFixtures.HYPERLINK_MODEL_INDEX);
        assertText(ReportFixtures.HYPERLINK_MODEL, header);
        assertTrue(header.getCellStyle().getQuotePrefixed());

        Cell query = cell(sheet(ExcelReport.SHEET_QUERIES), ExcelReport.QUERY_HEADER_ROW + 1, 0);
        assertText(ReportFixtures.CMD_IMAGE, query);
        assertTrue(query.getCellStyle().getQuotePrefixed());
        Cell provenance = cell(sheet(ExcelReport.SHEET_MODELS), 4, 7);
        assertText("@SUM(1+1) uploaded by an external partner", provenance);
        assertTrue(provenance.getCellStyle().getQuotePrefixed());
        assertTrue(provenance.getCellStyle().getWrapText(), "provenance wrapped");
        // ordinary text is not quote-prefixed
        assertFalse(cell(ap, ExcelReport.AP_HEADER_ROW + 1, 0).getCellStyle().getQuotePrefixed());
    }

    @Test
    void noFormulaAnywhereInTheWorkbook() throws IOException {
        int cells = 0;
        for (Sheet s : workbook) {
            for (Row row : s) {
                for (Cell c : row) {
                    assertFalse(c.getCellType() == CellType.FORMULA, "formula in " + s.getSheetName() + "!"
                            + c.getAddress());
                    cells++;
                }
            }
        }
        assertTrue(cells > ReportFixtures.IMAGES * ReportFixtures.MODELS, "cells checked: " + cells);
        Pattern formula = Pattern.compile("<(\\w+:)?f[ >]");
        for (String xml : worksheetXml().values()) {
            Matcher m = formula.matcher(xml);
            assertFalse(m.find(), () -> "formula element in worksheet XML: "
                    + xml.substring(Math.max(0, m.start() - 80), Math.min(xml.length(), m.end() + 80)));
        }
    }

    @Test
    void registrySheetsListModelsAndDatasets() {
        Sheet models = sheet(ExcelReport.SHEET_MODELS);
        assertText("SHA-256 (weights)", cell(models, 2, 6));
        assertText("model-01", cell(models, 3, 0));
        assertText("Mask R-CNN R50-FPN", cell(models, 3, 2));
        assertText("a".repeat(64), cell(models, 3, 6));
        assertTrue(models.getRow(3).getHeightInPoints() >= 45, "long provenance gets a taller row");
        assertEquals(42 * 256, models.getColumnWidth(7));
        assertNull(models.getRow(4).getCell(4), "missing fine-tuned-on is empty");
        assertText("model-04", cell(models, 5, 0));
        assertNull(models.getRow(6));

        Sheet datasets = sheet(ExcelReport.SHEET_DATASETS);
        assertText("images: candidate (count)", cell(datasets, 2, 2));
        assertText("particles-2025", cell(datasets, 3, 0));
        assertNumber(180, cell(datasets, 3, 2), ExcelReport.COUNT_FORMAT);
        assertNumber(120, cell(datasets, 3, 3), ExcelReport.COUNT_FORMAT);
        assertNumber(300, cell(datasets, 3, 4), ExcelReport.COUNT_FORMAT);
        assertNumber(48_213, cell(datasets, 3, 5), ExcelReport.COUNT_FORMAT);
    }

    @Test
    void fileIsAValidXssfWorkbook() throws IOException {
        try (InputStream in = Files.newInputStream(file); XSSFWorkbook xssf = new XSSFWorkbook(in)) {
            assertEquals(8, xssf.getNumberOfSheets());
            assertEquals(0, xssf.getActiveSheetIndex(), "opens on the summary");
        }
        try (Stream<Path> files = Files.list(folder)) {
            Set<String> names = files.map(p -> p.getFileName().toString()).collect(Collectors.toSet());
            assertEquals(Set.of("report.xlsx"), names, "no temporary file left next to the report");
        }
    }
}
