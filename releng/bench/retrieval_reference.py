#!/usr/bin/env python3
"""Times scikit-learn and faiss on the retrieval pipeline for comparison with the Java bundle org.segrank.retrieval.

Usage:
    /usr/bin/python3 releng/bench/retrieval_reference.py FEATURES.npy QUERIES.npy [--threads 2] [--k 250]
        [--n-init 10] [--seed 0] [--steps sklearn-pca,sklearn-kmeans,faiss-pca,faiss-kmeans,faiss-search,numpy-search]

FEATURES.npy (n x d) and QUERIES.npy (q x d) are float32 matrices, for example written by the Java side with
org.segrank.retrieval.NpyWriter from RetrievalBenchmark.generate(...). Steps, each timed on its own:

    sklearn-pca      PCA(n_components, svd_solver='randomized', random_state=seed).fit_transform(features)
    sklearn-kmeans   KMeans(k, n_init, random_state=seed) on the sklearn projection
    faiss-pca        faiss.PCAMatrix(d, n_components): train + apply
    faiss-kmeans     faiss.Kmeans(n_components, k, niter, nredo=n_init, seed) on the sklearn projection, using all
                     points (max_points_per_centroid raised; faiss would otherwise subsample to 256 per centroid)
    faiss-search     IndexFlatIP on L2-normalised vectors (normalisation and add timed apart), top-1 search
    numpy-search     chunked normalised matmul + argmax (BLAS sgemm)
    sklearn-search   NearestNeighbors(metric='cosine', algorithm='brute').fit + kneighbors(n_neighbors=1); slow,
                     not in the default steps

Prints one JSON object: sizes, versions, "seconds" per step and a few results (explained variance ratio, inertia,
top-1 agreement between the search methods). Needs numpy; sklearn and faiss steps report an error entry when the
module is missing (Debian: apt-get install python3-sklearn python3-faiss).
"""
import argparse
import json
import os
import sys
import time

DEFAULT_STEPS = 'sklearn-pca,sklearn-kmeans,faiss-pca,faiss-kmeans,faiss-search,numpy-search'


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.split('\n\n')[0])
    parser.add_argument('features', help='float32 n x d .npy file')
    parser.add_argument('queries', help='float32 q x d .npy file')
    parser.add_argument('--threads', type=int, default=2, help='threads for BLAS/OpenMP/faiss (default 2)')
    parser.add_argument('--k', type=int, default=250, help='k-means clusters (default 250)')
    parser.add_argument('--n-init', type=int, default=10, help='k-means restarts (default 10)')
    parser.add_argument('--max-iter', type=int, default=300, help='sklearn k-means iteration limit (default 300)')
    parser.add_argument('--faiss-niter', type=int, default=25,
                        help='faiss k-means iterations per restart, always all run (faiss default 25)')
    parser.add_argument('--components', type=int, default=2, help='PCA components (default 2)')
    parser.add_argument('--seed', type=int, default=0, help='random_state / faiss seed (default 0)')
    parser.add_argument('--steps', default=DEFAULT_STEPS, help='comma-separated steps (default %(default)s)')
    parser.add_argument('--search-chunk', type=int, default=1024, help='queries per numpy matmul chunk')
    return parser.parse_args()


def limit_threads(threads):
    # Must happen before numpy (and its BLAS) is imported.
    for name in ('OMP_NUM_THREADS', 'OPENBLAS_NUM_THREADS', 'MKL_NUM_THREADS', 'BLIS_NUM_THREADS',
                 'NUMEXPR_NUM_THREADS', 'VECLIB_MAXIMUM_THREADS'):
        os.environ[name] = str(threads)


def timed(seconds, name, function):
    start = time.perf_counter()
    value = function()
    seconds[name] = time.perf_counter() - start
    return value


