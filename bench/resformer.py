"""Benchmark: SpikingResformer against a spiking ResNet of similar parameter count, training and inference.

Per case, one training step (forward, backward, AdamW step) and one inference forward (evaluation mode, no graph) on
a batch of random images, side by side in one run, each case in its own process (bench/_common.py):
* `resformer_tiny` (0.16 M parameters) against `sresnet20` (the 16/32/64 CIFAR ResNet-20 with LIF neurons, 0.27 M), 32 x 32
  images, batch 32, T in {1, 2, 4};
* on CUDA also `resformer_cifar` (10.75 M) against `sresnet18` (11.2 M), 32 x 32, batch 64, T = 4, and
  `resformer_ti` (11.14 M, ImageNet stem) against `sresnet18_imagenet` (11.7 M), 224 x 224, batch 16, T = 4.
Reported: images per second (median of `--reps` timed runs after one warm-up) and the peak memory (CUDA:
max_memory_allocated; CPU: peak RSS in its own process), for training and inference.

    python bench/resformer.py [--device cpu|cuda] [--reps 3] [--out bench/results/resformer-<device>.json]
"""
import sys
import torch
from torch import nn
from _common import parse_args, measure, run_child, run_info, write_json, saved_bytes_hooks

CPU_CASES = [(m, 32, 32, T) for T in (1, 2, 4) for m in ('resformer_tiny', 'sresnet20')]
CUDA_CASES = CPU_CASES + [(m, 32, 64, 4) for m in ('resformer_cifar', 'sresnet18')] + [(m, 224, 16, 4) for m in ('resformer_ti', 'sresnet18_imagenet')]


def make(name, T):
    from snnbook.spikingresformer import spikingresformer
    from snnbook.models import resnet20, resnet18
    from snnbook.empf import lif_network
    if name.startswith('resformer_'): return spikingresformer(name.split('_', 1)[1], num_classes=10 if name != 'resformer_ti' else 1000, T=T), False
    ann = {'sresnet20': lambda: resnet20(10), 'sresnet18': lambda: resnet18(10), 'sresnet18_imagenet': lambda: resnet18(1000, stem='imagenet')}[name]()
    return lif_network(ann, T), True  # time-major output [T, B, classes]


def one_case(case, device, reps):
    name, size, batch, T, mode = case.split(':')
    size, batch, T = int(size), int(batch), int(T)
    torch.manual_seed(0)
    model, time_major = make(name, T)
    model = model.to(device)
    classes = model.head.out_features if hasattr(model, 'head') and isinstance(model.head, nn.Linear) else (1000 if 'imagenet' in name else 10)
    x = torch.randn(batch, 3, size, size, device=device)
    y = torch.randint(0, classes, (batch,), device=device)
    opt = torch.optim.AdamW(model.parameters(), 1e-3)
    def train():
        model.train(); saved = []
        with saved_bytes_hooks(saved):
            out = model(x)
            loss = nn.functional.cross_entropy(out.mean(0) if time_major else out, y)
        opt.zero_grad(); loss.backward(); opt.step()
        return sum(saved)
    def infer():
        model.eval()
        with torch.no_grad(): model(x)
        return 0
    r = measure(train if mode == 'train' else infer, device, reps)
    r['images_per_s'] = batch / r['median_s']
    r['parameters'] = sum(p.numel() for p in model.parameters())
    return r


def main():
    a = parse_args(__doc__, one_case, reps=3)
    device = torch.device(a.device)
    results = {}
    for name, size, batch, T in (CUDA_CASES if device.type == 'cuda' else CPU_CASES):
        for mode in ('train', 'infer'):
            key = f'{name}_{size}px_T{T}_{mode}'
            results[key] = run_child(__file__, a.device, a.reps, f'{name}:{size}:{batch}:{T}:{mode}') | {'batch': batch, 'T': T, 'size': size}
            print(key, {k: results[key][k] for k in ('images_per_s', 'peak_bytes', 'parameters')}, file=sys.stderr, flush=True)
    ratio = lambda a, b, k: None if results.get(a, {}).get(k) in (None, 0) or results.get(b, {}).get(k) in (None, 0) else results[a][k] / results[b][k]
    pairs = [('resformer_tiny', 'sresnet20', 32, T) for T in (1, 2, 4)]
    if device.type == 'cuda': pairs += [('resformer_cifar', 'sresnet18', 32, 4), ('resformer_ti', 'sresnet18_imagenet', 224, 4)]
    ratios = {f'{m}_over_{b}_{s}px_T{T}_{mode}_{k}': ratio(f'{m}_{s}px_T{T}_{mode}', f'{b}_{s}px_T{T}_{mode}', k)
              for m, b, s, T in pairs for mode in ('train', 'infer') for k in ('images_per_s', 'peak_bytes')}
    info = {'benchmark': 'resformer', 'what': 'one training step (AdamW) and one inference forward on random images',
            **run_info(a.device), 'results': results, 'ratios': ratios}
    write_json(info, a.out, f'resformer-{device.type}.json')


if __name__ == '__main__': main()
