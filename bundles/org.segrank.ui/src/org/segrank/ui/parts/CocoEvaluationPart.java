package org.segrank.ui.parts;

import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CancellationException;
import java.util.function.Consumer;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;

import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.jface.dialogs.MessageDialog;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.jface.resource.JFaceResources;
import org.eclipse.jface.viewers.ArrayContentProvider;
import org.eclipse.jface.viewers.ColumnLabelProvider;
import org.eclipse.jface.viewers.TableViewer;
import org.eclipse.jface.viewers.TableViewerColumn;
import org.eclipse.jface.viewers.Viewer;
import org.eclipse.jface.viewers.ViewerComparator;
import org.eclipse.swt.SWT;
import org.eclipse.swt.custom.SashForm;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.ProgressBar;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.TableColumn;
import org.eclipse.swt.widgets.Text;
import org.segrank.core.InvalidInputException;
import org.segrank.metrics.coco.CocoFileEvaluation;
import org.segrank.metrics.coco.CocoFileEvaluation.ImageRow;
import org.segrank.metrics.coco.EvalMonitor;
import org.segrank.metrics.coco.EvalParams;

/**
 * The COCO evaluation view: the pycocotools-style summary of a results file against its ground
 * truth and a sortable per-image AP table. The evaluation itself is the headless
 * {@link CocoFileEvaluation} (the same code path as {@code segrank eval coco}); this class only
 * schedules it as a cancellable Job and shows what it returns.
 */
public class CocoEvaluationPart {
    public static final String ID = "org.segrank.ui.part.cocoEvaluation";

    private Display display;
    private Label inputsLabel;
    private Text summaryText;
    private TableViewer tableViewer;
    private ProgressBar progressBar;
    private Label statusLabel;
    private Button cancelButton;
    private volatile Job runningJob;
    private CocoFileEvaluation.Report lastReport;

    @PostConstruct
    public void createControls(Composite parent) {
        display = parent.getDisplay();
        GridLayoutFactory.fillDefaults().margins(6, 6).applyTo(parent);

        inputsLabel = new Label(parent, SWT.WRAP);
        inputsLabel.setText("Choose File > Evaluate COCO results... to score a results file against its ground truth.");
        GridDataFactory.fillDefaults().grab(true, false).applyTo(inputsLabel);

        SashForm sash = new SashForm(parent, SWT.VERTICAL);
        GridDataFactory.fillDefaults().grab(true, true).applyTo(sash);
        summaryText = new Text(sash, SWT.MULTI | SWT.READ_ONLY | SWT.BORDER | SWT.V_SCROLL | SWT.H_SCROLL);
        summaryText.setFont(JFaceResources.getTextFont());
        createTable(sash);
        sash.setWeights(2, 3);

        Composite statusBar = new Composite(parent, SWT.NONE);
        GridDataFactory.fillDefaults().grab(true, false).applyTo(statusBar);
        GridLayoutFactory.fillDefaults().numColumns(3).applyTo(statusBar);
        progressBar = new ProgressBar(statusBar, SWT.HORIZONTAL | SWT.SMOOTH);
        GridDataFactory.fillDefaults().hint(220, SWT.DEFAULT).applyTo(progressBar);
        statusLabel = new Label(statusBar, SWT.NONE);
        statusLabel.setText("Idle");
        GridDataFactory.fillDefaults().grab(true, false).applyTo(statusLabel);
        cancelButton = new Button(statusBar, SWT.PUSH);
        cancelButton.setText("Cancel");
        cancelButton.setEnabled(false);
        cancelButton.addListener(SWT.Selection, e -> cancel());
    }

