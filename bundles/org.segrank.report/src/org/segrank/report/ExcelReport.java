package org.segrank.report;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Collectors;

import org.apache.poi.ss.SpreadsheetVersion;
import org.apache.poi.ss.usermodel.BorderStyle;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Color;
import org.apache.poi.ss.usermodel.ColorScaleFormatting;
import org.apache.poi.ss.usermodel.ConditionalFormattingRule;
import org.apache.poi.ss.usermodel.ConditionalFormattingThreshold.RangeType;
import org.apache.poi.ss.usermodel.ExtendedColor;
import org.apache.poi.ss.usermodel.FillPatternType;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.HorizontalAlignment;
import org.apache.poi.ss.usermodel.IndexedColors;
import org.apache.poi.ss.usermodel.PrintSetup;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.SheetConditionalFormatting;
import org.apache.poi.ss.usermodel.VerticalAlignment;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.ss.util.CellReference;
import org.apache.poi.xddf.usermodel.PresetLineDash;
import org.apache.poi.xddf.usermodel.XDDFColor;
import org.apache.poi.xddf.usermodel.XDDFLineProperties;
import org.apache.poi.xddf.usermodel.XDDFPresetLineDash;
import org.apache.poi.xddf.usermodel.XDDFShapeProperties;
import org.apache.poi.xddf.usermodel.XDDFSolidFillProperties;
import org.apache.poi.xddf.usermodel.chart.AxisCrosses;
import org.apache.poi.xddf.usermodel.chart.AxisPosition;
import org.apache.poi.xddf.usermodel.chart.BarDirection;
import org.apache.poi.xddf.usermodel.chart.ChartTypes;
import org.apache.poi.xddf.usermodel.chart.LegendPosition;
import org.apache.poi.xddf.usermodel.chart.MarkerStyle;
import org.apache.poi.xddf.usermodel.chart.XDDFBarChartData;
import org.apache.poi.xddf.usermodel.chart.XDDFCategoryAxis;
import org.apache.poi.xddf.usermodel.chart.XDDFChartData;
import org.apache.poi.xddf.usermodel.chart.XDDFDataSource;
import org.apache.poi.xddf.usermodel.chart.XDDFDataSourcesFactory;
import org.apache.poi.xddf.usermodel.chart.XDDFLineChartData;
import org.apache.poi.xddf.usermodel.chart.XDDFNumericalDataSource;
import org.apache.poi.xddf.usermodel.chart.XDDFValueAxis;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.apache.poi.xssf.usermodel.XSSFChart;
import org.apache.poi.xssf.usermodel.XSSFClientAnchor;
import org.apache.poi.xssf.usermodel.XSSFDrawing;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.openxmlformats.schemas.drawingml.x2006.chart.CTMarker;

/**
 * Writes the SegRank experiment report as an Excel workbook (.xlsx) for management.
 *
 * <p>Sheets, in order: {@value #SHEET_SUMMARY}, {@value #SHEET_NDCG}, {@value #SHEET_AP}, {@value #SHEET_QUERIES},
 * {@value #SHEET_BEST}, {@value #SHEET_NDCG_K}, {@value #SHEET_MODELS}, {@value #SHEET_DATASETS}.
 *
 * <p>Layout and conventions:
 * <ul>
 * <li>The workbook is an {@link SXSSFWorkbook}: the two sheets that grow with the data ({@value #SHEET_AP} and
 * {@value #SHEET_QUERIES}) are streamed with a window of {@value #ROW_ACCESS_WINDOW} rows; the small sheets,
 * including the two chart sheets, are ordinary {@link XSSFSheet}s created on the underlying
 * {@link SXSSFWorkbook#getXSSFWorkbook() XSSFWorkbook} (XDDF charts need an XSSFSheet), which SXSSF writes
 * unchanged.</li>
 * <li>Numbers stay numeric (AP, nDCG, CI bounds with format {@value #NUMBER_FORMAT}; counts with
 * {@value #COUNT_FORMAT}). The "mean [95% CI]" column of the nDCG tables is additional text for reading.</li>
 * <li>Undefined values (NaN AP, NaN nDCG, missing CI, NaN similarity) are written as the text
 * {@value #NOT_AVAILABLE} (a STRING cell, grey italic), never as a number: "n/a" is explicit for a reader, and
 * Excel's AVERAGE/colour scale ignore text just as they ignore blanks. Values that do not exist at all (a sixth
 * model in the top-5, a nearest representative for baselines, k for baselines) are left empty.</li>
 * <li>Relevance flags are {@value #CHECK} or empty.</li>
 * <li>Dates are Excel date cells in UTC.</li>
 * <li>Formula safety: the writer never creates formula cells. Text from user data is written with
 * {@code setCellValue(String)}; text starting with '=', '+', '-', '@', tab or CR additionally gets a
 * quote-prefixed style ({@link CellStyle#setQuotePrefixed(boolean)}) so Excel keeps showing it as text even
 * after the cell is edited, and CSV exports do not turn it into a formula.</li>
 * </ul>
 *
 * <p>The file is written atomically: to a temporary file in the target folder, forced to disk, then moved over
 * {@code out}. SXSSF temporary files are disposed in all cases.
 */
public final class ExcelReport {
    public static final String SHEET_SUMMARY = "Summary";
    public static final String SHEET_NDCG = "nDCG tables";
    public static final String SHEET_AP = "AP matrix";
    public static final String SHEET_QUERIES = "Per-query rankings";
    public static final String SHEET_BEST = "Best model frequency";
    public static final String SHEET_NDCG_K = "nDCG vs k";
    public static final String SHEET_MODELS = "Models";
    public static final String SHEET_DATASETS = "Datasets";
    /** Sheet names in workbook order. */
    public static final List<String> SHEET_NAMES = List.of(SHEET_SUMMARY, SHEET_NDCG, SHEET_AP, SHEET_QUERIES,
            SHEET_BEST, SHEET_NDCG_K, SHEET_MODELS, SHEET_DATASETS);

    /** Rows kept in memory per streamed sheet. */
    public static final int ROW_ACCESS_WINDOW = 200;
    /** Number format of AP, nDCG, CI bounds, similarities and scores. */
    public static final String NUMBER_FORMAT = "0.000";
    /** Number format of counts. */
    public static final String COUNT_FORMAT = "#,##0";
    /** Date format (UTC). */
    public static final String DATE_FORMAT = "yyyy-mm-dd hh:mm:ss";
    /** Text written for undefined numeric values. */
    public static final String NOT_AVAILABLE = "n/a";
    /** Text written for a relevant model. */
    public static final String CHECK = "\u2713";

    /** Excel's cell text limit. */
    private static final int MAX_CELL_TEXT = 32_767;
    private static final double POINTS_PER_LINE = 15.0;

    // Layout of the streamed sheets: a title row, then the header row.
    static final int AP_HEADER_ROW = 1;
    static final int AP_FIRST_MODEL_COLUMN = 2;
    static final int QUERY_HEADER_ROW = 1;
    // nDCG tables: columns per relevance method in the per-extractor blocks
    static final int NDCG_COLUMNS_PER_METHOD = 6;

    private static final PresetLineDash[] LINE_DASHES = {PresetLineDash.SOLID, PresetLineDash.DASH,
        PresetLineDash.SYSTEM_DOT, PresetLineDash.DASH_DOT};
    private static final MarkerStyle[] MARKERS = {MarkerStyle.CIRCLE, MarkerStyle.SQUARE, MarkerStyle.TRIANGLE,
        MarkerStyle.DIAMOND};

