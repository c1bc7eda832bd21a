package org.segrank.ui.parts;

import java.util.Comparator;
import java.util.List;
import java.util.function.Function;

import jakarta.annotation.PostConstruct;
import jakarta.inject.Inject;
import org.eclipse.e4.core.di.annotations.Optional;

import org.eclipse.e4.ui.di.UIEventTopic;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.jface.viewers.ArrayContentProvider;
import org.eclipse.jface.viewers.ColumnLabelProvider;
import org.eclipse.jface.viewers.TableViewer;
import org.eclipse.jface.viewers.TableViewerColumn;
import org.eclipse.jface.viewers.Viewer;
import org.eclipse.jface.viewers.ViewerComparator;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.TableColumn;
import org.segrank.ui.workspace.UiWorkspace;
import org.segrank.workspace.RegisteredModel;

/** Models view: the registry as a sortable table with provenance (soft-removed models on request). */
public class ModelsPart {
    public static final String ID = "org.segrank.ui.part.models";

    private TableViewer table;
    private Label header;
    private Button showRemoved;
    private Comparator<RegisteredModel> order = Comparator.comparing(RegisteredModel::name).thenComparing(RegisteredModel::version);
    private boolean ascending = true;

    @PostConstruct
    public void create(Composite parent) {
        GridLayoutFactory.fillDefaults().numColumns(2).margins(4, 4).applyTo(parent);
        header = new Label(parent, SWT.NONE);
        GridDataFactory.fillDefaults().grab(true, false).applyTo(header);
        showRemoved = new Button(parent, SWT.CHECK);
        showRemoved.setText("Show removed");
        showRemoved.addListener(SWT.Selection, e -> refresh());
        table = new TableViewer(parent, SWT.BORDER | SWT.FULL_SELECTION | SWT.V_SCROLL | SWT.H_SCROLL);
        table.getTable().setHeaderVisible(true);
        table.getTable().setLinesVisible(true);
        GridDataFactory.fillDefaults().grab(true, true).span(2, 1).applyTo(table.getTable());
        table.setContentProvider(ArrayContentProvider.getInstance());
        column("Name", 160, RegisteredModel::name);
        column("Version", 60, RegisteredModel::version);
        column("Architecture", 150, RegisteredModel::architecture);
        column("Format", 80, m -> m.format().id());
        column("Fine-tuned on", 150, m -> text(m.fineTunedOnDataset()));
        column("Base model", 120, m -> text(m.baseModel()));
        column("Size (bytes)", 90, m -> m.sizeBytes() == null ? "" : Long.toString(m.sizeBytes()));
        column("SHA-256", 110, m -> m.artifactSha256() == null ? "(metadata only)" : m.artifactSha256().substring(0, 12));
        column("Tags", 100, m -> String.join(", ", m.tags()));
        column("Registered", 150, m -> m.createdAt().toString());
        column("Status", 70, m -> m.isRemoved() ? "removed" : "active");
        table.setComparator(new ViewerComparator() {
            @Override
            public int compare(Viewer viewer, Object a, Object b) {
                int c = order.compare((RegisteredModel) a, (RegisteredModel) b);
                return ascending ? c : -c;
            }
        });
        refresh();
    }

    private static String text(String value) {
        return value == null ? "" : value;
    }

    private void column(String title, int width, Function<RegisteredModel, String> text) {
        TableViewerColumn viewerColumn = new TableViewerColumn(table, SWT.LEFT);
        TableColumn column = viewerColumn.getColumn();
        column.setText(title);
        column.setWidth(width);
        viewerColumn.setLabelProvider(new ColumnLabelProvider() {
            @Override
            public String getText(Object element) {
                return text.apply((RegisteredModel) element);
            }
        });
        Comparator<RegisteredModel> columnOrder = Comparator.comparing(text, String.CASE_INSENSITIVE_ORDER);
        column.addListener(SWT.Selection, e -> {
            Table t = table.getTable();
            ascending = t.getSortColumn() != column || t.getSortDirection() != SWT.UP;
            order = columnOrder;
            t.setSortColumn(column);
            t.setSortDirection(ascending ? SWT.UP : SWT.DOWN);
            table.refresh();
        });
    }

    public void refresh() {
        try {
            List<RegisteredModel> models = UiWorkspace.get().models().list(showRemoved.getSelection());
            header.setText(models.size() + " model(s) in " + UiWorkspace.directory());
            table.setInput(models);
        } catch (RuntimeException e) {
            header.setText("Workspace " + UiWorkspace.directory() + " cannot be opened: " + e.getMessage());
            table.setInput(List.of());
        }
        header.getParent().layout();
    }

    /** Rows shown; used by the product smoke test. */
    public int rowCount() {
        return table.getTable().getItemCount();
    }

    @Inject
    @Optional
    void workspaceChanged(@UIEventTopic(UiWorkspace.CHANGED_TOPIC) Object folder) {
        if (table != null && !table.getTable().isDisposed()) {
            refresh();
        }
    }
}
