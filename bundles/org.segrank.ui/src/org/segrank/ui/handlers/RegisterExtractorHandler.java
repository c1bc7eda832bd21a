package org.segrank.ui.handlers;

import java.nio.file.Path;
import java.util.List;

import jakarta.inject.Named;

import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.e4.core.di.annotations.Execute;
import org.eclipse.e4.core.services.events.IEventBroker;
import org.eclipse.e4.ui.services.IServiceConstants;
import org.eclipse.jface.window.Window;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.FileDialog;
import org.eclipse.swt.widgets.Shell;
import org.segrank.backbones.BackboneFormat;
import org.segrank.backbones.ExtractorCatalog;
import org.segrank.features.RegisteredExtractor;
import org.segrank.ui.jobs.UiJobs;
import org.segrank.ui.workspace.UiWorkspace;

/**
 * Models &gt; Register feature extractor...: {@code segrank features register} as a Job: a backbone file (TorchScript
 * or ONNX, e.g. an ImageNet ResNet-50 as the paper's CNN-I) becomes an extractor the other menus offer by name.
 */
public class RegisterExtractorHandler {
    private static final String FORMAT_FROM_NAME = "(from the file name)";

    @Execute
    public void execute(@Named(IServiceConstants.ACTIVE_SHELL) Shell shell, IEventBroker broker) {
        FileDialog files = new FileDialog(shell, SWT.OPEN);
        files.setText("Backbone file (TorchScript or ONNX)");
        files.setFilterExtensions(new String[] {"*.pt;*.pth;*.ts;*.torchscript;*.onnx", "*"});
        String chosen = files.open();
        if (chosen == null) {
            return;
        }
        Path file = Path.of(chosen);
        String suggested = file.getFileName().toString().replaceFirst("\\.[^.]*$", "").replaceAll("[^A-Za-z0-9._+-]", "-")
                .replaceFirst("^[^A-Za-z0-9]+", "");
        DatasetDialogs.Field name = DatasetDialogs.Field.text("Name:", suggested);
        DatasetDialogs.Field format = DatasetDialogs.Field.choice("Format:", List.of(FORMAT_FROM_NAME, "torchscript", "onnx"));
        DatasetDialogs dialog = new DatasetDialogs(shell, "Register feature extractor",
                "The file is run once to check it and find its vector length, then copied into the workspace store. Its output"
                        + " must be the feature vector (N x C, or N x C x H x W, averaged).",
                List.of(name, format));
        if (dialog.open() != Window.OK) {
            return;
        }
        schedule(shell.getDisplay(), broker, name.value.strip(), file,
                FORMAT_FROM_NAME.equals(format.value) ? null : BackboneFormat.parse(format.value));
    }

    /** The menu's Job: registers {@code file} as the extractor {@code name} ({@code format} null: from the file name). */
    public static Job schedule(Display display, IEventBroker broker, String name, Path file, BackboneFormat format) {
        return UiJobs.schedule("Registering feature extractor " + name, display, broker, monitor -> {
            monitor.beginTask("Checking and storing " + file.getFileName(), 1);
            RegisteredExtractor registered = ExtractorCatalog.registerBackbone(UiWorkspace.get(), name, file, format);
            monitor.done();
            return "Registered feature extractor " + registered.name() + " " + registered.version() + " ("
                    + registered.dimension() + " values, " + ExtractorCatalog.kind(registered) + ")";
        });
    }
}