    /** Series colours (Okabe-Ito, colour-blind safe), one per extractor/strategy. */
    private static final int[][] PALETTE = {{0x00, 0x72, 0xB2}, {0xE6, 0x9F, 0x00}, {0x00, 0x9E, 0x73},
        {0xD5, 0x5E, 0x00}, {0xCC, 0x79, 0xA7}, {0x56, 0xB4, 0xE9}, {0x00, 0x00, 0x00}, {0x99, 0x99, 0x99}};

    private ExcelReport() {
    }

    /**
     * Writes the report.
     *
     * @param data report content
     * @param out target .xlsx file; replaced atomically if it exists
     * @throws IOException if the folder of {@code out} does not exist or is not writable (the message names the
     *     path), or writing fails
     * @throws IllegalArgumentException if the AP matrix or the query rankings exceed Excel's sheet size
     */
    public static void write(ReportData data, Path out) throws IOException {
        Objects.requireNonNull(data, "data");
        Objects.requireNonNull(out, "out");
        Path target = out.toAbsolutePath().normalize();
        Path folder = target.getParent();
        if (folder == null || target.getFileName() == null) {
            throw new IOException("Cannot write the Excel report to " + out + ": not a file path");
        }
        if (Files.isDirectory(target)) {
            throw new IOException("Cannot write the Excel report to " + target + ": it is a folder");
        }
        if (!Files.isDirectory(folder)) {
            throw new IOException("Cannot write the Excel report to " + target + ": the folder " + folder
                    + (Files.exists(folder) ? " is not a folder" : " does not exist"));
        }
        checkLimits(data);
        // Fail before the (possibly long) workbook build if the folder is not writable.
        Path temp = folder.resolve("." + target.getFileName() + "." + UUID.randomUUID() + ".tmp");
        FileChannel channel;
        try {
            channel = FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        } catch (AccessDeniedException | NoSuchFileException e) {
            throw new IOException("Cannot write the Excel report to " + target + ": the folder " + folder
                    + " is not writable", e);
        } catch (FileSystemException e) {
            throw new IOException("Cannot write the Excel report to " + target + ": cannot create a file in "
                    + folder + " (" + e.getReason() + ")", e);
        }
        boolean moved = false;
        try {
            // close() also disposes the SXSSF temporary files (POI 5.5: dispose() is deprecated for close())
            try (SXSSFWorkbook wb = new SXSSFWorkbook(ROW_ACCESS_WINDOW)) {
                new Writer(wb, data).writeAll();
                OutputStream os = new BufferedOutputStream(Channels.newOutputStream(channel), 1 << 16);
                wb.write(os);
                os.flush();
                channel.force(true);
                channel.close();
            }
            try {
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
            }
            moved = true;
        } catch (IOException e) {
            throw new IOException("Cannot write the Excel report to " + target + ": " + e.getMessage(), e);
        } finally {
            if (channel.isOpen()) {
                channel.close();
            }
            if (!moved) {
                try {
                    Files.deleteIfExists(temp);
                } catch (IOException e) {
                    // keep the original failure; the hidden temporary file is left behind
                }
            }
        }
    }

