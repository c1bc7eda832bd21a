package org.segrank.ui.workspace;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

import org.eclipse.core.runtime.preferences.IEclipsePreferences;
import org.eclipse.core.runtime.preferences.InstanceScope;
import org.osgi.service.prefs.BackingStoreException;
import org.segrank.core.Workspaces;
import org.segrank.workspace.Workspace;

/**
 * The workspace the window works on: the folder from the UI preference (File &gt; Switch
 * workspace...), else SegRank's default ({@code $SEGRANK_WORKSPACE} or {@code ~/.segrank}).
 * Opened lazily and shared by all views; H2's mixed mode lets the CLI use it at the same time.
 */
public final class UiWorkspace {
    public static final String PREFERENCE_NODE = "org.segrank.ui";
    public static final String WORKSPACE_PREFERENCE = "workspace";
    /** Event topic posted (with the new folder) after the workspace changed or its content did. */
    public static final String CHANGED_TOPIC = "segrank/workspace/changed";

    private static Workspace open;

    private UiWorkspace() {
    }

    /** The folder in use: the preference when set, else the SegRank default. */
    public static Path directory() {
        String chosen = preferences().get(WORKSPACE_PREFERENCE, "");
        return Workspaces.resolve(chosen.isBlank() ? null : Path.of(chosen));
    }

    /** The open workspace, opening (and migrating) it on first use. */
    public static synchronized Workspace get() {
        if (open == null) {
            try {
                open = Workspace.open(directory());
            } catch (IOException e) {
                throw new UncheckedIOException("cannot open the workspace " + directory() + ": " + e.getMessage(), e);
            }
        }
        return open;
    }

    /** Stores the preference and closes the old workspace; the next {@link #get()} opens the new one. */
    public static synchronized void switchTo(Path folder) {
        IEclipsePreferences node = preferences();
        node.put(WORKSPACE_PREFERENCE, folder.toAbsolutePath().normalize().toString());
        try {
            node.flush();
        } catch (BackingStoreException e) {
            throw new IllegalStateException("cannot save the workspace preference: " + e.getMessage(), e);
        }
        close();
    }

    public static synchronized void close() {
        if (open != null) {
            open.close();
            open = null;
        }
    }

    private static IEclipsePreferences preferences() {
        return InstanceScope.INSTANCE.getNode(PREFERENCE_NODE);
    }
}
