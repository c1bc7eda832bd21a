package org.segrank.cli;

import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

/**
 * Command output: an aligned plain-text table for people, or JSON ({@code --json}) for scripts.
 * Rows are ordered maps so both forms show the same fields in the same order.
 */
final class Output {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private Output() {
    }

    static void json(PrintWriter out, Object value) {
        try {
            out.println(JSON.writeValueAsString(plain(value)));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Replaces values Jackson cannot write without extra modules (Instant, Path) by their text. */
    private static Object plain(Object value) {
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> copy = new LinkedHashMap<>();
            map.forEach((k, v) -> copy.put(String.valueOf(k), plain(v)));
            return copy;
        }
        if (value instanceof List<?> list) {
            List<Object> copy = new ArrayList<>(list.size());
            list.forEach(v -> copy.add(plain(v)));
            return copy;
        }
        if (value instanceof Instant || value instanceof java.nio.file.Path) {
            return value.toString();
        }
        return value;
    }

    /** Prints rows as a table with a header; null cells print as "-". */
    static void table(PrintWriter out, List<Map<String, Object>> rows, String... columns) {
        if (rows.isEmpty()) {
            out.println("(none)");
            return;
        }
        int[] widths = new int[columns.length];
        List<String[]> cells = new ArrayList<>();
        for (int c = 0; c < columns.length; c++) {
            widths[c] = columns[c].length();
        }
        for (Map<String, Object> row : rows) {
            String[] line = new String[columns.length];
            for (int c = 0; c < columns.length; c++) {
                Object v = row.get(columns[c]);
                line[c] = v == null ? "-" : v instanceof List<?> l ? String.join(",", l.stream().map(String::valueOf).toList()) : v.toString();
                widths[c] = Math.max(widths[c], line[c].length());
            }
            cells.add(line);
        }
        out.println(format(columns, widths));
        for (String[] line : cells) {
            out.println(format(line, widths));
        }
    }

    /** The rows as JSON ({@code --json}) or as a table of these columns. */
    static void rows(PrintWriter out, boolean json, List<Map<String, Object>> rows, String... columns) {
        if (json) {
            json(out, rows);
        } else {
            table(out, rows, columns);
        }
    }

    /** One record as JSON ({@code --json}) or as "field: value" lines. */
    static void record(PrintWriter out, boolean json, Map<String, Object> row) {
        if (json) {
            json(out, row);
        } else {
            record(out, row);
        }
    }

    /** Prints one record as "field: value" lines. */
    static void record(PrintWriter out, Map<String, Object> row) {
        int width = row.keySet().stream().mapToInt(String::length).max().orElse(0);
        row.forEach((k, v) -> out.printf("%-" + width + "s  %s%n", k, v == null ? "-" : v));
    }

    private static String format(String[] cells, int[] widths) {
        StringBuilder line = new StringBuilder();
        for (int c = 0; c < cells.length; c++) {
            if (c > 0) {
                line.append("  ");
            }
            line.append(c == cells.length - 1 ? cells[c] : String.format("%-" + widths[c] + "s", cells[c]));
        }
        return line.toString();
    }
}
