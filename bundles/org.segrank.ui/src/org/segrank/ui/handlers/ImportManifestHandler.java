package org.segrank.ui.handlers;

import java.nio.file.Path;
import java.util.List;

import jakarta.inject.Named;

import org.eclipse.e4.core.di.annotations.Execute;
import org.eclipse.e4.core.services.events.IEventBroker;
import org.eclipse.e4.ui.services.IServiceConstants;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.FileDialog;
import org.eclipse.swt.widgets.Shell;
import org.segrank.ui.jobs.UiJobs;
import org.segrank.ui.workspace.UiWorkspace;
import org.segrank.workspace.RegisteredModel;

/** Models &gt; Import registry manifest...: bulk registration (all or none) as a Job. */
public class ImportManifestHandler {
    @Execute
    public void execute(@Named(IServiceConstants.ACTIVE_SHELL) Shell shell, IEventBroker broker) {
        FileDialog dialog = new FileDialog(shell, SWT.OPEN);
        dialog.setText("Registry manifest (CSV or JSON)");
        dialog.setFilterExtensions(new String[] { "*.csv;*.json", "*" });
        String chosen = dialog.open();
        if (chosen == null) {
            return;
        }
        Path manifest = Path.of(chosen);
        UiJobs.schedule("Registering models from " + manifest.getFileName(), shell.getDisplay(), broker, monitor -> {
            monitor.beginTask("Registering models from " + manifest.getFileName(), 1);
            List<RegisteredModel> registered = UiWorkspace.get().models().registerManifest(manifest);
            monitor.worked(1);
            monitor.done();
            return "Registered " + registered.size() + " models";
        });
    }
}
