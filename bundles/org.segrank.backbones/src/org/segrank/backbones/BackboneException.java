package org.segrank.backbones;

/**
 * A backbone or classifier file cannot be used: it is not a model DJL can load, its output is not a feature vector
 * or feature map, or an inference failed. The message names the file.
 */
public final class BackboneException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public BackboneException(String message) {
        super(message);
    }

    public BackboneException(String message, Throwable cause) {
        super(message, cause);
    }

    /** The messages of {@code error} and its causes, joined by {@code " <- "}. */
    static String explain(Throwable error) {
        StringBuilder text = new StringBuilder();
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (!text.isEmpty()) {
                text.append(" <- ");
            }
            text.append(t.getMessage() != null ? t.getMessage() : t.getClass().getSimpleName());
        }
        return text.toString();
    }
}
