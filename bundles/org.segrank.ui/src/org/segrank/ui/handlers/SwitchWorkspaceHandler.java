package org.segrank.ui.handlers;

import java.nio.file.Path;

import jakarta.inject.Named;

import org.eclipse.e4.core.di.annotations.Execute;
import org.eclipse.e4.core.services.events.IEventBroker;
import org.eclipse.e4.ui.services.IServiceConstants;
import org.eclipse.swt.widgets.DirectoryDialog;
import org.eclipse.swt.widgets.Shell;
import org.segrank.ui.workspace.UiWorkspace;

/** File &gt; Switch workspace...: the UI preference for the workspace folder. */
public class SwitchWorkspaceHandler {
    @Execute
    public void execute(@Named(IServiceConstants.ACTIVE_SHELL) Shell shell, IEventBroker broker) {
        DirectoryDialog dialog = new DirectoryDialog(shell);
        dialog.setText("Switch workspace");
        dialog.setMessage("Folder holding (or to hold) the SegRank database and file store:");
        dialog.setFilterPath(UiWorkspace.directory().toString());
        String chosen = dialog.open();
        if (chosen != null) {
            UiWorkspace.switchTo(Path.of(chosen));
            broker.post(UiWorkspace.CHANGED_TOPIC, chosen);
        }
    }
}
