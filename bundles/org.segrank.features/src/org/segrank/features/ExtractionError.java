package org.segrank.features;

/**
 * An image whose features could not be extracted (unreadable or corrupt file, missing content, too
 * small); nothing was stored for it, so a later run retries it.
 *
 * @param message what went wrong, for the user
 */
public record ExtractionError(long imageId, String fileName, String message) {
}
