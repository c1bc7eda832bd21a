package org.segrank.ui.parts;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;

import jakarta.annotation.PostConstruct;
import jakarta.inject.Inject;
import org.eclipse.e4.core.di.annotations.Optional;

import org.eclipse.e4.core.services.events.IEventBroker;
import org.eclipse.e4.ui.di.UIEventTopic;
import org.eclipse.jface.dialogs.MessageDialog;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.jface.resource.JFaceResources;
import org.eclipse.jface.viewers.ArrayContentProvider;
import org.eclipse.jface.viewers.ColumnLabelProvider;
import org.eclipse.jface.viewers.IStructuredSelection;
import org.eclipse.jface.viewers.StructuredSelection;
import org.eclipse.jface.viewers.TableViewer;
import org.eclipse.jface.viewers.TableViewerColumn;
import org.eclipse.swt.SWT;
import org.eclipse.swt.custom.SashForm;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.FileDialog;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Text;
import org.segrank.experiments.ExperimentStore;
import org.segrank.experiments.ExperimentText;
import org.segrank.ui.handlers.ExcelReportHandler;
import org.segrank.ui.workspace.UiWorkspace;

/**
 * Experiments view: the stored experiments, newest first. One selected shows its configuration, checksums and nDCG
 * per combination with 95% intervals ({@code segrank experiment show}); two selected show the paired difference of
 * the newer minus the older at the chosen cut-off ({@code experiment compare}), which is how extractors and settings
 * are compared. Excel report... writes the selected one's report; Delete... removes the selected experiments after a confirmation.
 */
public class ExperimentsPart {
    public static final String ID = "org.segrank.ui.part.experiments";
    static final String HINT = "Select an experiment to see its tables; select two to compare them (the newer minus the older).";
    private static final String[] CUTOFFS = {"full list", "1", "3", "5"};

    @Inject
    IEventBroker broker;

    private TableViewer table;
    private Label header;
    private Combo cutoff;
    private Text details;

    @PostConstruct
    public void create(Composite parent) {
        GridLayoutFactory.fillDefaults().numColumns(5).margins(4, 4).applyTo(parent);
        header = new Label(parent, SWT.NONE);
        GridDataFactory.fillDefaults().grab(true, false).applyTo(header);
        Button report = new Button(parent, SWT.PUSH);
        report.setText("Excel report...");
        report.setToolTipText("Write the selected experiment's Excel report for management");
        report.addListener(SWT.Selection, e -> writeReport());
        Button delete = new Button(parent, SWT.PUSH);
        delete.setText("Delete...");
        delete.setToolTipText("Delete the selected experiments with their per-query results");
        delete.addListener(SWT.Selection, e -> deleteSelected());
        new Label(parent, SWT.NONE).setText("Compare at cut-off:");
        cutoff = new Combo(parent, SWT.READ_ONLY);
        for (String c : CUTOFFS) {
            cutoff.add(c);
        }
        cutoff.select(0);
        cutoff.addListener(SWT.Selection, e -> showSelection());
        SashForm sash = new SashForm(parent, SWT.VERTICAL);
        GridDataFactory.fillDefaults().grab(true, true).span(5, 1).applyTo(sash);
        table = new TableViewer(sash, SWT.BORDER | SWT.FULL_SELECTION | SWT.MULTI | SWT.V_SCROLL | SWT.H_SCROLL);
        table.getTable().setHeaderVisible(true);
        table.getTable().setLinesVisible(true);
        table.setContentProvider(ArrayContentProvider.getInstance());
        column("Id", 50, e -> Long.toString(e.id()));
        column("Name", 160, ExperimentStore.StoredExperiment::name);
        column("Dataset", 120, e -> e.config().dataset());
        column("Extractors", 200, e -> String.join(", ", e.config().extractors()));
        column("k", 120, e -> e.config().ks().toString());
        column("Models", 60, e -> Integer.toString(e.config().models().size()));
        column("Status", 80, ExperimentStore.StoredExperiment::status);
        column("Finished", 180, e -> e.finishedAt() == null ? "" : e.finishedAt().toString());
        table.addSelectionChangedListener(e -> showSelection());
        details = new Text(sash, SWT.BORDER | SWT.MULTI | SWT.READ_ONLY | SWT.V_SCROLL | SWT.H_SCROLL);
        details.setFont(JFaceResources.getTextFont());
        sash.setWeights(35, 65);
        refresh();
    }

    private void column(String title, int width, Function<ExperimentStore.StoredExperiment, String> text) {
        TableViewerColumn viewerColumn = new TableViewerColumn(table, SWT.LEFT);
        viewerColumn.getColumn().setText(title);
        viewerColumn.getColumn().setWidth(width);
        viewerColumn.setLabelProvider(new ColumnLabelProvider() {
            @Override
            public String getText(Object element) {
                return text.apply((ExperimentStore.StoredExperiment) element);
            }
        });
    }

