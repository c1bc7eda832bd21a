#!/usr/bin/env bash
# End-to-end test of the materialized product: usage: product-smoke-test.sh PRODUCT_DIR WORK_DIR
# Prints "N passed, M failed" and exits non-zero on any failure.
set -uo pipefail
PRODUCT=$(readlink -f "$1")
WORK=$2
ROOT=$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/../.." && pwd)
rm -rf "$WORK" && mkdir -p "$WORK"
export SEGRANK_PRODUCT_DIR="$PRODUCT" SEGRANK_NO_BUILD=1 SEGRANK_WORKSPACE="$WORK/workspace" SEGRANK_HEAP=1g
# private OSGi state and UI preferences: the test never sees (or changes) the user's
export XDG_CACHE_HOME="$WORK/cache"
passed=0 failed=0
ok()   { passed=$((passed+1)); echo "PASS $1"; }
fail() { failed=$((failed+1)); echo "FAIL $1"; [ -n "${2:-}" ] && sed 's/^/     | /' "$2" | head -n 30; }

run() { # name expected-exit -- command...
  local name=$1 expected=$2; shift 3
  "$@" >"$WORK/$name.out" 2>"$WORK/$name.err"
  local code=$?
  if [ "$code" = "$expected" ]; then ok "$name (exit $code)"; else
    echo "     expected exit $expected, got $code"; cat "$WORK/$name.out" "$WORK/$name.err" > "$WORK/$name.all"; fail "$name" "$WORK/$name.all"; fi
}
contains() { # name file text
  if grep -qF -- "$3" "$2"; then ok "$1"; else echo "     '$3' not in $2"; fail "$1" "$2"; fi
}

S="$ROOT/segrank"
run version 0 -- "$S" version
contains version-text "$WORK/version.out" "SegRank 0.1.0"
run unknown-command 2 -- "$S" no-such-command
contains unknown-command-message "$WORK/unknown-command.err" "no-such-command"
run doctor 0 -- "$S" doctor
contains doctor-java "$WORK/doctor.out" "java"
contains doctor-djl-natives "$WORK/doctor.out" "libtorch (CPU) 2.7.1"
contains doctor-djl-engines-start "$WORK/doctor.out" "loaded DJL 0.36.0, PyTorch 2.7.1"

# registry through the product (H2 + Flyway inside Equinox)
printf 'name,architecture,format,fine_tuned_on_dataset,tags\nbubbles-small,mask_rcnn_r50_fpn,onnx,bread-small,food\nhair-dense,mask_rcnn_r50_fpn,torchscript,hair-small-dense,fibre\n' > "$WORK/models.csv"
run model-manifest 0 -- "$S" model register --manifest "$WORK/models.csv"
run model-list 0 -- "$S" model list --json
contains model-list-json "$WORK/model-list.out" '"name" : "hair-dense"'
printf 'name,architecture,format\nbad,mask_rcnn,caffe\n' > "$WORK/bad-models.csv"
run model-manifest-bad 3 -- "$S" model register --manifest "$WORK/bad-models.csv"
contains model-manifest-bad-names-row "$WORK/model-manifest-bad.err" "row 1"
run workspace-check 0 -- "$S" workspace check

