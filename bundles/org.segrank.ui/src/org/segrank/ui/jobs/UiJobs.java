package org.segrank.ui.jobs;

import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.e4.core.services.events.IEventBroker;
import org.eclipse.swt.widgets.Display;
import org.segrank.ui.workspace.UiWorkspace;

/** Runs workspace-changing work as a user Job: progress and Cancel in the status bar, errors in a dialog. */
public final class UiJobs {
    private UiJobs() {
    }

    /** The work itself: headless code driven by the job's monitor; returns a one-line summary. */
    @FunctionalInterface
    public interface Work {
        String run(IProgressMonitor monitor) throws Exception;
    }

    /**
     * Turns (done, total) callbacks of one phase of headless work into {@code monitor.worked}
     * calls worth 1000 units in all, so a task of n phases begins with {@code 1000 * n} units.
     */
    public static org.segrank.datasets.io.ProgressCallback slice(IProgressMonitor monitor, String unit) {
        int[] reported = { 0 };
        return (done, total) -> {
            int permille = total == 0 ? 1000 : (int) (1000L * done / total);
            monitor.worked(Math.max(0, permille - reported[0]));
            reported[0] = Math.max(reported[0], permille);
            monitor.subTask(done + " / " + total + " " + unit);
        };
    }

    /** Schedules {@code work}; when it succeeds the views reload (workspace changed event). */
    public static Job schedule(String name, Display display, IEventBroker broker, Work work) {
        Job job = Job.create(name, monitor -> {
            try {
                String summary = work.run(monitor);
                broker.post(UiWorkspace.CHANGED_TOPIC, UiWorkspace.directory().toString());
                return Status.info(summary);
            } catch (Exception | LinkageError e) {
                return ErrorReporting.report(display, name, e);
            }
        });
        job.setUser(true);
        job.schedule();
        return job;
    }
}
