package org.segrank.djl;

import java.util.List;

/**
 * A DJL engine could not be brought up. The message names the engine and each missing piece (engine class, native
 * library, bundle) and what to do about it; {@link #getCause()} is DJL's own error, if there was one.
 */
public final class EngineUnavailableException extends IllegalStateException {

    private static final long serialVersionUID = 1L;

    private final String engine;
    private final List<String> problems;

    public EngineUnavailableException(String engine, List<String> problems, Throwable cause) {
        super(message(engine, problems, cause), cause);
        this.engine = engine;
        this.problems = List.copyOf(problems);
    }

    private static String message(String engine, List<String> problems, Throwable cause) {
        StringBuilder text = new StringBuilder("DJL engine ").append(engine).append(" is not available");
        if (cause != null) {
            text.append(": ").append(cause.getClass().getSimpleName()).append(": ").append(cause.getMessage());
        }
        for (String problem : problems) {
            text.append(System.lineSeparator()).append("  - ").append(problem);
        }
        return text.toString();
    }

    /** {@link DjlEngines#PYTORCH}, {@link DjlEngines#ONNX_RUNTIME} or {@code "OSGi"} for a missing bundle. */
    public String engine() {
        return engine;
    }

    /** The missing pieces found, one sentence each; empty when only DJL's own error is known. */
    public List<String> problems() {
        return problems;
    }
}
