/**
 * Seeded generator of realistic particle micrographs with exact instance masks, and the corpus SegRank's
 * demo, tests and benchmarks run on.
 *
 * <ul>
 *   <li>{@link org.segrank.datasets.corpus.ParticleKind}: the paper's five classes (bread bubbles, hair
 *       fibres, minerals, round and square particles), each with its own shapes, size and density
 *       ranges.</li>
 *   <li>{@link org.segrank.datasets.corpus.Regime}: kind x size class x density class x
 *       {@link org.segrank.datasets.corpus.ImagingStyle}; {@code Regime.fineTuningRegimes()} lists the 39
 *       regimes of the demo zoo's fine-tuning subsets.</li>
 *   <li>{@link org.segrank.datasets.corpus.ParticleImageGenerator}: {@code generate(regime, width,
 *       height, seed)} gives a {@link org.segrank.datasets.corpus.GeneratedImage}: 8-bit grey pixels, a
 *       label map whose labels are exactly the visible pixels of each instance ({@code 1..n}, instances
 *       under 12 visible pixels dropped), and per-instance metadata. Bit-identical for equal
 *       arguments.</li>
 *   <li>{@link org.segrank.datasets.corpus.CorpusSpec} and
 *       {@link org.segrank.datasets.corpus.CorpusWriter}: the paper-sized corpus (449 classification,
 *       250 candidate, 275 query images, 39 fine-tuning subsets) written as PNGs plus
 *       {@code manifest.csv} and {@code corpus.json}, atomically per file, resumable and
 *       cancellable.</li>
 *   <li>{@link org.segrank.datasets.corpus.CorpusBenchmark}: generator throughput.</li>
 * </ul>
 *
 * <p>Units: lengths in pixels at a fixed magnification (a larger image is a larger field of view, not a
 * zoom); intensities as fractions of full scale.
 */
package org.segrank.datasets.corpus;