    /**
     * Performance sanity check (not a test assertion): time to build and write a workbook holding only an AP
     * matrix sheet of {@code rows} images x {@code cols} models (synthetic values, about 1% NaN), written the same
     * way as in {@link #write} to a temporary file that is deleted afterwards.
     *
     * @return wall-clock seconds for building the sheet and writing the file (data generation excluded)
     */
    public static double benchmarkAp(int rows, int cols) {
        if (rows < 0 || cols < 1) {
            throw new IllegalArgumentException("need rows >= 0 and cols >= 1, got " + rows + " x " + cols);
        }
        SplittableRandom random = new SplittableRandom(42);
        List<String> images = new ArrayList<>(rows);
        List<String> splits = new ArrayList<>(rows);
        List<String> models = new ArrayList<>(cols);
        double[][] ap = new double[rows][cols];
        for (int j = 0; j < cols; j++) {
            models.add("model-" + (j + 1));
        }
        for (int i = 0; i < rows; i++) {
            images.add(String.format(Locale.ROOT, "image_%06d.png", i));
            splits.add(i % 5 == 0 ? "query" : "candidate");
            for (int j = 0; j < cols; j++) {
                ap[i][j] = random.nextInt(100) == 0 ? Double.NaN : random.nextDouble();
            }
        }
        ApMatrixData matrix = new ApMatrixData(images, splits, models, ap);
        Path file = null;
        try {
            file = Files.createTempFile("segrank-ap-bench", ".xlsx");
            long start = System.nanoTime();
            try (SXSSFWorkbook wb = new SXSSFWorkbook(ROW_ACCESS_WINDOW);
                    OutputStream os = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16)) {
                new Writer(wb, null).apSheet(matrix);
                wb.write(os);
            }
            return (System.nanoTime() - start) / 1e9;
        } catch (IOException e) {
            throw new UncheckedIOException("AP matrix benchmark failed", e);
        } finally {
            if (file != null) {
                try {
                    Files.deleteIfExists(file);
                } catch (IOException ignored) {
                    // best effort
                }
            }
        }
    }

    /** Rejects data that does not fit an Excel sheet (1,048,576 rows, 16,384 columns). */
    private static void checkLimits(ReportData data) {
        int maxRows = SpreadsheetVersion.EXCEL2007.getMaxRows();
        int maxColumns = SpreadsheetVersion.EXCEL2007.getMaxColumns();
        if (data.apMatrix().images() > maxRows - (AP_HEADER_ROW + 1)) {
            throw new IllegalArgumentException("the AP matrix has " + data.apMatrix().images()
                    + " images; an Excel sheet holds at most " + (maxRows - (AP_HEADER_ROW + 1)));
        }
        if (data.apMatrix().models() > maxColumns - AP_FIRST_MODEL_COLUMN) {
            throw new IllegalArgumentException("the AP matrix has " + data.apMatrix().models()
                    + " models; an Excel sheet holds at most " + (maxColumns - AP_FIRST_MODEL_COLUMN) + " columns");
        }
        if (data.queries().size() > maxRows - (QUERY_HEADER_ROW + 1)) {
            throw new IllegalArgumentException("there are " + data.queries().size()
                    + " query rankings; an Excel sheet holds at most " + (maxRows - (QUERY_HEADER_ROW + 1)));
        }
    }

    /** Whether Excel (or a CSV consumer) could take this text for a formula. */
    static boolean needsQuotePrefix(String text) {
        if (text.isEmpty()) {
            return false;
        }
        char c = text.charAt(0);
        return c == '=' || c == '+' || c == '-' || c == '@' || c == '\t' || c == '\r';
    }

    static String ciText(NdcgRow row) {
        if (Double.isNaN(row.ciLow())) {
            return String.format(Locale.ROOT, "%.3f [CI n/a]", row.mean());
        }
        return String.format(Locale.ROOT, "%.3f [%.3f, %.3f]", row.mean(), row.ciLow(), row.ciHigh());
    }

    /** Key of an nDCG configuration. */
    private record Config(String extractor, String strategy, Integer k) {
    }

    /** Key of an nDCG result. */
    private record Key(String extractor, String strategy, Integer k, String method, Integer cutoff) {
        static Key of(NdcgRow r) {
            return new Key(r.extractor(), r.strategy(), r.k(), r.method(), r.cutoff());
        }
    }

    /** The cell styles of one workbook. */
    private static final class Styles {
        final Workbook wb;
        final CellStyle title;
        final CellStyle subtitle;
        final CellStyle section;
        final CellStyle header;
        final CellStyle label;
        final CellStyle text;
        final CellStyle wrap;
        final CellStyle note;
        final CellStyle number;
        final CellStyle count;
        final CellStyle countLeft;
        final CellStyle countCenter;
        final CellStyle center;
        final CellStyle id;
        final CellStyle date;
        final CellStyle duration;
        final CellStyle na;
        final CellStyle check;
        private final Map<Short, CellStyle> quoted = new HashMap<>();

        Styles(Workbook wb) {
            this.wb = wb;
            Font titleFont = wb.createFont();
            titleFont.setBold(true);
            titleFont.setFontHeightInPoints((short) 16);
            title = wb.createCellStyle();
            title.setFont(titleFont);

            Font subtitleFont = wb.createFont();
            subtitleFont.setBold(true);
            subtitleFont.setFontHeightInPoints((short) 13);
            subtitle = wb.createCellStyle();
            subtitle.setFont(subtitleFont);

            Font sectionFont = wb.createFont();
            sectionFont.setBold(true);
            sectionFont.setFontHeightInPoints((short) 12);
            sectionFont.setColor(IndexedColors.DARK_BLUE.getIndex());
            section = wb.createCellStyle();
            section.setFont(sectionFont);

            Font bold = wb.createFont();
            bold.setBold(true);
            header = wb.createCellStyle();
            header.setFont(bold);
            header.setWrapText(true);
            header.setVerticalAlignment(VerticalAlignment.TOP);
            header.setFillForegroundColor(IndexedColors.GREY_25_PERCENT.getIndex());
            header.setFillPattern(FillPatternType.SOLID_FOREGROUND);
            header.setBorderBottom(BorderStyle.THIN);

            label = wb.createCellStyle();
            label.setFont(bold);
            label.setVerticalAlignment(VerticalAlignment.TOP);

            text = wb.createCellStyle();
            text.setVerticalAlignment(VerticalAlignment.TOP);

            wrap = wb.createCellStyle();
            wrap.setWrapText(true);
            wrap.setVerticalAlignment(VerticalAlignment.TOP);

            Font italic = wb.createFont();
            italic.setItalic(true);
            note = wb.createCellStyle();
            note.setFont(italic);
            note.setWrapText(true);
            note.setVerticalAlignment(VerticalAlignment.TOP);

            number = numeric(NUMBER_FORMAT);
            count = numeric(COUNT_FORMAT);
            countLeft = numeric(COUNT_FORMAT);
            countLeft.setAlignment(HorizontalAlignment.LEFT);
            countCenter = numeric(COUNT_FORMAT);
            countCenter.setAlignment(HorizontalAlignment.CENTER);
            center = wb.createCellStyle();
            center.setAlignment(HorizontalAlignment.CENTER);
            center.setVerticalAlignment(VerticalAlignment.TOP);
            id = numeric("0");
            id.setAlignment(HorizontalAlignment.LEFT);
            date = numeric(DATE_FORMAT);
            date.setAlignment(HorizontalAlignment.LEFT);
            duration = numeric("[h]:mm:ss");
            duration.setAlignment(HorizontalAlignment.LEFT);

            Font grey = wb.createFont();
            grey.setItalic(true);
            grey.setColor(IndexedColors.GREY_50_PERCENT.getIndex());
            na = wb.createCellStyle();
            na.setFont(grey);
            na.setAlignment(HorizontalAlignment.CENTER);

            check = wb.createCellStyle();
            check.setAlignment(HorizontalAlignment.CENTER);
        }

        private CellStyle numeric(String format) {
            CellStyle style = wb.createCellStyle();
            style.setDataFormat(wb.createDataFormat().getFormat(format));
            style.setVerticalAlignment(VerticalAlignment.TOP);
            return style;
        }

        /** The same style with the quote prefix ("text, not a formula") set. */
        CellStyle quoted(CellStyle base) {
            return quoted.computeIfAbsent(base.getIndex(), i -> {
                CellStyle style = wb.createCellStyle();
                style.cloneStyleFrom(base);
                style.setQuotePrefixed(true);
                return style;
            });
        }
    }

    /** Writes the sheets of one report. */
    private static final class Writer {
        private final SXSSFWorkbook wb;
        private final XSSFWorkbook xwb;
        private final ReportData data;
        private final Styles st;

        Writer(SXSSFWorkbook wb, ReportData data) {
            this.wb = wb;
            this.xwb = wb.getXSSFWorkbook();
            this.data = data;
            this.st = new Styles(wb);
        }

        void writeAll() {
            summarySheet();
            ndcgSheet();
            apSheet(data.apMatrix());
            querySheet();
            bestModelSheet();
            ndcgVsKSheet();
            modelsSheet();
            datasetsSheet();
        }

        // ---------------------------------------------------------------- cell helpers

        private static Row row(Sheet sheet, int index) {
            Row row = sheet.getRow(index);
            return row != null ? row : sheet.createRow(index);
        }

        /** Text cell; nothing for null. Text is never a formula (see class comment). */
        private void text(Row row, int col, String value, CellStyle style) {
            if (value == null) {
                return;
            }
            String s = value.length() > MAX_CELL_TEXT ? value.substring(0, MAX_CELL_TEXT - 1) + "\u2026" : value;
            Cell cell = row.createCell(col);
            cell.setCellValue(s);
            CellStyle base = style != null ? style : st.text;
            cell.setCellStyle(needsQuotePrefix(s) ? st.quoted(base) : base);
        }

        /** Numeric cell, or {@value ExcelReport#NOT_AVAILABLE} for NaN. */
        private void number(Row row, int col, double value, CellStyle style) {
            Cell cell = row.createCell(col);
            if (Double.isNaN(value)) {
                cell.setCellValue(NOT_AVAILABLE);
                cell.setCellStyle(st.na);
            } else {
                cell.setCellValue(value);
                cell.setCellStyle(style);
            }
        }

        private void count(Row row, int col, long value) {
            count(row, col, value, st.count);
        }

        private void count(Row row, int col, long value, CellStyle style) {
            Cell cell = row.createCell(col);
            cell.setCellValue(value);
            cell.setCellStyle(style);
        }

        private void headers(Row row, int firstCol, List<String> labels) {
            for (int i = 0; i < labels.size(); i++) {
                text(row, firstCol + i, labels.get(i), st.header);
            }
        }

        private static void width(Sheet sheet, int col, int chars) {
            sheet.setColumnWidth(col, Math.min(255, Math.max(1, chars)) * 256);
        }

        /** Row height fitting {@code text} wrapped at about {@code charsPerLine}. */
        private static void fitHeight(Row row, String text, int charsPerLine, int minLines) {
            int lines = 0;
            for (String line : text.split("\n", -1)) {
                lines += Math.max(1, (line.length() + charsPerLine - 1) / charsPerLine);
            }
            lines = Math.max(lines, minLines);
            row.setHeightInPoints((float) Math.min(409, lines * POINTS_PER_LINE));
        }

        /** Landscape A4; small sheets are scaled to one page wide, big ones repeat their header when printed. */
        private static void print(Sheet sheet, boolean landscape, boolean fitWidth) {
            PrintSetup setup = sheet.getPrintSetup();
            setup.setPaperSize(PrintSetup.A4_PAPERSIZE);
            setup.setLandscape(landscape);
            if (fitWidth) {
                sheet.setFitToPage(true);
                setup.setFitWidth((short) 1);
                setup.setFitHeight((short) 0);
            }
        }

        private static String orNotRecorded(String value) {
            return value == null || value.isBlank() ? "(not recorded)" : value;
        }

        // ---------------------------------------------------------------- Summary

        private int labelValue(Sheet sheet, int r, String label, String value) {
            Row row = row(sheet, r);
            text(row, 0, label, st.label);
            text(row, 1, value, st.wrap);
            if (value != null && value.length() > 70) {
                fitHeight(row, value, 70, 1);
            }
            return r + 1;
        }

        private int labelNumber(Sheet sheet, int r, String label, double value, CellStyle style) {
            Row row = row(sheet, r);
            text(row, 0, label, st.label);
            number(row, 1, value, style);
            return r + 1;
        }

        private int labelDate(Sheet sheet, int r, String label, Instant instant) {
            Row row = row(sheet, r);
            text(row, 0, label, st.label);
            if (instant == null) {
                text(row, 1, "(not recorded)", st.text);
            } else {
                Cell cell = row.createCell(1);
                cell.setCellValue(LocalDateTime.ofInstant(instant, ZoneOffset.UTC));
                cell.setCellStyle(st.date);
            }
            return r + 1;
        }

        /**
         * A paragraph merged over columns {@code 0..lastCol} (whose widths must already be set), with a row
         * height fitting the text.
         */
        private int sentence(Sheet sheet, int r, String value, CellStyle style, int lastCol) {
            Row row = row(sheet, r);
            text(row, 0, value, style);
            int chars = 0;
            for (int c = 0; c <= lastCol; c++) {
                chars += sheet.getColumnWidth(c) / 256;
            }
            if (lastCol > 0) {
                for (int c = 1; c <= lastCol; c++) {
                    row.createCell(c).setCellStyle(style);
                }
                sheet.addMergedRegion(new CellRangeAddress(r, r, 0, lastCol));
            }
            fitHeight(row, value, Math.max(10, chars * 9 / 10), 1);
            return r + 1;
        }

        private int section(Sheet sheet, int r, String title) {
            text(row(sheet, r), 0, title, st.section);
            return r + 1;
        }

        private String relevanceRatio() {
            for (Map.Entry<String, String> e : data.summary().settings().entrySet()) {
                if (e.getKey().toLowerCase(Locale.ROOT).contains("relevance ratio")) {
                    return e.getValue();
                }
            }
            return null;
        }

        private String relevanceText() {
            String ratio = relevanceRatio();
            return "method 1: a model is relevant if its AP is at least "
                    + (ratio != null ? ratio + " \u00d7" : "a set fraction of")
                    + " the best AP on the query image; method 2: only the best model is relevant";
        }

        void summarySheet() {
            Summary s = data.summary();
            XSSFSheet sheet = xwb.createSheet(SHEET_SUMMARY);
            print(sheet, false, true);
            width(sheet, 0, 36);
            width(sheet, 1, 72);
            int r = 0;
            text(row(sheet, r++), 0, "SegRank experiment report", st.title);
            text(row(sheet, r++), 0, s.experimentName(), st.subtitle);
            r = labelDate(sheet, r, "report generated (UTC)", Instant.now());
            r++;

            r = section(sheet, r, "What was run");
            r = labelValue(sheet, r, "experiment", s.experimentName());
            r = labelNumber(sheet, r, "experiment id", s.experimentId(), st.id);
            Set<String> extractors = new LinkedHashSet<>();
            Set<String> strategies = new LinkedHashSet<>();
            Set<String> baselines = new LinkedHashSet<>();
            TreeSet<Integer> ks = new TreeSet<>(Comparator.reverseOrder());
            for (NdcgRow n : data.ndcg()) {
                if (n.isBaseline()) {
                    baselines.add(n.strategy());
                } else {
                    extractors.add(n.extractor());
                    strategies.add(n.strategy());
                    ks.add(n.k());
                }
            }
            r = labelValue(sheet, r, "feature extractors", join(extractors));
            r = labelValue(sheet, r, "ranking strategies", join(strategies));
            r = labelValue(sheet, r, "baselines", join(baselines));
            r = labelValue(sheet, r, "k (representatives)", join(ks));
            r = labelValue(sheet, r, "relevance rules", relevanceText());
            r++;

            r = section(sheet, r, "On what");
            r = labelValue(sheet, r, "dataset", s.datasetName());
            r = labelValue(sheet, r, "candidate split (representatives)", s.candidateSplit());
            r = labelValue(sheet, r, "query split", s.querySplit());
            r = labelNumber(sheet, r, "images in AP matrix (count)", data.apMatrix().images(), st.countLeft);
            r = labelNumber(sheet, r, "models in AP matrix (count)", data.apMatrix().models(), st.countLeft);
            r = labelValue(sheet, r, "dataset checksum", orNotRecorded(s.datasetChecksum()));
            r = labelValue(sheet, r, "model set checksum", orNotRecorded(s.modelSetChecksum()));
            r++;

            r = section(sheet, r, "When");
            r = labelDate(sheet, r, "started (UTC)", s.startedAt());
            r = labelDate(sheet, r, "finished (UTC)", s.finishedAt());
            if (s.finishedAt() != null) {
                double days = Duration.between(s.startedAt(), s.finishedAt()).toMillis() / 86_400_000.0;
                r = labelNumber(sheet, r, "duration (h:mm:ss)", days, st.duration);
            }
            r++;

            r = section(sheet, r, "Query images");
            r = labelNumber(sheet, r, "query images (count)", s.queries(), st.countLeft);
            r = labelNumber(sheet, r, "excluded from nDCG (count)", s.excludedQueries(), st.countLeft);
            r = labelNumber(sheet, r, "evaluated (count)", s.queries() - s.excludedQueries(), st.countLeft);
            r = sentence(sheet, r, excludedSentence(s), st.wrap, 1);
            r++;

            r = section(sheet, r, "Settings");
            headers(row(sheet, r++), 0, List.of("setting", "value"));
            for (Map.Entry<String, String> e : s.settings().entrySet()) {
                r = labelValue(sheet, r, e.getKey(), e.getValue());
            }
            r++;

            r = section(sheet, r, "Versions");
            headers(row(sheet, r++), 0, List.of("component", "version"));
            for (Map.Entry<String, String> e : s.versions().entrySet()) {
                r = labelValue(sheet, r, e.getKey(), e.getValue());
            }
            r++;

            r = section(sheet, r, "Notes");
            String notes = s.notes() == null || s.notes().isBlank() ? "(none)" : s.notes();
            r = sentence(sheet, r, notes, st.wrap, 1);
            r++;

            r = section(sheet, r, "How to read this report");
            r = labelValue(sheet, r, SHEET_NDCG, "Ranking quality (nDCG, 0-1, higher is better) per feature "
                    + "extractor and k, with 95% bootstrap confidence intervals; then all strategies and the "
                    + "baselines (Borda count, oracle = best possible, random) side by side.");
            r = labelValue(sheet, r, SHEET_AP, "Mask AP (0-1) of every model on every image; colour scale red = 0,"
                    + " yellow = 0.5, green = 1.");
            r = labelValue(sheet, r, SHEET_QUERIES, "For each query image: the most similar representative, the "
                    + "top-5 recommended models with their true AP, which of them are relevant (\u2713), and nDCG.");
            r = labelValue(sheet, r, SHEET_BEST, "On how many images each model is the best one (chart).");
            r = labelValue(sheet, r, SHEET_NDCG_K, "nDCG against the number of representatives k (chart).");
            r = labelValue(sheet, r, SHEET_MODELS + " / " + SHEET_DATASETS, "The models and datasets used.");
            labelValue(sheet, r, NOT_AVAILABLE, "The value is undefined (e.g. AP of a model that produced no "
                    + "output or an image without ground-truth instances).");
        }

        private static String excludedSentence(Summary s) {
            if (s.excludedQueries() == 0) {
                return "No query image was excluded: every query image has at least one model with a defined, "
                        + "non-zero AP.";
            }
            int evaluated = s.queries() - s.excludedQueries();
            return String.format(Locale.ROOT, "%d of the %d query images %s excluded from the nDCG evaluation "
                    + "because every model's AP on %s is 0 or undefined, so no model can be relevant and nDCG is "
                    + "not defined. The nDCG figures in this report are over the remaining %d query image%s.",
                    s.excludedQueries(), s.queries(), s.excludedQueries() == 1 ? "was" : "were",
                    s.excludedQueries() == 1 ? "it" : "them", evaluated, evaluated == 1 ? "" : "s");
        }

        private static String join(Set<?> values) {
            return values.isEmpty() ? "(none)"
                    : values.stream().map(String::valueOf).collect(Collectors.joining(", "));
        }

        // ---------------------------------------------------------------- nDCG tables

        void ndcgSheet() {
            XSSFSheet sheet = xwb.createSheet(SHEET_NDCG);
            print(sheet, true, true);
            List<NdcgRow> rows = data.ndcg();
            Map<Key, NdcgRow> byKey = new HashMap<>();
            rows.forEach(n -> byKey.put(Key.of(n), n));
            List<String> methods = rows.stream().map(NdcgRow::method).distinct().sorted().toList();
            List<Integer> cutoffs = rows.stream().map(NdcgRow::cutoff).distinct()
                    .sorted(Comparator.nullsLast(Comparator.naturalOrder())).toList();

            // Per method in the per-extractor blocks: mean, CI low, CI high, "mean [95% CI]" (text over two
            // merged columns, so that all columns keep one width), queries.
            final int perMethod = NDCG_COLUMNS_PER_METHOD;
            int lastCol = Math.max(perMethod * methods.size(), 2 + 3 * methods.size() * cutoffs.size());
            width(sheet, 0, 22);
            for (int c = 1; c <= lastCol; c++) {
                width(sheet, c, 11);
            }
            int r = 0;
            text(row(sheet, r++), 0, "nDCG: mean over query images with 95% bootstrap confidence interval",
                    st.title);
            r = sentence(sheet, r, "nDCG ranges from 0 to 1 (1 = the recommended order is the ideal order). "
                    + "Relevance " + relevanceText() + ".", st.note, Math.min(lastCol, 12));
            r++;

            Map<List<String>, TreeSet<Integer>> blocks = new LinkedHashMap<>();
            for (NdcgRow n : rows) {
                if (!n.isBaseline() && n.cutoff() == null) {
                    blocks.computeIfAbsent(List.of(n.extractor(), n.strategy()),
                            x -> new TreeSet<>(Comparator.reverseOrder())).add(n.k());
                }
            }
            if (blocks.isEmpty()) {
                text(row(sheet, r++), 0, "No full-list nDCG results per k in this experiment.", st.note);
            }
            for (Map.Entry<List<String>, TreeSet<Integer>> block : blocks.entrySet()) {
                String extractor = block.getKey().get(0);
                String strategy = block.getKey().get(1);
                text(row(sheet, r++), 0, "Feature extractor: " + extractor + " \u00b7 strategy: " + strategy
                        + " \u00b7 full ranked list", st.section);
                Row group = row(sheet, r);
                Row sub = row(sheet, r + 1);
                sub.setHeightInPoints((float) (2 * POINTS_PER_LINE));
                text(group, 0, "k (representatives)", st.header);
                sub.createCell(0).setCellStyle(st.header);
                sheet.addMergedRegion(new CellRangeAddress(r, r + 1, 0, 0));
                for (int m = 0; m < methods.size(); m++) {
                    int c0 = 1 + m * perMethod;
                    text(group, c0, methods.get(m) + ": nDCG (0-1)", st.header);
                    for (int c = c0 + 1; c < c0 + perMethod; c++) {
                        group.createCell(c).setCellStyle(st.header);
                    }
                    sheet.addMergedRegion(new CellRangeAddress(r, r, c0, c0 + perMethod - 1));
                    headers(sub, c0, List.of("mean", "95% CI low", "95% CI high", "mean [95% CI]", "",
                            "queries (count)"));
                    sheet.addMergedRegion(new CellRangeAddress(r + 1, r + 1, c0 + 3, c0 + 4));
                }
                r += 2;
                for (Integer k : block.getValue()) {
                    Row row = row(sheet, r);
                    count(row, 0, k, st.countCenter);
                    for (int m = 0; m < methods.size(); m++) {
                        int c0 = 1 + m * perMethod;
                        sheet.addMergedRegion(new CellRangeAddress(r, r, c0 + 3, c0 + 4));
                        NdcgRow n = byKey.get(new Key(extractor, strategy, k, methods.get(m), null));
                        if (n == null) {
                            continue;
                        }
                        number(row, c0, n.mean(), st.number);
                        number(row, c0 + 1, n.ciLow(), st.number);
                        number(row, c0 + 2, n.ciHigh(), st.number);
                        text(row, c0 + 3, ciText(n), st.center);
                        count(row, c0 + 5, n.queries(), st.count);
                    }
                    r++;
                }
                r++;
            }

            // Comparison: all configurations and baselines, per method and cutoff.
            r++;
            text(row(sheet, r++), 0, "Comparison: feature extractors, strategies and baselines", st.title);
            r = sentence(sheet, r, "Baselines do not depend on k or features: Borda count (consensus ranking of "
                    + "the models over the candidate images), oracle (the true order, the upper bound) and random. "
                    + "nDCG@n scores only the first n recommended models; \"full list\" scores the whole ranking. "
                    + "k = number of representatives (k-means clusters).",
                    st.note, Math.min(lastCol, 12));
            List<Config> configs = configurations(rows);
            Row group = row(sheet, r);
            Row sub = row(sheet, r + 1);
            sub.setHeightInPoints((float) (2 * POINTS_PER_LINE));
            List<String> first = List.of("feature extractor", "strategy", "k");
            for (int c = 0; c < first.size(); c++) {
                text(group, c, first.get(c), st.header);
                sub.createCell(c).setCellStyle(st.header);
                sheet.addMergedRegion(new CellRangeAddress(r, r + 1, c, c));
            }
            int c0 = first.size();
            for (String method : methods) {
                for (Integer cutoff : cutoffs) {
                    text(group, c0, method + " \u00b7 " + (cutoff == null ? "full list" : "nDCG@" + cutoff),
                            st.header);
                    group.createCell(c0 + 1).setCellStyle(st.header);
                    group.createCell(c0 + 2).setCellStyle(st.header);
                    sheet.addMergedRegion(new CellRangeAddress(r, r, c0, c0 + 2));
                    headers(sub, c0, List.of("mean (0-1)", "95% CI low", "95% CI high"));
                    c0 += 3;
                }
            }
            r += 2;
            for (Config config : configs) {
                Row row = row(sheet, r++);
                text(row, 0, config.extractor(), st.text);
                text(row, 1, config.strategy(), st.text);
                if (config.k() != null) {
                    count(row, 2, config.k(), st.countCenter);
                }
                int c = first.size();
                for (String method : methods) {
                    for (Integer cutoff : cutoffs) {
                        NdcgRow n = byKey.get(new Key(config.extractor(), config.strategy(), config.k(), method,
                                cutoff));
                        if (n != null) {
                            number(row, c, n.mean(), st.number);
                            number(row, c + 1, n.ciLow(), st.number);
                            number(row, c + 2, n.ciHigh(), st.number);
                        }
                        c += 3;
                    }
                }
            }
        }

        /** Configurations: extractors (first-appearance order) x strategies x k descending, then baselines. */
        private static List<Config> configurations(List<NdcgRow> rows) {
            Map<String, Map<String, TreeSet<Integer>>> byExtractor = new LinkedHashMap<>();
            Set<Config> baselines = new LinkedHashSet<>();
            for (NdcgRow n : rows) {
                if (n.isBaseline()) {
                    baselines.add(new Config(n.extractor(), n.strategy(), null));
                } else {
                    byExtractor.computeIfAbsent(n.extractor(), x -> new LinkedHashMap<>())
                            .computeIfAbsent(n.strategy(), x -> new TreeSet<>(Comparator.reverseOrder()))
                            .add(n.k());
                }
            }
            List<Config> configs = new ArrayList<>();
            byExtractor.forEach((extractor, strategies) -> strategies.forEach(
                    (strategy, ks) -> ks.forEach(k -> configs.add(new Config(extractor, strategy, k)))));
            configs.addAll(baselines);
            return configs;
        }

        // ---------------------------------------------------------------- AP matrix (streamed)

        void apSheet(ApMatrixData m) {
            Sheet sheet = wb.createSheet(SHEET_AP);
            print(sheet, true, false);
            int models = m.models();
            int lastCol = AP_FIRST_MODEL_COLUMN + models - 1;
            text(row(sheet, 0), 0, "Mask AP per image and model (AP, 0-1; " + NOT_AVAILABLE + " = undefined)",
                    st.subtitle);
            Row header = sheet.createRow(AP_HEADER_ROW);
            text(header, 0, "image", st.header);
            text(header, 1, "split", st.header);
            int longestModel = 0;
            for (int j = 0; j < models; j++) {
                String name = m.modelNames().get(j);
                text(header, AP_FIRST_MODEL_COLUMN + j, name, st.header);
                longestModel = Math.max(longestModel, name.length());
            }
            int modelWidth = Math.max(9, Math.min(16, longestModel + 1));
            fitHeight(header, "x".repeat(Math.min(longestModel, 4 * modelWidth)), modelWidth, 1);

            int longestImage = "image".length();
            int longestSplit = "split".length();
            for (int i = 0; i < m.images(); i++) {
                Row row = sheet.createRow(AP_HEADER_ROW + 1 + i);
                String image = m.imageNames().get(i);
                String split = m.imageSplits().get(i);
                text(row, 0, image, st.text);
                text(row, 1, split, st.text);
                longestImage = Math.max(longestImage, image.length());
                longestSplit = Math.max(longestSplit, split.length());
                for (int j = 0; j < models; j++) {
                    number(row, AP_FIRST_MODEL_COLUMN + j, m.ap(i, j), st.number);
                }
            }
            width(sheet, 0, Math.min(60, longestImage + 2));
            width(sheet, 1, Math.min(16, longestSplit + 2));
            for (int j = 0; j < models; j++) {
                width(sheet, AP_FIRST_MODEL_COLUMN + j, modelWidth);
            }
            int lastRow = AP_HEADER_ROW + m.images();
            sheet.createFreezePane(1, AP_HEADER_ROW + 1);
            sheet.setRepeatingRows(new CellRangeAddress(AP_HEADER_ROW, AP_HEADER_ROW, -1, -1));
            sheet.setRepeatingColumns(new CellRangeAddress(-1, -1, 0, 0));
            sheet.setAutoFilter(new CellRangeAddress(AP_HEADER_ROW, lastRow, 0, Math.max(1, lastCol)));
            if (models > 0 && m.images() > 0) {
                colourScale(sheet, new CellRangeAddress(AP_HEADER_ROW + 1, lastRow, AP_FIRST_MODEL_COLUMN, lastCol));
            }
        }

        /** Red (0) - yellow (0.5) - green (1) colour scale, fixed so colours compare across reports. */
        private void colourScale(Sheet sheet, CellRangeAddress range) {
            SheetConditionalFormatting formatting = sheet.getSheetConditionalFormatting();
            ConditionalFormattingRule rule = formatting.createConditionalFormattingColorScaleRule();
            ColorScaleFormatting scale = rule.getColorScaleFormatting();
            scale.setNumControlPoints(3);
            double[] at = {0, 0.5, 1};
            for (int i = 0; i < 3; i++) {
                scale.getThresholds()[i].setRangeType(RangeType.NUMBER);
                scale.getThresholds()[i].setValue(at[i]);
            }
            scale.setColors(new Color[] {rgb("F8696B"), rgb("FFEB84"), rgb("63BE7B")});
            formatting.addConditionalFormatting(new CellRangeAddress[] {range}, rule);
        }

        private ExtendedColor rgb(String hex) {
            ExtendedColor color = wb.getCreationHelper().createExtendedColor();
            color.setARGBHex("FF" + hex);
            return color;
        }

        // ---------------------------------------------------------------- Per-query rankings (streamed)

        void querySheet() {
            Sheet sheet = wb.createSheet(SHEET_QUERIES);
            print(sheet, true, false);
            text(row(sheet, 0), 0, "Predicted model ranking per query image (top " + QueryRanking.MAX_TOP
                    + "; \u2713 = relevant; " + NOT_AVAILABLE + " = undefined)", st.subtitle);
            List<String> labels = new ArrayList<>(List.of("query image", "feature extractor", "k (representatives)",
                    "strategy", "nearest representative", "similarity (cosine)"));
            for (int i = 1; i <= QueryRanking.MAX_TOP; i++) {
                labels.addAll(List.of("#" + i + " model", "#" + i + " predicted score", "#" + i + " true AP (0-1)",
                        "#" + i + " relevant (method 1)", "#" + i + " relevant (method 2)"));
            }
            labels.addAll(List.of("nDCG method 1 (0-1)", "nDCG method 2 (0-1)"));
            Row header = sheet.createRow(QUERY_HEADER_ROW);
            headers(header, 0, labels);
            header.setHeightInPoints((float) (3 * POINTS_PER_LINE));

            int[] longest = new int[6 + QueryRanking.MAX_TOP];
            int r = QUERY_HEADER_ROW + 1;
            for (QueryRanking q : data.queries()) {
                Row row = sheet.createRow(r++);
                text(row, 0, q.queryImage(), st.text);
                text(row, 1, q.extractor(), st.text);
                if (q.k() > 0) {
                    count(row, 2, q.k(), st.countCenter);
                }
                text(row, 3, q.strategy(), st.text);
                text(row, 4, q.nearestRepresentative(), st.text);
                number(row, 5, q.similarity(), st.number);
                longest[0] = Math.max(longest[0], q.queryImage().length());
                longest[1] = Math.max(longest[1], q.extractor().length());
                longest[3] = Math.max(longest[3], q.strategy().length());
                if (q.nearestRepresentative() != null) {
                    longest[4] = Math.max(longest[4], q.nearestRepresentative().length());
                }
                for (int i = 0; i < q.top().size(); i++) {
                    RankedModel model = q.top().get(i);
                    int c = 6 + 5 * i;
                    text(row, c, model.model(), st.text);
                    number(row, c + 1, model.predictedScore(), st.number);
                    number(row, c + 2, model.trueAp(), st.number);
                    if (model.relevantMethod1()) {
                        text(row, c + 3, CHECK, st.check);
                    }
                    if (model.relevantMethod2()) {
                        text(row, c + 4, CHECK, st.check);
                    }
                    longest[6 + i] = Math.max(longest[6 + i], model.model().length());
                }
                int c = 6 + 5 * QueryRanking.MAX_TOP;
                number(row, c, q.ndcgMethod1(), st.number);
                number(row, c + 1, q.ndcgMethod2(), st.number);
            }
            width(sheet, 0, clamp(longest[0] + 2, 14, 50));
            width(sheet, 1, clamp(longest[1] + 2, 12, 30));
            width(sheet, 2, 20);
            width(sheet, 3, clamp(longest[3] + 2, 10, 20));
            width(sheet, 4, clamp(longest[4] + 2, 16, 50));
            width(sheet, 5, 12);
            for (int i = 0; i < QueryRanking.MAX_TOP; i++) {
                int c = 6 + 5 * i;
                width(sheet, c, clamp(longest[6 + i] + 2, 10, 40));
                width(sheet, c + 1, 11);
                width(sheet, c + 2, 11);
                width(sheet, c + 3, 11);
                width(sheet, c + 4, 11);
            }
            width(sheet, 6 + 5 * QueryRanking.MAX_TOP, 12);
            width(sheet, 7 + 5 * QueryRanking.MAX_TOP, 12);
            sheet.createFreezePane(1, QUERY_HEADER_ROW + 1);
            sheet.setRepeatingRows(new CellRangeAddress(QUERY_HEADER_ROW, QUERY_HEADER_ROW, -1, -1));
            sheet.setRepeatingColumns(new CellRangeAddress(-1, -1, 0, 0));
            sheet.setAutoFilter(new CellRangeAddress(QUERY_HEADER_ROW, Math.max(QUERY_HEADER_ROW, r - 1), 0,
                    labels.size() - 1));
        }

        private static int clamp(int value, int min, int max) {
            return Math.max(min, Math.min(max, value));
        }

        // ---------------------------------------------------------------- Best model frequency (chart)

        void bestModelSheet() {
            XSSFSheet sheet = xwb.createSheet(SHEET_BEST);
            print(sheet, true, true);
            Map<String, Integer> counts = data.bestModelCounts();
            text(row(sheet, 0), 0, "Best model frequency: on how many images each model has the highest AP",
                    st.title);
            int headerRow = 2;
            String valueHeader = "images where best (count)";
            headers(row(sheet, headerRow), 0, List.of("model", valueHeader));
            int r = headerRow + 1;
            int longest = 12;
            for (Map.Entry<String, Integer> e : counts.entrySet()) {
                Row row = row(sheet, r++);
                text(row, 0, e.getKey(), st.text);
                count(row, 1, e.getValue());
                longest = Math.max(longest, e.getKey().length());
            }
            width(sheet, 0, Math.min(50, longest + 2));
            width(sheet, 1, 26);
            if (counts.isEmpty()) {
                text(row(sheet, r), 0, "No best-model counts in this experiment.", st.note);
                return;
            }
            int first = headerRow + 1;
            int last = r - 1;
            XSSFDrawing drawing = sheet.createDrawingPatriarch();
            int chartWidth = Math.max(10, Math.min(40, counts.size() / 2 + 4));
            XSSFClientAnchor anchor = drawing.createAnchor(0, 0, 0, 0, 3, headerRow, 3 + chartWidth,
                    headerRow + 22);
            XSSFChart chart = drawing.createChart(anchor);
            chart.setTitleText("Images on which each model is best");
            chart.setTitleOverlay(false);
            XDDFCategoryAxis models = chart.createCategoryAxis(AxisPosition.BOTTOM);
            models.setTitle("model");
            XDDFValueAxis images = chart.createValueAxis(AxisPosition.LEFT);
            images.setTitle("images (count)");
            images.setCrosses(AxisCrosses.AUTO_ZERO);
            images.setMinimum(0);
            XDDFDataSource<String> categories = XDDFDataSourcesFactory.fromStringCellRange(sheet,
                    new CellRangeAddress(first, last, 0, 0));
            XDDFNumericalDataSource<Double> values = XDDFDataSourcesFactory.fromNumericCellRange(sheet,
                    new CellRangeAddress(first, last, 1, 1));
            XDDFBarChartData bars = (XDDFBarChartData) chart.createData(ChartTypes.BAR, models, images);
            bars.setBarDirection(BarDirection.COL);
            bars.setVaryColors(false);
            XDDFChartData.Series series = bars.addSeries(categories, values);
            series.setTitle(valueHeader, new CellReference(sheet.getSheetName(), headerRow, 1, true, true));
            // explicit colour: a workbook without a theme part would otherwise get application-dependent colours
            series.setFillProperties(new XDDFSolidFillProperties(colour(0)));
            chart.plot(bars);
        }

        /** An sRGB colour of the palette (XDDFColor.from(int, int, int) would be scRGB percentages). */
        private static XDDFColor colour(int index) {
            int[] rgb = PALETTE[index % PALETTE.length];
            return XDDFColor.from(new byte[] {(byte) rgb[0], (byte) rgb[1], (byte) rgb[2]});
        }

        // ---------------------------------------------------------------- nDCG vs k (chart)

        void ndcgVsKSheet() {
            XSSFSheet sheet = xwb.createSheet(SHEET_NDCG_K);
            print(sheet, true, true);
            Map<Key, NdcgRow> byKey = new HashMap<>();
            Set<Key> seriesKeys = new LinkedHashSet<>();
            Set<List<String>> extractorStrategy = new LinkedHashSet<>();
            Set<String> methodSet = new TreeSet<>();
            TreeSet<Integer> ks = new TreeSet<>();
            for (NdcgRow n : data.ndcg()) {
                if (!n.isBaseline() && n.cutoff() == null) {
                    seriesKeys.add(new Key(n.extractor(), n.strategy(), null, n.method(), null));
                    extractorStrategy.add(List.of(n.extractor(), n.strategy()));
                    methodSet.add(n.method());
                    byKey.put(Key.of(n), n);
                    ks.add(n.k());
                }
            }
            // series order: extractor and strategy in first-appearance order, then method
            List<List<String>> pairs = new ArrayList<>(extractorStrategy);
            List<String> methods = new ArrayList<>(methodSet);
            List<Key> keys = new ArrayList<>(seriesKeys);
            keys.sort(Comparator.<Key>comparingInt(k -> pairs.indexOf(List.of(k.extractor(), k.strategy())))
                    .thenComparing(Key::method));

            // vertical axis from a round value below the lowest mean (nDCG differences are small), at most 1
            double lowest = byKey.values().stream().mapToDouble(NdcgRow::mean).min().orElse(0);
            double axisMinimum = Math.max(0, Math.min(0.9, Math.floor((lowest - 0.05) * 10) / 10));

            int lastCol = Math.max(8, keys.size());
            width(sheet, 0, 20);
            for (int c = 1; c <= lastCol; c++) {
                width(sheet, c, 18);
            }
            text(row(sheet, 0), 0, "nDCG against the number of representatives k", st.title);
            int r = sentence(sheet, 1, "Mean nDCG (0-1) of the full ranked list over the query images, one series "
                    + "per feature extractor, strategy and relevance method (colour = extractor and strategy, "
                    + "line style = method). Baselines do not depend on k; see the \"" + SHEET_NDCG + "\" sheet."
                    + (axisMinimum > 0 ? String.format(Locale.ROOT, " The chart's vertical axis starts at %.1f, "
                            + "not at 0.", axisMinimum) : ""), st.note, lastCol);

            int groupRow = r + 1;
            int headerRow = r + 2;
            Row group = row(sheet, groupRow);
            Row header = row(sheet, headerRow);
            text(group, 0, "k (representatives)", st.header);
            header.createCell(0).setCellStyle(st.header);
            sheet.addMergedRegion(new CellRangeAddress(groupRow, headerRow, 0, 0));
            if (!keys.isEmpty()) {
                text(group, 1, "mean nDCG (0-1), full ranked list", st.header);
                for (int c = 2; c <= keys.size(); c++) {
                    group.createCell(c).setCellStyle(st.header);
                }
                if (keys.size() > 1) {
                    sheet.addMergedRegion(new CellRangeAddress(groupRow, groupRow, 1, keys.size()));
                }
            }
            for (int s = 0; s < keys.size(); s++) {
                text(header, 1 + s, seriesName(keys.get(s)), st.header);
            }
            header.setHeightInPoints((float) (3 * POINTS_PER_LINE));
            r = headerRow + 1;
            for (Integer k : ks) {
                Row row = row(sheet, r++);
                count(row, 0, k, st.countCenter);
                for (int s = 0; s < keys.size(); s++) {
                    Key key = keys.get(s);
                    NdcgRow n = byKey.get(new Key(key.extractor(), key.strategy(), k, key.method(), null));
                    if (n != null) {
                        number(row, 1 + s, n.mean(), st.number);
                    }
                }
            }
            if (keys.isEmpty() || ks.isEmpty()) {
                text(row(sheet, r), 0, "No nDCG results per k in this experiment.", st.note);
                return;
            }
            int first = headerRow + 1;
            int last = r - 1;
            XSSFDrawing drawing = sheet.createDrawingPatriarch();
            XSSFClientAnchor anchor = drawing.createAnchor(0, 0, 0, 0, 0, last + 2, Math.min(lastCol, 8) + 1,
                    last + 28);
            XSSFChart chart = drawing.createChart(anchor);
            chart.setTitleText("nDCG vs k");
            chart.setTitleOverlay(false);
            chart.getOrAddLegend().setPosition(LegendPosition.BOTTOM);
            XDDFCategoryAxis kAxis = chart.createCategoryAxis(AxisPosition.BOTTOM);
            kAxis.setTitle("k (representatives)");
            XDDFValueAxis ndcgAxis = chart.createValueAxis(AxisPosition.LEFT);
            ndcgAxis.setTitle("nDCG (0-1)");
            ndcgAxis.setCrosses(AxisCrosses.AUTO_ZERO);
            ndcgAxis.setNumberFormat("0.00");
            ndcgAxis.setMaximum(1.0);
            ndcgAxis.setMinimum(axisMinimum);
            XDDFNumericalDataSource<Double> kValues = XDDFDataSourcesFactory.fromNumericCellRange(sheet,
                    new CellRangeAddress(first, last, 0, 0));
            XDDFLineChartData lines = (XDDFLineChartData) chart.createData(ChartTypes.LINE, kAxis, ndcgAxis);
            lines.setVaryColors(false);
            for (int s = 0; s < keys.size(); s++) {
                Key key = keys.get(s);
                XDDFNumericalDataSource<Double> values = XDDFDataSourcesFactory.fromNumericCellRange(sheet,
                        new CellRangeAddress(first, last, 1 + s, 1 + s));
                XDDFLineChartData.Series line = (XDDFLineChartData.Series) lines.addSeries(kValues, values);
                line.setTitle(seriesName(key), new CellReference(sheet.getSheetName(), headerRow, 1 + s, true,
                        true));
                line.setSmooth(false);
                int method = methods.indexOf(key.method());
                style(line, colour(pairs.indexOf(List.of(key.extractor(), key.strategy()))), method);
            }
            chart.plot(lines);
        }

        /**
         * Explicit line and marker colours: a workbook without a theme part otherwise gets application-dependent
         * automatic colours (LibreOffice draws every series alike). Line style and marker shape follow the method.
         */
        private static void style(XDDFLineChartData.Series line, XDDFColor colour, int method) {
            XDDFLineProperties stroke = new XDDFLineProperties(new XDDFSolidFillProperties(colour));
            stroke.setWidth(2.0);
            stroke.setPresetDash(new XDDFPresetLineDash(LINE_DASHES[method % LINE_DASHES.length]));
            XDDFShapeProperties shape = new XDDFShapeProperties();
            shape.setLineProperties(stroke);
            line.setShapeProperties(shape);
            line.setMarkerStyle(MARKERS[method % MARKERS.length]);
            // no setMarkerSize: its schema type is not in poi-ooxml-lite (the target platform has no poi-ooxml-full)
            XDDFShapeProperties marker = new XDDFShapeProperties();
            marker.setFillProperties(new XDDFSolidFillProperties(colour));
            marker.setLineProperties(new XDDFLineProperties(new XDDFSolidFillProperties(colour)));
            CTMarker ctMarker = line.getCTLineSer().getMarker();
            ctMarker.setSpPr(marker.getXmlObject());
        }

        private static String seriesName(Key key) {
            return key.extractor() + " / " + key.strategy() + " / " + key.method();
        }

        // ---------------------------------------------------------------- Models and datasets

        void modelsSheet() {
            XSSFSheet sheet = xwb.createSheet(SHEET_MODELS);
            print(sheet, true, true);
            text(row(sheet, 0), 0, "Models (registry)", st.title);
            int headerRow = 2;
            headers(row(sheet, headerRow), 0, List.of("model", "version", "architecture", "format",
                    "fine-tuned on", "base model", "SHA-256 (weights)", "provenance"));
            int[] widths = {22, 8, 18, 12, 15, 16, 22, 42};
            for (int c = 0; c < widths.length; c++) {
                width(sheet, c, widths[c]);
            }
            int r = headerRow + 1;
            for (ModelInfo m : data.models()) {
                Row row = row(sheet, r++);
                text(row, 0, m.name(), st.wrap);
                text(row, 1, m.version(), st.text);
                text(row, 2, m.architecture(), st.wrap);
                text(row, 3, m.format(), st.text);
                text(row, 4, m.fineTunedOn(), st.wrap);
                text(row, 5, m.baseModel(), st.wrap);
                text(row, 6, m.sha256() == null ? null : m.sha256().toLowerCase(Locale.ROOT), st.wrap);
                text(row, 7, m.provenance(), st.wrap);
                int lines = 1;
                String[] wrapped = {m.name(), m.architecture(), m.fineTunedOn(), m.baseModel(), m.sha256(),
                    m.provenance()};
                int[] columns = {0, 2, 4, 5, 6, 7};
                for (int i = 0; i < wrapped.length; i++) {
                    lines = Math.max(lines, linesFor(wrapped[i], widths[columns[i]]));
                }
                row.setHeightInPoints((float) Math.min(409, lines * POINTS_PER_LINE));
            }
            sheet.createFreezePane(1, headerRow + 1);
        }

        private static int linesFor(String text, int width) {
            if (text == null) {
                return 1;
            }
            int lines = 0;
            for (String line : text.split("\n", -1)) {
                lines += Math.max(1, (line.length() + width - 3) / (width - 2));
            }
            return lines;
        }

        void datasetsSheet() {
            XSSFSheet sheet = xwb.createSheet(SHEET_DATASETS);
            print(sheet, true, true);
            text(row(sheet, 0), 0, "Datasets", st.title);
            int headerRow = 2;
            Set<String> splits = new LinkedHashSet<>();
            data.datasets().forEach(d -> splits.addAll(d.imagesPerSplit().keySet()));
            List<String> labels = new ArrayList<>(List.of("dataset", "source"));
            splits.forEach(s -> labels.add("images: " + s + " (count)"));
            labels.addAll(List.of("images total (count)", "instances (count)"));
            headers(row(sheet, headerRow), 0, labels);
            row(sheet, headerRow).setHeightInPoints((float) (3 * POINTS_PER_LINE));
            width(sheet, 0, 24);
            width(sheet, 1, 50);
            for (int c = 2; c < labels.size(); c++) {
                width(sheet, c, 14);
            }
            int r = headerRow + 1;
            for (DatasetInfo d : data.datasets()) {
                Row row = row(sheet, r++);
                text(row, 0, d.name(), st.wrap);
                text(row, 1, d.source(), st.wrap);
                int c = 2;
                long total = 0;
                for (String split : splits) {
                    Integer n = d.imagesPerSplit().get(split);
                    if (n != null) {
                        count(row, c, n);
                        total += n;
                    }
                    c++;
                }
                count(row, c++, total);
                count(row, c, d.instances());
                row.setHeightInPoints((float) Math.min(409, Math.max(linesFor(d.source(), 50),
                        linesFor(d.name(), 24)) * POINTS_PER_LINE));
            }
            sheet.createFreezePane(1, headerRow + 1);
        }
    }
}
