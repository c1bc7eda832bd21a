package org.segrank.ui.handlers;

import java.nio.file.Path;

import jakarta.inject.Named;

import org.eclipse.e4.core.di.annotations.Execute;
import org.eclipse.e4.core.services.events.IEventBroker;
import org.eclipse.e4.ui.services.IServiceConstants;
import org.eclipse.jface.dialogs.IDialogConstants;
import org.eclipse.jface.dialogs.TitleAreaDialog;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.FileDialog;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Text;
import org.segrank.ui.jobs.UiJobs;
import org.segrank.ui.workspace.UiWorkspace;
import org.segrank.workspace.ModelFormat;
import org.segrank.workspace.ModelRegistration;

/** Models &gt; Register model...: one model with its artifact (or metadata only), as a Job. */
public class RegisterModelHandler {
    @Execute
    public void execute(@Named(IServiceConstants.ACTIVE_SHELL) Shell shell, IEventBroker broker) {
        RegisterDialog dialog = new RegisterDialog(shell);
        if (dialog.open() != IDialogConstants.OK_ID) {
            return;
        }
        ModelRegistration registration = dialog.registration;
        UiJobs.schedule("Registering " + registration.qualifiedName(), shell.getDisplay(), broker, monitor -> {
            monitor.beginTask("Copying and hashing " + registration.qualifiedName(), 1);
            String name = UiWorkspace.get().models().register(registration).qualifiedName();
            monitor.done();
            return "Registered " + name;
        });
    }

    private static final class RegisterDialog extends TitleAreaDialog {
        private Text name;
        private Text version;
        private Text architecture;
        private Combo format;
        private Text artifact;
        private Text fineTunedOn;
        private Text baseModel;
        private Text notes;
        ModelRegistration registration;

        RegisterDialog(Shell shell) {
            super(shell);
        }

        @Override
        protected Control createDialogArea(Composite parent) {
            setTitle("Register model");
            setMessage("The artifact is copied into the workspace store and its SHA-256 recorded.");
            Composite area = (Composite) super.createDialogArea(parent);
            Composite form = new Composite(area, SWT.NONE);
            GridLayoutFactory.swtDefaults().numColumns(3).applyTo(form);
            GridDataFactory.fillDefaults().grab(true, true).applyTo(form);
            name = field(form, "Name:");
            version = field(form, "Version:");
            version.setText(ModelRegistration.DEFAULT_VERSION);
            architecture = field(form, "Architecture:");
            architecture.setText("mask_rcnn_resnet50_fpn");
            new Label(form, SWT.NONE).setText("Format:");
            format = new Combo(form, SWT.READ_ONLY);
            for (ModelFormat f : ModelFormat.values()) {
                format.add(f.id());
            }
            format.select(0);
            GridDataFactory.fillDefaults().span(2, 1).applyTo(format);
            new Label(form, SWT.NONE).setText("Artifact:");
            artifact = new Text(form, SWT.BORDER);
            artifact.setMessage("(none: metadata only)");
            GridDataFactory.fillDefaults().grab(true, false).hint(320, SWT.DEFAULT).applyTo(artifact);
            Button browse = new Button(form, SWT.PUSH);
            browse.setText("Browse...");
            browse.addListener(SWT.Selection, e -> {
                String chosen = new FileDialog(getShell(), SWT.OPEN).open();
                if (chosen != null) {
                    artifact.setText(chosen);
                }
            });
            fineTunedOn = field(form, "Fine-tuned on dataset:");
            baseModel = field(form, "Base model:");
            notes = field(form, "Notes:");
            return area;
        }

        private static Text field(Composite form, String label) {
            new Label(form, SWT.NONE).setText(label);
            Text text = new Text(form, SWT.BORDER);
            GridDataFactory.fillDefaults().grab(true, false).span(2, 1).applyTo(text);
            return text;
        }

        @Override
        protected void okPressed() {
            try {
                ModelRegistration.Builder builder = ModelRegistration.builder(name.getText().strip(),
                        architecture.getText().strip(), ModelFormat.parse(format.getText()).orElseThrow())
                        .version(version.getText().strip()).fineTunedOnDataset(blankToNull(fineTunedOn))
                        .baseModel(blankToNull(baseModel)).notes(blankToNull(notes));
                if (!artifact.getText().isBlank()) {
                    builder.artifact(Path.of(artifact.getText().strip()));
                }
                registration = builder.build();
                super.okPressed();
            } catch (RuntimeException e) {
                setErrorMessage(e.getMessage());
            }
        }

        private static String blankToNull(Text text) {
            return text.getText().isBlank() ? null : text.getText().strip();
        }
    }
}
