package org.segrank.workspace;

import org.apache.commons.csv.CSVRecord;

/** How CSV rows are named in error messages. */
final class CsvRows {
    private CsvRows() {
    }

    /**
     * {@code row N (line L)}: N counts data rows from 1 (the header and blank lines are not
     * rows), L is the 1-based line of the file on which the row ends (where it starts too, unless
     * a quoted field spans lines), as an editor shows it.
     */
    static String location(int row, CSVRecord record) {
        return "row " + row + " (line " + record.getParser().getCurrentLineNumber() + ")";
    }
}
