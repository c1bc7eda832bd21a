package org.segrank.retrieval;

/**
 * One search result.
 *
 * @param id the id the vector was added with
 * @param similarity cosine similarity to the query, in {@code [-1, 1]} up to rounding
 */
public record Hit(int id, double similarity) {
}
