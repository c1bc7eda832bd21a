#!/usr/bin/python3
"""Exports torchvision's Mask R-CNN ResNet-50 FPN to ONNX in the convention SegRank reads, for `segrank bench maskrcnn`.

usage: /usr/bin/python3 releng/bench/export_maskrcnn_r50.py OUT.onnx [--seed 0]

Needs Debian's python3-torchvision (no download: the weights are random, seeded; the architecture and the cost of
inference are those of the paper's models). Outputs: boxes (N,4), labels (N), scores (N), masks (N,1,H,W).
box_score_thresh=0 so a random network still emits its full 100 detections (the worst case for mask post-processing).
A lab exporting its own trained model follows bundles/org.segrank.djl/EXPORTING.md instead.
"""
import argparse
import os
import warnings

warnings.filterwarnings("ignore")
import torch  # noqa: E402
from torchvision.models.detection import maskrcnn_resnet50_fpn  # noqa: E402

parser = argparse.ArgumentParser()
parser.add_argument("out")
parser.add_argument("--seed", type=int, default=0)
args = parser.parse_args()
torch.manual_seed(args.seed)
model = maskrcnn_resnet50_fpn(weights=None, weights_backbone=None, num_classes=2, box_score_thresh=0.0,
                              min_size=512, max_size=512).eval()
image = torch.rand(3, 512, 512)
with torch.no_grad():
    torch.onnx.export(model, ([image],), args.out, opset_version=11, input_names=["image"],
                      output_names=["boxes", "labels", "scores", "masks"],
                      dynamic_axes={"image": {1: "h", 2: "w"}, "boxes": {0: "n"}, "labels": {0: "n"},
                                    "scores": {0: "n"}, "masks": {0: "n"}})
print(f"wrote {args.out} ({os.path.getsize(args.out) / 1e6:.1f} MB, seed {args.seed})")
