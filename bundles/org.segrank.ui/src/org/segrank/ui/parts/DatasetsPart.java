package org.segrank.ui.parts;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.annotation.PostConstruct;
import jakarta.inject.Inject;
import org.eclipse.e4.core.di.annotations.Optional;

import org.eclipse.e4.ui.di.UIEventTopic;
import org.eclipse.e4.ui.model.application.ui.basic.MPart;
import org.eclipse.e4.ui.workbench.modeling.EPartService;
import org.eclipse.e4.ui.workbench.modeling.EPartService.PartState;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.jface.viewers.ColumnLabelProvider;
import org.eclipse.jface.viewers.IStructuredSelection;
import org.eclipse.jface.viewers.ITreeContentProvider;
import org.eclipse.jface.viewers.TreeViewer;
import org.eclipse.jface.viewers.TreeViewerColumn;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;
import org.segrank.ui.workspace.UiWorkspace;
import org.segrank.workspace.DatasetSummary;
import org.segrank.workspace.Image;

/**
 * Datasets view: dataset &gt; split &gt; images with counts, read from the workspace. Images are
 * loaded when a split is expanded (a corpus has thousands); double-click opens the image viewer.
 */
public class DatasetsPart {
    public static final String ID = "org.segrank.ui.part.datasets";

    /** Tree nodes: datasets and splits carry counts so the tree never needs a query to label them. */
    record DatasetNode(DatasetSummary summary) {
    }

    record SplitNode(String dataset, String split, int images) {
    }

    @Inject
    EPartService partService;

    private TreeViewer tree;
    private Label header;

    @PostConstruct
    public void create(Composite parent) {
        GridLayoutFactory.fillDefaults().margins(4, 4).applyTo(parent);
        header = new Label(parent, SWT.NONE);
        GridDataFactory.fillDefaults().grab(true, false).applyTo(header);
        tree = new TreeViewer(parent, SWT.BORDER | SWT.FULL_SELECTION | SWT.V_SCROLL | SWT.H_SCROLL);
        tree.getTree().setHeaderVisible(true);
        GridDataFactory.fillDefaults().grab(true, true).applyTo(tree.getTree());
        column("Name", 220, node -> switch (node) {
            case DatasetNode d -> d.summary().dataset().name();
            case SplitNode s -> s.split();
            case Image i -> i.fileName();
            default -> String.valueOf(node);
        });
        column("Images / size", 110, node -> switch (node) {
            case DatasetNode d -> Integer.toString(d.summary().imageCount());
            case SplitNode s -> Integer.toString(s.images());
            case Image i -> i.width() + "x" + i.height();
            default -> "";
        });
        column("Instances / class", 120, node -> switch (node) {
            case DatasetNode d -> Long.toString(d.summary().instanceCount());
            case Image i -> i.classLabel() == null ? "" : i.classLabel();
            default -> "";
        });
        tree.setContentProvider(new ITreeContentProvider() {
            @Override
            public Object[] getElements(Object input) {
                return ((List<?>) input).toArray();
            }

            @Override
            public Object[] getChildren(Object parentElement) {
                if (parentElement instanceof DatasetNode d) {
                    List<SplitNode> splits = new ArrayList<>();
                    for (Map.Entry<String, Integer> e : d.summary().imagesPerSplit().entrySet()) {
                        splits.add(new SplitNode(d.summary().dataset().name(), e.getKey(), e.getValue()));
                    }
                    return splits.toArray();
                }
                if (parentElement instanceof SplitNode s) {
                    return UiWorkspace.get().datasets().images(s.dataset(), s.split()).toArray();
                }
                return new Object[0];
            }

            @Override
            public Object getParent(Object element) {
                return null;
            }

            @Override
            public boolean hasChildren(Object element) {
                return element instanceof DatasetNode || element instanceof SplitNode s && s.images() > 0;
            }
        });
        tree.addDoubleClickListener(event -> {
            Object selected = ((IStructuredSelection) event.getSelection()).getFirstElement();
            if (selected instanceof Image image) {
                MPart part = partService.showPart(ImageViewerPart.ID, PartState.ACTIVATE);
                ((ImageViewerPart) part.getObject()).show(image);
            } else {
                tree.setExpandedState(selected, !tree.getExpandedState(selected));
            }
        });
        refresh();
    }

    private void column(String title, int width, java.util.function.Function<Object, String> text) {
        TreeViewerColumn column = new TreeViewerColumn(tree, SWT.LEFT);
        column.getColumn().setText(title);
        column.getColumn().setWidth(width);
        column.setLabelProvider(new ColumnLabelProvider() {
            @Override
            public String getText(Object element) {
                return text.apply(element);
            }
        });
    }

    /** Reloads the dataset list (after imports, or when the workspace changes). */
    public void refresh() {
        try {
            List<DatasetNode> datasets = UiWorkspace.get().datasets().list().stream().map(DatasetNode::new).toList();
            header.setText(datasets.size() + " dataset(s) in " + UiWorkspace.directory());
            tree.setInput(datasets);
        } catch (RuntimeException e) {
            header.setText("Workspace " + UiWorkspace.directory() + " cannot be opened: " + e.getMessage());
            tree.setInput(List.of());
        }
        header.getParent().layout();
    }

    /** Number of top-level rows (datasets) shown; used by the product smoke test. */
    public int datasetCount() {
        return tree.getTree().getItemCount();
    }

    @Inject
    @Optional
    void workspaceChanged(@UIEventTopic(UiWorkspace.CHANGED_TOPIC) Object folder) {
        if (tree != null && !tree.getTree().isDisposed()) {
            refresh();
        }
    }
}
