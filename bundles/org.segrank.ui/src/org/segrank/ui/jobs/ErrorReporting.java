package org.segrank.ui.jobs;

import java.util.concurrent.CancellationException;

import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.MultiStatus;
import org.eclipse.core.runtime.Status;
import org.eclipse.jface.dialogs.ErrorDialog;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Shell;
import org.segrank.core.InvalidInputException;

/**
 * Shows a failed job to the user: bad input as a dialog whose details list every offending item
 * (one line each, as the headless code reported them), anything else with its exception.
 */
public final class ErrorReporting {
    private static final String PLUGIN = "org.segrank.ui";

    private ErrorReporting() {
    }

    /** Converts a job failure into the status the job returns, after showing it in a dialog. */
    public static IStatus report(Display display, String title, Throwable failure) {
        if (failure instanceof CancellationException) {
            return Status.CANCEL_STATUS;
        }
        MultiStatus status = toStatus(failure);
        display.asyncExec(() -> {
            Shell shell = display.getActiveShell();
            ErrorDialog.openError(shell, title, status.getMessage(), status);
        });
        // the dialog already told the user; a plain INFO keeps the job manager from logging it again
        return Status.info(status.getMessage());
    }

    static MultiStatus toStatus(Throwable failure) {
        boolean dataProblem = failure instanceof InvalidInputException;
        String message = failure.getMessage() == null ? failure.toString() : failure.getMessage();
        String[] lines = message.split("\\R");
        MultiStatus status = new MultiStatus(PLUGIN, 0,
                (dataProblem ? "Invalid input: " : "Failed: ") + firstLine(lines[0]), dataProblem ? null : failure);
        for (String line : lines) {
            if (!line.isBlank()) {
                status.add(new Status(IStatus.ERROR, PLUGIN, line.strip()));
            }
        }
        return status;
    }

    private static String firstLine(String line) {
        return line.length() > 160 ? line.substring(0, 157) + "..." : line;
    }
}
