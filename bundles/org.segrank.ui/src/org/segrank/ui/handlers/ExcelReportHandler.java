package org.segrank.ui.handlers;

import java.nio.file.Path;
import java.util.List;

import jakarta.inject.Named;

import org.eclipse.e4.core.di.annotations.Execute;
import org.eclipse.e4.core.services.events.IEventBroker;
import org.eclipse.e4.ui.services.IServiceConstants;
import org.eclipse.jface.dialogs.MessageDialog;
import org.eclipse.jface.window.Window;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.FileDialog;
import org.eclipse.swt.widgets.Shell;
import org.segrank.experiments.ExperimentReport;
import org.segrank.experiments.ExperimentStore;
import org.segrank.ui.jobs.UiJobs;
import org.segrank.ui.workspace.UiWorkspace;

/** File &gt; Export Excel report...: {@code segrank report} for a stored experiment, as a Job. */
public class ExcelReportHandler {

    @Execute
    public void execute(@Named(IServiceConstants.ACTIVE_SHELL) Shell shell, IEventBroker broker) {
        List<String> experiments = new ExperimentStore(UiWorkspace.get().dataSource()).list().stream()
                .filter(e -> e.status().equals("finished")).map(e -> e.id() + " " + e.name() + " (" + e.config().dataset() + ")")
                .toList().reversed();
        if (experiments.isEmpty()) {
            MessageDialog.openInformation(shell, "Excel report", "No finished experiment yet: Run > Experiment... first.");
            return;
        }
        DatasetDialogs.Field experiment = DatasetDialogs.Field.choice("Experiment:", experiments);
        DatasetDialogs dialog = new DatasetDialogs(shell, "Excel report", "The report for management: tables, charts, AP matrix.",
                List.of(experiment));
        if (dialog.open() != Window.OK) {
            return;
        }
        FileDialog files = new FileDialog(shell, SWT.SAVE);
        files.setFilterExtensions(new String[] { "*.xlsx" });
        files.setFileName("segrank-report.xlsx");
        files.setOverwrite(true);
        String chosen = files.open();
        if (chosen == null) {
            return;
        }
        schedule(shell.getDisplay(), broker, experiment.value.substring(0, experiment.value.indexOf(' ')), Path.of(chosen));
    }

    /** The Job writing the report of experiment {@code id} (id or name) to {@code target}. */
    public static org.eclipse.core.runtime.jobs.Job schedule(org.eclipse.swt.widgets.Display display, IEventBroker broker,
            String id, Path target) {
        return UiJobs.schedule("Writing Excel report", display, broker, monitor -> {
            monitor.beginTask("Writing Excel report", IProgressMonitorUnknown.UNKNOWN);
            Path written = ExperimentReport.write(UiWorkspace.get(), id, target);
            monitor.done();
            return "Excel report written: " + written;
        });
    }

    /** Indeterminate progress (the report is written in one go). */
    private static final class IProgressMonitorUnknown {
        static final int UNKNOWN = org.eclipse.core.runtime.IProgressMonitor.UNKNOWN;
    }
}
