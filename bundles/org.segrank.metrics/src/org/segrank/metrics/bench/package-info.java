/**
 * Throughput benchmark of mask AP on synthetic dense particle images ({@link
 * org.segrank.metrics.bench.MaskApBenchmark}), used by {@code segrank bench ap}.
 */
package org.segrank.metrics.bench;