def main():
    args = parse_args()
    limit_threads(args.threads)
    import numpy as np
    try:
        from threadpoolctl import threadpool_limits
        threadpool_limits(args.threads)
    except ImportError:
        pass

    steps = [s.strip() for s in args.steps.split(',') if s.strip()]
    seconds = {}
    results = {}
    errors = {}
    versions = {'python': sys.version.split()[0], 'numpy': np.__version__}

    features = timed(seconds, 'load', lambda: np.ascontiguousarray(np.load(args.features), dtype=np.float32))
    queries = np.ascontiguousarray(np.load(args.queries), dtype=np.float32)
    n, d = features.shape
    if queries.shape[1] != d:
        sys.exit(f'queries have {queries.shape[1]} columns, features {d}')

    sklearn = None
    faiss = None
    try:
        import sklearn
        from sklearn.cluster import KMeans
        from sklearn.decomposition import PCA
        from sklearn.neighbors import NearestNeighbors
        versions['sklearn'] = sklearn.__version__
    except ImportError as e:
        errors['sklearn'] = str(e)
    try:
        import faiss
        faiss.omp_set_num_threads(args.threads)
        versions['faiss'] = getattr(faiss, '__version__', 'unknown')
    except ImportError as e:
        errors['faiss'] = str(e)

    projected = None
    if 'sklearn-pca' in steps and sklearn is not None:
        pca = PCA(n_components=args.components, svd_solver='randomized', random_state=args.seed)
        projected = timed(seconds, 'sklearn_pca', lambda: pca.fit_transform(features))
        results['sklearn_pca_explained_variance_ratio'] = float(pca.explained_variance_ratio_.sum())
        results['sklearn_pca_n_iter'] = 'auto'
    if projected is None and any(s in steps for s in ('sklearn-kmeans', 'faiss-kmeans')):
        # k-means needs a projection even when the PCA step is not timed.
        centred = features - features.mean(axis=0)
        _, _, vt = np.linalg.svd(centred[: min(n, 20000)], full_matrices=False)
        projected = np.ascontiguousarray(centred @ vt[: args.components].T, dtype=np.float32)

    if 'sklearn-kmeans' in steps and sklearn is not None:
        kmeans = KMeans(n_clusters=args.k, n_init=args.n_init, max_iter=args.max_iter, random_state=args.seed)
        timed(seconds, 'sklearn_kmeans', lambda: kmeans.fit(projected))
        results['sklearn_kmeans_inertia'] = float(kmeans.inertia_)
        results['sklearn_kmeans_n_iter'] = int(kmeans.n_iter_)

    if 'faiss-pca' in steps and faiss is not None:
        def faiss_pca():
            matrix = faiss.PCAMatrix(d, args.components)
            matrix.train(features)
            return matrix.apply_py(features)
        timed(seconds, 'faiss_pca', faiss_pca)

    if 'faiss-kmeans' in steps and faiss is not None:
        points = np.ascontiguousarray(projected, dtype=np.float32)
        kmeans = faiss.Kmeans(points.shape[1], args.k, niter=args.faiss_niter, nredo=args.n_init, seed=args.seed,
                              max_points_per_centroid=max(256, (n + args.k - 1) // args.k + 1), verbose=False)
        timed(seconds, 'faiss_kmeans', lambda: kmeans.train(points))
        _, labels = kmeans.index.search(points, 1)
        results['faiss_kmeans_inertia'] = float(((points - kmeans.centroids[labels[:, 0]]) ** 2).sum())

    top1 = {}

    def normalised(matrix):
        norms = np.linalg.norm(matrix, axis=1, keepdims=True)
        if (norms == 0).any():
            sys.exit(f'row {int(np.argmax(norms[:, 0] == 0))} is a zero vector')
        return np.ascontiguousarray(matrix / norms, dtype=np.float32)

    if 'faiss-search' in steps and faiss is not None:
        def normalise_faiss():
            x = features.copy()
            q = queries.copy()
            faiss.normalize_L2(x)
            faiss.normalize_L2(q)
            return x, q
        x, q = timed(seconds, 'faiss_normalise', normalise_faiss)
        index = faiss.IndexFlatIP(d)
        timed(seconds, 'faiss_add', lambda: index.add(x))
        sims, ids = timed(seconds, 'faiss_search', lambda: index.search(q, 1))
        top1['faiss'] = ids[:, 0]
        results['faiss_mean_top1_similarity'] = float(sims[:, 0].mean())
        del x, q, index

    if 'numpy-search' in steps:
        def numpy_search():
            x = normalised(features)
            q = normalised(queries)
            best = np.empty(len(q), dtype=np.int64)
            best_sim = np.empty(len(q), dtype=np.float32)
            for start in range(0, len(q), args.search_chunk):
                sims = q[start:start + args.search_chunk] @ x.T
                best[start:start + args.search_chunk] = sims.argmax(axis=1)
                best_sim[start:start + args.search_chunk] = sims.max(axis=1)
            return best, best_sim
        best, best_sim = timed(seconds, 'numpy_search', numpy_search)
        top1['numpy'] = best
        results['numpy_mean_top1_similarity'] = float(best_sim.mean())

    if 'sklearn-search' in steps and sklearn is not None:
        def sklearn_search():
            nn = NearestNeighbors(n_neighbors=1, metric='cosine', algorithm='brute', n_jobs=args.threads)
            nn.fit(features)
            return nn.kneighbors(queries, return_distance=False)[:, 0]
        top1['sklearn'] = timed(seconds, 'sklearn_search', sklearn_search)

    names = sorted(top1)
    for i, a in enumerate(names):
        for b in names[i + 1:]:
            results[f'top1_agreement_{a}_{b}'] = float((top1[a] == top1[b]).mean())

    print(json.dumps({
        'n': int(n), 'd': int(d), 'queries': int(len(queries)), 'threads': args.threads, 'k': args.k,
        'n_init': args.n_init, 'seed': args.seed, 'components': args.components, 'steps': steps,
        'versions': versions, 'seconds': {k: round(v, 4) for k, v in seconds.items()}, 'results': results,
        'errors': errors,
    }, indent=2))


if __name__ == '__main__':
    main()