    public void refresh() {
        try {
            List<ExperimentStore.StoredExperiment> experiments = new ArrayList<>(new ExperimentStore(UiWorkspace.get().dataSource()).list());
            experiments.sort(Comparator.comparingLong(ExperimentStore.StoredExperiment::id).reversed());
            header.setText(experiments.size() + " experiment(s) in " + UiWorkspace.directory());
            table.setInput(experiments);
        } catch (RuntimeException e) {
            header.setText("Workspace " + UiWorkspace.directory() + " cannot be opened: " + e.getMessage());
            table.setInput(List.of());
        }
        header.getParent().layout();
        showSelection();
    }

    private List<ExperimentStore.StoredExperiment> selected() {
        List<ExperimentStore.StoredExperiment> selected = new ArrayList<>();
        for (Object o : ((IStructuredSelection) table.getSelection()).toList()) {
            selected.add((ExperimentStore.StoredExperiment) o);
        }
        return selected;
    }

    private void writeReport() {
        List<ExperimentStore.StoredExperiment> selected = selected();
        if (selected.size() != 1 || !"finished".equals(selected.get(0).status())) {
            MessageDialog.openInformation(table.getTable().getShell(), "Excel report", "Select one finished experiment.");
            return;
        }
        ExperimentStore.StoredExperiment experiment = selected.get(0);
        FileDialog files = new FileDialog(table.getTable().getShell(), SWT.SAVE);
        files.setFilterExtensions(new String[] {"*.xlsx"});
        files.setFileName("segrank-experiment-" + experiment.id() + ".xlsx");
        files.setOverwrite(true);
        String chosen = files.open();
        if (chosen != null) {
            ExcelReportHandler.schedule(table.getTable().getDisplay(), broker, Long.toString(experiment.id()), Path.of(chosen));
        }
    }

    private void deleteSelected() {
        List<ExperimentStore.StoredExperiment> selected = selected();
        if (selected.isEmpty()) {
            return;
        }
        boolean anyRunning = selected.stream().anyMatch(e -> "running".equals(e.status()));
        String names = String.join(", ", selected.stream().map(e -> e.id() + " '" + e.name() + "'").toList());
        if (!MessageDialog.openConfirm(table.getTable().getShell(), "Delete experiments", "Delete experiment(s) " + names
                + " with their per-query results? Features, AP results and other experiments stay."
                + (anyRunning ? " One is running in another window or process: it will fail." : ""))) {
            return;
        }
        try {
            ExperimentStore store = new ExperimentStore(UiWorkspace.get().dataSource());
            for (ExperimentStore.StoredExperiment e : selected) {
                store.delete(e, true);
            }
        } catch (RuntimeException e) {
            MessageDialog.openError(table.getTable().getShell(), "Delete experiments", e.getMessage());
        }
        refresh();
    }

    private void showSelection() {
        List<ExperimentStore.StoredExperiment> selected = selected();
        try {
            ExperimentStore store = new ExperimentStore(UiWorkspace.get().dataSource());
            List<String> lines;
            if (selected.size() == 1) {
                lines = ExperimentText.describe(store, selected.get(0));
            } else if (selected.size() == 2) {
                selected.sort(Comparator.comparingLong(ExperimentStore.StoredExperiment::id));
                int cut = cutoff.getSelectionIndex() <= 0 ? 0 : Integer.parseInt(cutoff.getText());
                lines = ExperimentText.compare(store, selected.get(0), selected.get(1), cut);
            } else {
                lines = List.of(HINT);
            }
            details.setText(String.join("\n", lines));
        } catch (RuntimeException e) {
            details.setText("Cannot read the experiment: " + e.getMessage());
        }
    }

    /** Selects experiments by id (the product smoke test drives the view this way). */
    public void select(List<Long> ids) {
        List<Object> chosen = new ArrayList<>();
        for (int i = 0; i < table.getTable().getItemCount(); i++) {
            Object row = table.getElementAt(i);
            if (ids.contains(((ExperimentStore.StoredExperiment) row).id())) {
                chosen.add(row);
            }
        }
        table.setSelection(new StructuredSelection(chosen));
        showSelection();
    }

    /** Experiment ids in the order shown. */
    public List<Long> rowIds() {
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < table.getTable().getItemCount(); i++) {
            ids.add(((ExperimentStore.StoredExperiment) table.getElementAt(i)).id());
        }
        return ids;
    }

    /** The details text shown. */
    public String detailsText() {
        return details.getText();
    }

    @Inject
    @Optional
    void workspaceChanged(@UIEventTopic(UiWorkspace.CHANGED_TOPIC) Object folder) {
        if (table != null && !table.getTable().isDisposed()) {
            refresh();
        }
    }
}
