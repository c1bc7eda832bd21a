#!/usr/bin/python3
"""ResNet-50 feature backbone: the shared weights file and PyTorch eager's images/s, for comparison with DJL.

Run with Debian's Python (python3-torch 1.13, python3-torchvision 0.14):

    /usr/bin/python3 releng/bench/resnet50_reference.py --model /tmp/resnet50.pt [--threads 2] [--images 64]

* Creates ``--model`` if it does not exist: ``torchvision.models.resnet50(weights=None)`` with random weights
  (``torch.manual_seed(--seed)``), ``fc`` replaced by ``Identity`` (2048 features), in eval mode, traced with
  ``torch.jit.trace`` and saved as TorchScript. Java (``org.segrank.backbones.BackboneBenchmark``) and this script
  then run the SAME weights: the eager model here loads its state dict from that file.
* ``--frozen PATH`` additionally writes ``torch.jit.freeze`` of the traced model (batch norm folded into the
  convolutions, weights inlined as constants), ``--frozen-channels-last PATH`` the same traced and frozen in
  channels-last memory format; both compute the same features and are meant for trying DJL variants.
  (``torch.jit.optimize_for_inference`` is not offered: in torch 1.13 its MKLDNN weights are not saved, the file
  cannot be loaded.)
* Times eager PyTorch under ``torch.inference_mode()`` with ``torch.set_num_threads(--threads)`` and one inter-op
  thread: ``--images`` random 224 x 224 inputs at batch 1 and at batch 8 after 2 warm-up batches each, and prints
  one JSON object: images/s per batch size (from the median batch time, which another process briefly taking a
  core does not move, from the mean batch time, and from the best one), and the features of a constant 0.5 input (all channels, already
  normalised) so the Java side can check that it runs the same network.

Run it with the allocator settings of the segrank launcher (MALLOC_MMAP_THRESHOLD_=33554432
MALLOC_TRIM_THRESHOLD_=17179869184 MALLOC_TOP_PAD_=536870912): with glibc's defaults timings swing 2-4x here.
"""
import argparse
import json
import os
import sys
import time
import warnings

warnings.filterwarnings("ignore")

import torch
import torchvision


def build(seed: int) -> torch.nn.Module:
    torch.manual_seed(seed)
    model = torchvision.models.resnet50(weights=None)
    model.fc = torch.nn.Identity()
    return model.eval()


def export(path: str, seed: int) -> None:
    model = build(seed)
    with torch.no_grad():
        traced = torch.jit.trace(model, torch.zeros(1, 3, 224, 224))
    os.makedirs(os.path.dirname(os.path.abspath(path)), exist_ok=True)
    traced.save(path)


def time_eager(model: torch.nn.Module, batch: int, images: int, channels_last: bool) -> dict:
    """Images/s from the median batch time (robust to another process taking a core for a while) and from the
    total time, over ``images // batch`` timed batches after 2 warm-up batches."""
    generator = torch.Generator().manual_seed(1)
    x = torch.randn(batch, 3, 224, 224, generator=generator)
    if channels_last:
        x = x.contiguous(memory_format=torch.channels_last)
    iterations = max(1, images // batch)
    seconds = []
    with torch.inference_mode():
        for _ in range(2):
            model(x)
        for _ in range(iterations):
            start = time.perf_counter()
            model(x)
            seconds.append(time.perf_counter() - start)
    ordered = sorted(seconds)
    median = (ordered[(len(ordered) - 1) // 2] + ordered[len(ordered) // 2]) / 2
    return {"median": round(batch / median, 2), "mean": round(batch * len(seconds) / sum(seconds), 2),
            "best": round(batch / ordered[0], 2), "batches": len(seconds)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--model", required=True, help="TorchScript file to create if missing and to load")
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--images", type=int, default=64)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--frozen", help="also write torch.jit.freeze of the model here")
    parser.add_argument("--frozen-channels-last", help="also write a channels-last frozen variant here")
    parser.add_argument("--channels-last", action="store_true", help="also time eager in channels-last layout")
    parser.add_argument("--export-only", action="store_true")
    args = parser.parse_args()

    torch.set_num_interop_threads(1)
    torch.set_num_threads(args.threads)
    created = not os.path.exists(args.model)
    if created:
        export(args.model, args.seed)
    traced = torch.jit.load(args.model)
    model = build(args.seed)
    model.load_state_dict(traced.state_dict())
    model.eval()
    if args.frozen:
        torch.jit.freeze(torch.jit.load(args.model).eval()).save(args.frozen)
    if args.frozen_channels_last:
        variant = build(args.seed)
        variant.load_state_dict(traced.state_dict())
        variant = variant.eval().to(memory_format=torch.channels_last)
        with torch.no_grad():
            example = torch.zeros(1, 3, 224, 224).contiguous(memory_format=torch.channels_last)
            torch.jit.freeze(torch.jit.trace(variant, example).eval()).save(args.frozen_channels_last)
    constant = torch.full((1, 3, 224, 224), 0.5)
    with torch.inference_mode():
        reference = model(constant)[0]
        assert torch.allclose(reference, traced(constant)[0], rtol=1e-4, atol=1e-5), "traced file != eager model"
    result = {
        "model": os.path.abspath(args.model), "created": created, "seed": args.seed,
        "torch": torch.__version__, "torchvision": torchvision.__version__,
        "threads": torch.get_num_threads(), "interop_threads": torch.get_num_interop_threads(),
        "features_of_constant_0_5": {"dimension": int(reference.numel()), "sum": float(reference.sum()),
                                     "first": [float(v) for v in reference[:4]]},
    }
    if not args.export_only:
        result["images"] = args.images
        result["eager_batch1_images_per_second"] = time_eager(model, 1, args.images, False)
        result["eager_batch8_images_per_second"] = time_eager(model, 8, args.images, False)
        if args.channels_last:
            cl = model.to(memory_format=torch.channels_last)
            result["eager_channels_last_batch1_images_per_second"] = time_eager(cl, 1, args.images, True)
            result["eager_channels_last_batch8_images_per_second"] = time_eager(cl, 8, args.images, True)
    json.dump(result, sys.stdout, indent=1)
    print()


if __name__ == "__main__":
    main()