# datasets: generated corpus through the importer, list/show/export, validation errors
run dataset-generate 0 -- "$S" dataset generate --name corpus --quick --classification 10 --candidates 8 --queries 8 --finetune-per-subset 1 --size 128 --seed 11
contains dataset-generate-imported "$WORK/dataset-generate.out" "65 images with"
run dataset-generate-again 0 -- "$S" dataset generate --name corpus --quick --classification 10 --candidates 8 --queries 8 --finetune-per-subset 1 --size 128 --seed 11
contains dataset-generate-resumes "$WORK/dataset-generate-again.out" "0 images with 0 instances imported, 65 already present"
run dataset-list 0 -- "$S" dataset list --json
contains dataset-list-candidates "$WORK/dataset-list.out" '"candidate" : 8'
run dataset-export 0 -- "$S" dataset export --name corpus --split query --out "$WORK/export"
contains dataset-export-count "$WORK/dataset-export.out" "Exported 8 images"
run dataset-import-coco 0 -- "$S" dataset import --name reimported --format coco "$WORK/export"
contains dataset-import-coco-count "$WORK/dataset-import-coco.out" "8 images with"
# a model's COCO results on the exported split, scored by SegRank: perfect detections -> AP 1 everywhere
python3 -c 'import json,sys
gt=json.load(open(sys.argv[1]))
json.dump([{"image_id":a["image_id"],"category_id":a["category_id"],"segmentation":a["segmentation"],"score":0.9} for a in gt["annotations"]],open(sys.argv[2],"w"))' "$WORK/export/annotations.json" "$WORK/perfect-results.json"
run results-import-coco 0 -- "$S" results import --dataset corpus --split query --model bubbles-small --coco "$WORK/perfect-results.json"
contains results-import-coco-ap "$WORK/results-import-coco.out" "mean per-image AP 1.0000"
mkdir -p "$WORK/bad/images" "$WORK/bad/masks"
cp "$WORK/export/images/$(ls "$WORK/export/images" | head -n 1)" "$WORK/bad/images/a.png"
python3 -c 'import struct,zlib,sys
def chunk(t,d): return struct.pack(">I",len(d))+t+d+struct.pack(">I",zlib.crc32(t+d)&0xffffffff)
raw=b"".join(b"\0"+bytes([255 if x<3 else 0 for x in range(7)]) for y in range(7))
sys.stdout.buffer.write(b"\x89PNG\r\n\x1a\n"+chunk(b"IHDR",struct.pack(">IIBBBBB",7,7,8,0,0,0,0))+chunk(b"IDAT",zlib.compress(raw))+chunk(b"IEND",b""))' > "$WORK/bad/masks/a.png"
# the demo zoo and the evaluation runner through the product (DJL training and inference inside Equinox)
run zoo-build 0 -- "$S" zoo build --dataset corpus --quick
contains zoo-build-trained "$WORK/zoo-build.out" "base + 39 models, 40 trained, 0 reused"
run zoo-build-again 0 -- "$S" zoo build --dataset corpus --quick
contains zoo-build-cached "$WORK/zoo-build-again.out" "base + 39 models, 0 trained, 40 reused"
run evaluate 0 -- "$S" evaluate --dataset corpus --split candidate --models zoo --workers 2
contains evaluate-computed "$WORK/evaluate.out" "312 pairs: 0 reused, 312 computed, 0 failed"
run evaluate-again 0 -- "$S" evaluate --dataset corpus --split candidate --models zoo
contains evaluate-reuses "$WORK/evaluate-again.out" "312 pairs: 312 reused, 0 computed, 0 failed"
run zoo-report 0 -- "$S" zoo report --dataset corpus --split candidate
contains zoo-report-histogram "$WORK/zoo-report.out" "best-model frequency"
run evaluate-unknown-model 3 -- "$S" evaluate --dataset corpus --models no-such-model
contains evaluate-unknown-model-named "$WORK/evaluate-unknown-model.err" "no-such-model"
# kill -9 mid-run, then resume: finished pairs are reused, none is computed twice
"$S" evaluate --dataset corpus --split classification-train --models zoo --workers 1 >"$WORK/evaluate-killed.out" 2>&1 &
victim=$!
for _ in $(seq 1 120); do grep -q "pairs (" "$WORK/evaluate-killed.out" && break; kill -0 $victim 2>/dev/null || break; sleep 0.5; done
# H2 writes committed transactions to its file within WRITE_DELAY (0.5 s): a kill sooner loses them (they are then
# recomputed, never duplicated), so wait a little longer for the resume to have something to reuse
sleep 1.5
pkill -9 -P $victim 2>/dev/null; kill -9 $victim 2>/dev/null; wait $victim 2>/dev/null
run evaluate-resume 0 -- "$S" evaluate --dataset corpus --split classification-train --models zoo --json
if python3 -c 'import json,sys; r=json.load(open(sys.argv[1])); assert r["pairs"]==390 and r["reused"]>0 and r["reused"]+r["computed"]==390 and r["failed"]==0, r' "$WORK/evaluate-resume.out" 2>"$WORK/evaluate-resume.check"; then ok evaluate-resume-after-kill; else fail evaluate-resume-after-kill "$WORK/evaluate-resume.out"; fi
# a Mask R-CNN exported to ONNX (the tiny recorded fixture) through the same runner
run model-register-onnx 0 -- "$S" model register --name tiny-onnx --architecture maskrcnn-tiny --format onnx --artifact "$ROOT/bundles/org.segrank.djl.tests/fixtures/tiny_maskrcnn.onnx" --score-threshold 0
run evaluate-onnx 0 -- "$S" evaluate --dataset corpus --split query --models tiny-onnx
contains evaluate-onnx-computed "$WORK/evaluate-onnx.out" "8 pairs: 0 reused, 8 computed, 0 failed"