    private void createTable(Composite parent) {
        tableViewer = new TableViewer(parent, SWT.BORDER | SWT.FULL_SELECTION | SWT.MULTI | SWT.V_SCROLL);
        Table table = tableViewer.getTable();
        table.setHeaderVisible(true);
        table.setLinesVisible(true);
        tableViewer.setContentProvider(ArrayContentProvider.getInstance());
        RowSorter sorter = new RowSorter();
        tableViewer.setComparator(sorter);
        addColumn("Image id", 90, SWT.RIGHT, r -> Long.toString(r.imageId()),
                Comparator.comparingLong(ImageRow::imageId), sorter);
        addColumn("File", 260, SWT.LEFT, ImageRow::fileName,
                Comparator.comparing(ImageRow::fileName, String.CASE_INSENSITIVE_ORDER), sorter);
        addColumn("GT instances", 100, SWT.RIGHT, r -> Integer.toString(r.groundTruthCount()),
                Comparator.comparingInt(ImageRow::groundTruthCount), sorter);
        addColumn("Detections", 90, SWT.RIGHT, r -> Integer.toString(r.detectionCount()),
                Comparator.comparingInt(ImageRow::detectionCount), sorter);
        addColumn("Mask AP", 150, SWT.RIGHT, CocoEvaluationPart::formatAp, AP_ORDER, sorter);
    }

    /** Undefined AP (no ground truth) always sorts after every defined value, in both directions. */
    static final Comparator<ImageRow> AP_ORDER = (a, b) -> {
        boolean da = a.ap().isPresent();
        boolean db = b.ap().isPresent();
        if (da && db) {
            return Double.compare(a.ap().getAsDouble(), b.ap().getAsDouble());
        }
        return da == db ? 0 : (da ? -1 : 1);
    };

    static String formatAp(ImageRow row) {
        return row.ap().isPresent() ? String.format(Locale.ROOT, "%.4f", row.ap().getAsDouble()) : "undefined (no GT)";
    }

    private void addColumn(String title, int width, int alignment, java.util.function.Function<ImageRow, String> text,
            Comparator<ImageRow> order, RowSorter sorter) {
        TableViewerColumn viewerColumn = new TableViewerColumn(tableViewer, alignment);
        TableColumn column = viewerColumn.getColumn();
        column.setText(title);
        column.setWidth(width);
        column.setMoveable(true);
        viewerColumn.setLabelProvider(new ColumnLabelProvider() {
            @Override
            public String getText(Object element) {
                return text.apply((ImageRow) element);
            }
        });
        column.addListener(SWT.Selection, e -> sortBy(column, order, sorter));
    }

    private void sortBy(TableColumn column, Comparator<ImageRow> order, RowSorter sorter) {
        Table table = tableViewer.getTable();
        boolean ascending = table.getSortColumn() != column || table.getSortDirection() != SWT.UP;
        sorter.set(order, ascending);
        table.setSortColumn(column);
        table.setSortDirection(ascending ? SWT.UP : SWT.DOWN);
        tableViewer.refresh();
    }

    /** Sorts by the chosen column; undefined APs stay last because {@link #AP_ORDER} is applied before reversal. */
    private static final class RowSorter extends ViewerComparator {
        private Comparator<ImageRow> order = Comparator.comparingLong(ImageRow::imageId);
        private boolean ascending = true;

        void set(Comparator<ImageRow> newOrder, boolean newAscending) {
            this.order = newOrder;
            this.ascending = newAscending;
        }

        @Override
        public int compare(Viewer viewer, Object e1, Object e2) {
            ImageRow a = (ImageRow) e1;
            ImageRow b = (ImageRow) e2;
            if (order == AP_ORDER && a.ap().isPresent() != b.ap().isPresent()) {
                return AP_ORDER.compare(a, b);
            }
            int c = order.compare(a, b);
            return ascending ? c : -c;
        }
    }

