package org.segrank.workspace;

import java.util.Locale;

/** The state of an evaluation run. */
public enum RunStatus {
    RUNNING, FINISHED, FAILED, CANCELLED, IMPORTED;

    /** The spelling in the database: lowercase. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
