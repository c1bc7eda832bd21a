package org.segrank.ui.handlers;

import java.util.List;

import org.eclipse.jface.dialogs.MessageDialog;
import org.eclipse.jface.dialogs.TitleAreaDialog;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Text;
import org.segrank.ui.workspace.UiWorkspace;

/** A small form dialog: text fields, choices and check boxes, read after OK. */
class DatasetDialogs extends TitleAreaDialog {
    private final String title;
    private final String message;
    private final List<Field> fields;

    /** One row of the form; {@code choices} makes it a drop-down, {@code check} a check box. */
    /** The workspace's dataset names; when there are none, says so ({@code hint}) and returns an empty list. */
    static List<String> datasetNamesOrExplain(Shell shell, String title, String hint) {
        List<String> names = UiWorkspace.get().datasets().list().stream()
                .map(summary -> summary.dataset().name()).toList();
        if (names.isEmpty()) {
            MessageDialog.openInformation(shell, title, hint);
        }
        return names;
    }

    static final class Field {
        final String label;
        final String initial;
        final List<String> choices;
        final boolean check;
        Control control;
        String value;

        Field(String label, String initial, List<String> choices, boolean check) {
            this.label = label;
            this.initial = initial;
            this.choices = choices;
            this.check = check;
        }

        static Field text(String label, String initial) {
            return new Field(label, initial, null, false);
        }

        static Field choice(String label, List<String> choices) {
            return new Field(label, choices.isEmpty() ? "" : choices.get(0), choices, false);
        }

        static Field check(String label, boolean initial) {
            return new Field(label, Boolean.toString(initial), null, true);
        }
    }

    DatasetDialogs(Shell shell, String title, String message, List<Field> fields) {
        super(shell);
        this.title = title;
        this.message = message;
        this.fields = fields;
    }

    @Override
    protected Control createDialogArea(Composite parent) {
        setTitle(title);
        setMessage(message);
        Composite area = (Composite) super.createDialogArea(parent);
        Composite form = new Composite(area, SWT.NONE);
        GridLayoutFactory.swtDefaults().numColumns(2).applyTo(form);
        GridDataFactory.fillDefaults().grab(true, true).applyTo(form);
        for (Field field : fields) {
            if (field.check) {
                new Label(form, SWT.NONE);
                Button box = new Button(form, SWT.CHECK);
                box.setText(field.label);
                box.setSelection(Boolean.parseBoolean(field.initial));
                field.control = box;
                continue;
            }
            new Label(form, SWT.NONE).setText(field.label);
            if (field.choices != null) {
                Combo combo = new Combo(form, SWT.READ_ONLY);
                field.choices.forEach(combo::add);
                combo.select(0);
                GridDataFactory.fillDefaults().grab(true, false).applyTo(combo);
                field.control = combo;
            } else {
                Text text = new Text(form, SWT.BORDER);
                text.setText(field.initial == null ? "" : field.initial);
                GridDataFactory.fillDefaults().grab(true, false).hint(300, SWT.DEFAULT).applyTo(text);
                field.control = text;
            }
        }
        return area;
    }

    @Override
    protected void okPressed() {
        for (Field field : fields) {
            if (field.control instanceof Button box) {
                field.value = Boolean.toString(box.getSelection());
            } else if (field.control instanceof Combo combo) {
                field.value = combo.getText();
            } else {
                field.value = ((Text) field.control).getText().strip();
            }
        }
        super.okPressed();
    }
}
