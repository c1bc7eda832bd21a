package org.segrank.datasets.io;

import java.util.List;

import org.segrank.core.InvalidInputException;

/**
 * An all-or-nothing import refused because some items are invalid; nothing was stored in the database. The
 * message names the dataset folder and lists the first invalid items ({@code file: problem}), then
 * {@code ... and N more}; {@link #report()} has all of them.
 */
public final class InvalidDatasetException extends InvalidInputException {
    private static final long serialVersionUID = 1L;

    private final transient ImportReport report;

    InvalidDatasetException(ImportReport report, int maxListed) {
        super(report.folder().toString(), "", describe(report, maxListed));
        this.report = report;
    }

    /** The full report: every invalid item, and the items that were valid. */
    public ImportReport report() {
        return report;
    }

    private static String describe(ImportReport report, int maxListed) {
        List<ImportReport.Problem> problems = report.invalid();
        int total = report.imported().size() + report.alreadyPresent().size() + problems.size();
        StringBuilder message = new StringBuilder();
        message.append(problems.size()).append(" of ").append(total).append(total == 1 ? " image" : " images")
                .append(problems.size() == 1 ? " is" : " are")
                .append(" invalid, so nothing was imported (fix them, or skip invalid images to import the rest):");
        int listed = Math.min(maxListed, problems.size());
        for (int i = 0; i < listed; i++) {
            message.append("\n  ").append(problems.get(i));
        }
        if (problems.size() > listed) {
            message.append("\n  ... and ").append(problems.size() - listed).append(" more");
        }
        return message.toString();
    }
}