    /**
     * Evaluates {@code results} against {@code groundTruth} in a background Job with progress and
     * cancel; {@code whenDone} receives the report on the UI thread (null when it failed or was cancelled).
     */
    public void evaluate(Path groundTruth, Path results, EvalParams params, Consumer<CocoFileEvaluation.Report> whenDone) {
        if (runningJob != null) {
            MessageDialog.openInformation(summaryText.getShell(), "SegRank", "An evaluation is already running.");
            return;
        }
        inputsLabel.setText("Ground truth: " + groundTruth + "\nResults:      " + results);
        summaryText.setText("");
        tableViewer.setInput(List.of());
        progressBar.setSelection(0);
        statusLabel.setText("Reading " + results.getFileName() + " ...");
        cancelButton.setEnabled(true);
        inputsLabel.getParent().layout(true, true);

        Job job = Job.create("Evaluating " + results.getFileName(), monitor -> {
            EvalMonitor progress = new EvalMonitor() {
                private int total = 1;
                private int done;

                @Override
                public void begin(int totalImages) {
                    total = Math.max(1, totalImages);
                    monitor.beginTask("Evaluating images", total);
                    ui(() -> progressBar.setMaximum(total));
                }

                @Override
                public void worked(int images) {
                    done += images;
                    monitor.worked(images);
                    int now = done;
                    ui(() -> {
                        progressBar.setSelection(now);
                        statusLabel.setText("Evaluated " + now + " / " + total + " images");
                    });
                }

                @Override
                public boolean isCancelled() {
                    return monitor.isCanceled();
                }
            };
            try {
                CocoFileEvaluation.Report report = CocoFileEvaluation.run(groundTruth, results, params, progress);
                ui(() -> finished(report, "Done: " + report.images().size() + " images", whenDone));
                return Status.OK_STATUS;
            } catch (CancellationException e) {
                ui(() -> finished(null, "Cancelled", whenDone));
                return Status.CANCEL_STATUS;
            } catch (InvalidInputException e) {
                ui(() -> {
                    finished(null, "Invalid input", whenDone);
                    MessageDialog.openError(summaryText.getShell(), "Invalid input", e.getMessage());
                });
                return Status.info(e.getMessage());
            } catch (RuntimeException e) {
                ui(() -> {
                    finished(null, "Failed", whenDone);
                    MessageDialog.openError(summaryText.getShell(), "Evaluation failed", String.valueOf(e));
                });
                return Status.error("COCO evaluation failed", e);
            }
        });
        job.setUser(true);
        runningJob = job;
        job.schedule();
    }

    private void finished(CocoFileEvaluation.Report report, String status, Consumer<CocoFileEvaluation.Report> whenDone) {
        runningJob = null;
        cancelButton.setEnabled(false);
        statusLabel.setText(status);
        if (report != null) {
            lastReport = report;
            summaryText.setText(report.summaryText());
            tableViewer.setInput(report.images());
        }
        if (whenDone != null) {
            whenDone.accept(report);
        }
    }

    public void cancel() {
        Job job = runningJob;
        if (job != null) {
            statusLabel.setText("Cancelling ...");
            job.cancel();
        }
    }

    /** The last completed report, or null. */
    public CocoFileEvaluation.Report lastReport() {
        return lastReport;
    }

    /** What the table shows now, in display order (used by the product smoke test). */
    public List<String> visibleRows() {
        Table table = tableViewer.getTable();
        java.util.ArrayList<String> rows = new java.util.ArrayList<>();
        for (int i = 0; i < table.getItemCount(); i++) {
            StringBuilder row = new StringBuilder();
            for (int c = 0; c < table.getColumnCount(); c++) {
                row.append(c == 0 ? "" : "\t").append(table.getItem(i).getText(c));
            }
            rows.add(row.toString());
        }
        return rows;
    }

    /** Sorts the table as a click on the column header would. */
    public void clickColumn(int index) {
        tableViewer.getTable().getColumn(index).notifyListeners(SWT.Selection, new org.eclipse.swt.widgets.Event());
    }

    private void ui(Runnable action) {
        if (!display.isDisposed()) {
            display.asyncExec(() -> {
                if (!summaryText.isDisposed()) {
                    action.run();
                }
            });
        }
    }

    @PreDestroy
    public void dispose() {
        cancel();
    }
}
