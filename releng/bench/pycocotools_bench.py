#!/usr/bin/env python3
"""Times pycocotools on a case file written by the Java mask AP benchmark and compares the statistics.

Usage:
    python3 bench/pycocotools_bench.py CASE.json

The case file comes from org.segrank.metrics.bench.MaskApBenchmark (run(..., exportCase) or its main method with
a second argument). It holds "ground_truth" (COCO dict), "results" (COCO results list) and "java" (maxDets, stats,
timings). Needs numpy and pycocotools; without pycocotools it says so and exits with status 2.
"""
import contextlib
import io
import json
import sys
import time

import numpy as np

try:
    from pycocotools import mask as mask_utils
    from pycocotools.coco import COCO
    from pycocotools.cocoeval import COCOeval
except ImportError:
    print('pycocotools is not installed: "pip install pycocotools" to compare against it.', file=sys.stderr)
    sys.exit(2)


def main(path):
    with open(path) as f:
        case = json.load(f)
    java = case['java']
    with contextlib.redirect_stdout(io.StringIO()):
        gt = COCO()
        gt.dataset = case['ground_truth']
        gt.createIndex()
        dt = gt.loadRes(case['results'])
    image_ids = sorted(gt.getImgIds())

    # IoU matrices per image, as COCOeval.computeIoU calls them (RLE inputs, no crowd).
    per_image = []
    for img in image_ids:
        g = [gt.annToRLE(a) for a in gt.imgToAnns[img]]
        d = [dt.annToRLE(a) for a in dt.imgToAnns[img]]
        per_image.append((d, g, [int(a['iscrowd']) for a in gt.imgToAnns[img]]))
    start = time.perf_counter()
    pairs = 0
    for d, g, crowd in per_image:
        mask_utils.iou(d, g, crowd)
        pairs += len(d) * len(g)
    iou_seconds = time.perf_counter() - start

    evaluator = COCOeval(gt, dt, 'segm')
    evaluator.params.maxDets = java['maxDets']
    start = time.perf_counter()
    with contextlib.redirect_stdout(io.StringIO()):
        evaluator.evaluate()
        evaluator.accumulate()
    eval_seconds = time.perf_counter() - start
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        evaluator.summarize()
    stats = np.array(evaluator.stats, dtype=float)

    n = len(image_ids)
    print('pycocotools on %d images' % n)
    print('IoU matrix: %.1f M pairs/s, %.3f ms/image (Java: %.3f ms/image)'
          % (pairs / iou_seconds / 1e6, iou_seconds * 1e3 / n, java['iou_ms_per_image']))
    print('Full evaluation: %.2f ms/image (Java, 1 thread: %.2f ms/image)'
          % (eval_seconds * 1e3 / n, java['eval_ms_per_image_1_thread']))
    print(out.getvalue().rstrip())
    java_stats = np.array(java['stats'], dtype=float)
    if 100 not in java['maxDets']:
        # pycocotools computes the first statistic at a hard-coded maxDets=100 (cocoapi issue #558).
        stats = stats[1:]
        java_stats = java_stats[1:]
        print('(statistic 0 skipped: pycocotools evaluates it at maxDets=100)')
    print('max |pycocotools - Java| over the statistics: %.3g' % np.max(np.abs(stats - java_stats)))


if __name__ == '__main__':
    if len(sys.argv) != 2:
        print(__doc__, file=sys.stderr)
        sys.exit(1)
    main(sys.argv[1])