# features, CNN-P, the experiment protocol, queries (issue 5) on the same small corpus
run evaluate-queries 0 -- "$S" evaluate --dataset corpus --split query --models zoo
run features-extract 0 -- "$S" features extract --dataset corpus
contains features-extract-count "$WORK/features-extract.out" "65 extracted"
run features-train-cnnp 0 -- "$S" features train-cnnp --dataset corpus --epochs 2
contains features-train-cnnp-report "$WORK/features-train-cnnp.out" "CNN-P weights:"
run features-extract-cnnp 0 -- "$S" features extract --dataset corpus --split candidate --extractor cnn-p
contains features-extract-cnnp-count "$WORK/features-extract-cnnp.out" "8 extracted"
run features-extract-cnnp-queries 0 -- "$S" features extract --dataset corpus --split query --extractor cnn-p
run experiment-run 0 -- "$S" experiment run --name smoke --dataset corpus --extractor particle-descriptor,cnn-p --k 8,4,2 --bootstrap 200
contains experiment-run-table "$WORK/experiment-run.out" "particle-descriptor, nearest (nDCG, full list"
contains experiment-run-cnnp "$WORK/experiment-run.out" "cnn-p, vote-m5"
contains experiment-run-borda "$WORK/experiment-run.out" "borda"
run experiment-list 0 -- "$S" experiment list --json
contains experiment-list-finished "$WORK/experiment-list.out" '"status" : "finished"'
run experiment-show 0 -- "$S" experiment show smoke
contains experiment-show-checksum "$WORK/experiment-show.out" "dataset checksum:"
contains experiment-show-answer-time "$WORK/experiment-show.out" "answer time"
contains experiment-run-answer-times "$WORK/experiment-run.out" "answer time per query"
run experiment-compare 0 -- "$S" experiment compare smoke smoke
contains experiment-compare-zero "$WORK/experiment-compare.out" "+0.0000 [+0.0000, +0.0000]"
run experiment-compare-bad-cutoff 2 -- "$S" experiment compare smoke smoke --cutoff top3
contains experiment-compare-bad-cutoff-named "$WORK/experiment-compare-bad-cutoff.err" "'top3'"
run experiment-rerun 0 -- "$S" experiment rerun smoke
contains experiment-rerun-same "$WORK/experiment-rerun.out" "rerun of experiment"
run experiment-unknown 3 -- "$S" experiment show no-such-experiment
query_image=$(ls "$WORK"/export/images/* | head -n 1)
run query 0 -- "$S" query "$query_image" --experiment smoke --top 3
contains query-evidence "$WORK/query.out" "nearest representative"
run query-json 0 -- "$S" query "$query_image" --experiment smoke --json
contains query-json-ranking "$WORK/query-json.out" '"ranking"'
printf 'not an image' > "$WORK/not-an-image.png"
run query-bad-image 3 -- "$S" query "$WORK/not-an-image.png"
contains query-bad-image-named "$WORK/query-bad-image.err" "not-an-image.png"
run report 0 -- "$S" report smoke --out "$WORK/smoke-report.xlsx"
if python3 -c 'import sys,zipfile; z=zipfile.ZipFile(sys.argv[1]); n=z.namelist(); assert "xl/workbook.xml" in n and sum(1 for x in n if x.startswith("xl/charts/chart"))==2, n' "$WORK/smoke-report.xlsx" 2>"$WORK/report-check.err"; then ok report-xlsx-with-two-charts; else fail report-xlsx-with-two-charts "$WORK/report-check.err"; fi
run report-unknown-experiment 3 -- "$S" report no-such-experiment --out "$WORK/none.xlsx"
# the extractor registry: a backbone file registered by name (the tiny TorchScript fixture standing in for an
# ImageNet ResNet-50, the paper's CNN-I), then used by name alone
tiny_backbone="$ROOT/bundles/org.segrank.backbones.tests/fixtures/tiny_backbone_featuremap.pt"
run features-register 0 -- "$S" features register --name tiny-cnn-i --backbone "$tiny_backbone"
contains features-register-kind "$WORK/features-register.out" "backbone file (torchscript)"
run features-register-built-in-name 3 -- "$S" features register --name cnn-p --backbone "$tiny_backbone"
contains features-register-built-in-name-said "$WORK/features-register-built-in-name.err" "is a built-in extractor"
run features-extract-registered 0 -- "$S" features extract --dataset corpus --extractor tiny-cnn-i
contains features-extract-registered-count "$WORK/features-extract-registered.out" "65 extracted"
run features-list 0 -- "$S" features list --dataset corpus --json
if python3 -c 'import json,sys; r={e["name"]: e for e in json.load(open(sys.argv[1]))}; t=r["tiny-cnn-i"]; assert t["vectors"]==65 and len(t["weights"])==64 and t["kind"]=="backbone file (torchscript)" and r["particle-descriptor"]["vectors"]==65, r' "$WORK/features-list.out" 2>"$WORK/features-list.check"; then ok features-list-counts; else fail features-list-counts "$WORK/features-list.check"; fi
run query-registered-extractor 0 -- "$S" query "$query_image" --experiment smoke --extractor tiny-cnn-i --top 3
contains query-registered-extractor-named "$WORK/query-registered-extractor.out" "extractor tiny-cnn-i"
# CNN-P from a supplied backbone: the registered one, by name
run features-train-cnnp-backbone 0 -- "$S" features train-cnnp --dataset corpus --backbone tiny-cnn-i --epochs 1
contains features-train-cnnp-backbone-file "$WORK/features-train-cnnp-backbone.out" "cnn-p-corpus.pt"
run features-extract-cnnp-backbone 0 -- "$S" features extract --dataset corpus --split candidate --extractor cnn-p
contains features-extract-cnnp-backbone-count "$WORK/features-extract-cnnp-backbone.out" "8 extracted"
# the README's main job at CI size, in its own workspace
run demo-quick 0 -- env SEGRANK_WORKSPACE="$WORK/demo-workspace" "$S" demo --quick
contains demo-quick-tables "$WORK/demo-quick.out" "baselines (nDCG, full list)"
contains demo-quick-done "$WORK/demo-quick.out" "Done in"
contains demo-quick-report "$WORK/demo-quick.out" "Excel report: $WORK/demo-workspace/reports/"

# issue-4 benchmarks print figures (tiny sizes: this checks they run, not how fast)
run bench-segment 0 -- "$S" bench segment --images 3 --size 128 --zoo 3
contains bench-segment-figures "$WORK/bench-segment.out" "3 models, shared encoder"
run bench-maskrcnn 0 -- "$S" bench maskrcnn --model "$ROOT/bundles/org.segrank.djl.tests/fixtures/tiny_maskrcnn.onnx" --size 128 --runs 1
contains bench-maskrcnn-figures "$WORK/bench-maskrcnn.out" "s/image median"
run bench-memory 0 -- "$S" bench memory --inferences 200 --size 64
contains bench-memory-figures "$WORK/bench-memory.out" "resident memory"
run bench-runner 0 -- "$S" bench runner --candidates 2 --size 64
contains bench-runner-figures "$WORK/bench-runner.out" "2 workers:"

run dataset-validate-bad 3 -- "$S" dataset validate --format mask-pairs --split candidate "$WORK/bad"
contains dataset-validate-names-file "$WORK/dataset-validate-bad.out" "a.png"
run dataset-import-bad 3 -- "$S" dataset import --name bad --format mask-pairs --split candidate "$WORK/bad"
run dataset-import-bad-left-nothing 0 -- "$S" dataset list
if grep -q '^bad ' "$WORK/dataset-import-bad-left-nothing.out"; then fail dataset-import-bad-stored-nothing "$WORK/dataset-import-bad-left-nothing.out"; else ok dataset-import-bad-stored-nothing; fi

run sample 0 -- "$S" sample coco --out "$WORK/sample" --images 12 --seed 7
run eval 0 -- "$S" eval coco --gt "$WORK/sample/ground-truth.json" --results "$WORK/sample/results.json" --per-image "$WORK/per-image.csv"
contains eval-summary "$WORK/eval.out" "Average Precision  (AP) @[ IoU=0.50:0.95 | area=   all | maxDets=1000 ] ="
contains eval-undefined "$WORK/per-image.csv" "undefined"
lines=$(wc -l < "$WORK/per-image.csv" 2>/dev/null || echo 0)
if [ "$lines" = 13 ]; then ok "per-image-csv-rows"; else echo "     expected 13 lines, got $lines"; fail per-image-csv-rows "$WORK/per-image.csv"; fi

run eval-maxdets 0 -- "$S" eval coco --gt "$WORK/sample/ground-truth.json" --results "$WORK/sample/results.json" --max-dets 20
contains eval-maxdets-reported "$WORK/eval-maxdets.out" "| area=   all | maxDets= 20 ]"
run eval-maxdets-triple 0 -- "$S" eval coco --gt "$WORK/sample/ground-truth.json" --results "$WORK/sample/results.json" --max-dets 1,3,5
contains eval-maxdets-triple-reported "$WORK/eval-maxdets-triple.out" "Average Recall     (AR) @[ IoU=0.50:0.95 | area=   all | maxDets=  3 ]"
run eval-maxdets-invalid 2 -- "$S" eval coco --gt "$WORK/sample/ground-truth.json" --results "$WORK/sample/results.json" --max-dets 5
contains eval-maxdets-invalid-explains "$WORK/eval-maxdets-invalid.err" "1,3,5"

# bad input: a result naming an image the ground truth does not have
sed 's/"image_id":1,/"image_id":999999,/' "$WORK/sample/results.json" > "$WORK/bad-results.json"
run eval-unknown-image 3 -- "$S" eval coco --gt "$WORK/sample/ground-truth.json" --results "$WORK/bad-results.json"
contains eval-unknown-image-names-file "$WORK/eval-unknown-image.err" "bad-results.json"
contains eval-unknown-image-names-id "$WORK/eval-unknown-image.err" "999999"
echo '{"images": [' > "$WORK/truncated.json"
run eval-bad-json 3 -- "$S" eval coco --gt "$WORK/truncated.json" --results "$WORK/sample/results.json"
contains eval-bad-json-names-file "$WORK/eval-bad-json.err" "truncated.json"
run eval-missing-option 2 -- "$S" eval coco --gt "$WORK/sample/ground-truth.json"

# The RCP window: starts, opens the COCO view, evaluates through the same Job as the menu, sorts.
xvfb=()
if [ -z "${DISPLAY:-}" ]; then
  if command -v xvfb-run >/dev/null 2>&1; then xvfb=(xvfb-run -a -s "-screen 0 1280x1024x24"); else
    echo "     no DISPLAY and no xvfb-run: install xvfb"; fail ui-starts; fi
fi
if [ -n "${DISPLAY:-}" ] || [ ${#xvfb[@]} -gt 0 ]; then
  timeout 300 "${xvfb[@]}" "$S" ui -Dsegrank.selftest.report="$WORK/ui-report.txt" \
    -Dsegrank.selftest.gt="$WORK/sample/ground-truth.json" -Dsegrank.selftest.results="$WORK/sample/results.json" \
    -Dsegrank.selftest.importFolder="$WORK/export" -Dsegrank.selftest.evaluate=reimported:query -Dsegrank.selftest.query="$query_image" \
    -Dsegrank.selftest.trainCnnP=corpus \
    -Dsegrank.selftest.registerExtractor="tiny-onnx-ui=$ROOT/bundles/org.segrank.backbones.tests/fixtures/tiny_backbone.onnx" \
    -Dsegrank.selftest.experiment=corpus:particle-descriptor,tiny-cnn-i \
    >"$WORK/ui.log" 2>&1
  if [ -f "$WORK/ui-report.txt" ]; then ok ui-starts; else fail ui-starts "$WORK/ui.log"; fi
  touch "$WORK/ui-report.txt"
  contains ui-view-open "$WORK/ui-report.txt" "part.label=COCO evaluation"
  contains ui-evaluated "$WORK/ui-report.txt" "result=ok"
  contains ui-rows "$WORK/ui-report.txt" "rows=12"
  contains ui-summary "$WORK/ui-report.txt" "summary.first= Average Precision  (AP) @[ IoU=0.50:0.95"
  contains ui-models-view "$WORK/ui-report.txt" "models.rows=43"
  contains ui-datasets-view "$WORK/ui-report.txt" "datasets.rows=2"
  # Experiments view: 'smoke' and its rerun (same configuration, so every paired difference is exactly 0)
  contains ui-experiments-view "$WORK/ui-report.txt" "experiments.rows=2"
  contains ui-experiments-details "$WORK/ui-report.txt" "experiments.details.first=experiment 1 'smoke': finished"
  contains ui-experiments-compare "$WORK/ui-report.txt" "experiments.compare.first=B - A: experiment 2 minus experiment 1 (paired over common queries, full list)"
  contains ui-experiments-compare-zero "$WORK/ui-report.txt" "experiments.compare.allZero=true"
  if grep -qE "^experiments.compare.combinations=[1-9][0-9]*$" "$WORK/ui-report.txt"; then ok ui-experiments-compare-rows; else fail ui-experiments-compare-rows "$WORK/ui-report.txt"; fi
  contains ui-import-job "$WORK/ui-report.txt" "job.result=dataset 'ui-import' from $WORK/export (coco): 8 images with"
  contains ui-datasets-refreshed "$WORK/ui-report.txt" "datasets.rows.after.import=3"
  contains ui-query-view "$WORK/ui-report.txt" "query.view=nearest="
  contains ui-evaluate-job "$WORK/ui-report.txt" "evaluate.result=312 pairs: 0 reused, 312 computed, 0 failed"
  contains ui-train-cnnp-job "$WORK/ui-report.txt" "trainCnnP.result=CNN-P trained on"
  contains ui-register-extractor-job "$WORK/ui-report.txt" "registerExtractor.result=Registered feature extractor tiny-onnx-ui 1-sha256:"
  contains ui-extractor-choices "$WORK/ui-report.txt" "extractor.choices=particle-descriptor,cnn-p,tiny-cnn-i,tiny-onnx-ui"
  # Run > Experiment's Job with two extractors, one of them the registered backbone
  contains ui-experiment-job "$WORK/ui-report.txt" "experiment.result=experiment 3: 8 queries"
  contains ui-experiment-in-view "$WORK/ui-report.txt" "experiments.rows.after.run=3"
  contains ui-experiment-extractors "$WORK/ui-report.txt" '"extractors":["particle-descriptor","tiny-cnn-i"]'
  if grep -qE "image.viewer=.* instances=[1-9][0-9]* overlay=true" "$WORK/ui-report.txt"; then ok ui-image-viewer; else fail ui-image-viewer "$WORK/ui-report.txt"; fi
  # ascending by AP: defined values non-decreasing, undefined last; descending: non-increasing, undefined last
  if awk -F'\t' '$1=="ascending"{print $6}' "$WORK/ui-report.txt" | python3 -c '
import sys
v=[l.strip() for l in sys.stdin]
d=[float(x) for x in v if not x.startswith("undefined")]
u=[i for i,x in enumerate(v) if x.startswith("undefined")]
assert d==sorted(d) and u and u==list(range(len(v)-len(u),len(v))), v' 2>>"$WORK/ui-sort.err"; then ok ui-sort-ascending; else fail ui-sort-ascending "$WORK/ui-report.txt"; fi
  if awk -F'\t' '$1=="descending"{print $6}' "$WORK/ui-report.txt" | python3 -c '
import sys
v=[l.strip() for l in sys.stdin]
d=[float(x) for x in v if not x.startswith("undefined")]
u=[i for i,x in enumerate(v) if x.startswith("undefined")]
assert d==sorted(d,reverse=True) and u and u==list(range(len(v)-len(u),len(v))), v' 2>>"$WORK/ui-sort.err"; then ok ui-sort-descending; else fail ui-sort-descending "$WORK/ui-report.txt"; fi
fi

# experiment remove, after the UI (which counts the experiments): the rerun of 'smoke' (id 2) goes, the rest stays
run experiment-remove-unknown 3 -- "$S" experiment remove no-such-experiment
run experiment-remove 0 -- "$S" experiment remove 2
contains experiment-remove-said "$WORK/experiment-remove.out" "removed experiment 2 "
run experiment-list-after-remove 0 -- "$S" experiment list --json
if python3 -c 'import json,sys; ids=[e["id"] for e in json.load(open(sys.argv[1]))]; assert 2 not in ids and 1 in ids, ids' "$WORK/experiment-list-after-remove.out" 2>"$WORK/experiment-remove.check"; then ok experiment-remove-listed; else fail experiment-remove-listed "$WORK/experiment-remove.check"; fi
run experiment-show-kept 0 -- "$S" experiment show 1
contains experiment-show-kept-numbers "$WORK/experiment-show-kept.out" "n=7 excluded=1"

echo "product smoke test: $passed passed, $failed failed"
[ "$failed" = 0 ]
