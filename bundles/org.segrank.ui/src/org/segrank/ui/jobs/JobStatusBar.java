package org.segrank.ui.jobs;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;

import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.NullProgressMonitor;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.core.runtime.jobs.ProgressProvider;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.ProgressBar;

/**
 * The window's status bar: progress and a Cancel button for the running user job (imports,
 * corpus generation, registrations). It is the job manager's progress provider, so every
 * {@link Job} marked {@code setUser(true)} reports here without knowing about the UI.
 */
public class JobStatusBar {
    private Display display;
    private Label label;
    private ProgressBar bar;
    private Button cancel;
    private volatile Job current;

    @PostConstruct
    public void create(Composite parent) {
        display = parent.getDisplay();
        Composite row = new Composite(parent, SWT.NONE);
        GridLayoutFactory.fillDefaults().numColumns(3).margins(4, 2).applyTo(row);
        label = new Label(row, SWT.NONE);
        label.setText("Ready");
        GridDataFactory.fillDefaults().hint(420, SWT.DEFAULT).applyTo(label);
        bar = new ProgressBar(row, SWT.HORIZONTAL | SWT.SMOOTH);
        GridDataFactory.fillDefaults().hint(200, SWT.DEFAULT).applyTo(bar);
        cancel = new Button(row, SWT.PUSH);
        cancel.setText("Cancel");
        cancel.setEnabled(false);
        cancel.addListener(SWT.Selection, e -> {
            Job job = current;
            if (job != null) {
                job.cancel();
                label.setText("Cancelling " + job.getName() + " ...");
            }
        });
        Job.getJobManager().setProgressProvider(new ProgressProvider() {
            @Override
            public IProgressMonitor createMonitor(Job job) {
                return job.isUser() ? new StatusMonitor(job) : new NullProgressMonitor();
            }
        });
    }

    @PreDestroy
    public void dispose() {
        Job.getJobManager().setProgressProvider(null);
    }

    private void ui(Runnable action) {
        if (!display.isDisposed()) {
            display.asyncExec(() -> {
                if (!label.isDisposed()) {
                    action.run();
                }
            });
        }
    }

    /** Forwards a job's progress to the bar; cancellation comes from the Cancel button. */
    private final class StatusMonitor extends NullProgressMonitor {
        private final Job job;
        private int total = 1;
        private double worked;
        private String task = "";
        private String subTask = "";

        StatusMonitor(Job job) {
            this.job = job;
        }

        @Override
        public void beginTask(String name, int totalWork) {
            current = job;
            task = name == null || name.isBlank() ? job.getName() : name;
            total = totalWork <= 0 ? 1 : totalWork;
            worked = 0;
            ui(() -> {
                cancel.setEnabled(true);
                bar.setMaximum(1000);
                bar.setSelection(0);
                label.setText(task);
            });
        }

        @Override
        public void internalWorked(double work) {
            worked += work;
            int permille = (int) Math.min(1000, Math.round(1000 * worked / total));
            String text = task + (subTask.isEmpty() ? "" : ": " + subTask);
            ui(() -> {
                bar.setSelection(permille);
                label.setText(text);
            });
        }

        @Override
        public void worked(int work) {
            internalWorked(work);
        }

        @Override
        public void subTask(String name) {
            subTask = name == null ? "" : name;
            internalWorked(0);
        }

        @Override
        public void done() {
            if (current == job) {
                current = null;
            }
            ui(() -> {
                cancel.setEnabled(false);
                bar.setSelection(0);
                label.setText(isCanceled() ? "Cancelled: " + job.getName() : "Done: " + job.getName());
            });
        }
    }
}
