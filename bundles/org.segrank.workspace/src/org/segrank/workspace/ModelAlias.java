package org.segrank.workspace;

/** A workspace-wide alias (e.g. {@code recommended}) and the model version it points to. */
public record ModelAlias(String alias, RegisteredModel model) {
}
