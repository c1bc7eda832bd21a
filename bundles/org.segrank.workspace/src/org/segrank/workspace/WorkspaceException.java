package org.segrank.workspace;

/**
 * A failure of the workspace itself (database or file system), as opposed to bad user data,
 * which is reported as {@link org.segrank.core.InvalidInputException}.
 */
public class WorkspaceException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public WorkspaceException(String message, Throwable cause) {
        super(message, cause);
    }

    public WorkspaceException(String message) {
        super(message);
    }
}
