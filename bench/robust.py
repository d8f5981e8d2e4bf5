"""Benchmark: the wall-clock cost of the sparse-gradient regulariser and of adversarial training, per training step.

One training step of `robust_network` (T = 4) on a fixed batch, side by side in one run:
* `vanilla`: cross-entropy;
* `sr_code`: + λ · the released code's two-class finite-difference penalty (two extra forward passes, h = 0.01);
* `sr_paper`: + λ · the paper's softmax form;
* `at`: PGD-7 adversarial training (`at_eps` 0.1);
* `sr_at`: both.
Shapes: the digits (8 x 8, batch 64) and Fashion-MNIST (28 x 28, batch 128). Per case: the median step time, the peak
memory and the bytes autograd saved; each case in its own process (bench/_common.py). The ratios to `vanilla` are the
regulariser's overhead.

    python bench/robust.py [--device cpu|cuda] [--reps 3] [--out bench/results/robust-<device>.json]
"""
import torch
from torch import nn
from _common import parse_args, measure, run_child, run_info, write_json, saved_bytes_hooks

SHAPES = {'digits': (8, 64), 'fashion': (28, 128)}
METHODS = {'vanilla': dict(lam=0.0), 'sr_code': dict(lam=0.1, form='code'), 'sr_paper': dict(lam=0.1, form='paper'),
           'at': dict(lam=0.0, at_eps=0.1, at_steps=7), 'sr_at': dict(lam=0.1, form='code', at_eps=0.1, at_steps=7)}


def one_case(case, device, reps):
    from accelerate import Accelerator
    from snnbook.robust import robust_network, RobustStep
    method, shape = case.split(':')
    size, batch = SHAPES[shape]
    torch.manual_seed(0)
    model = robust_network(size, 4, mean=0.3, std=0.35).to(device)
    acc = Accelerator(cpu=device.type == 'cpu')
    opt = torch.optim.Adam(model.parameters(), 1e-3)
    g = torch.Generator().manual_seed(0)
    x, y = torch.rand(batch, 1, size, size, generator=g).to(device), torch.randint(0, 10, (batch,), generator=g).to(device)
    step, loss_fn = RobustStep(**METHODS[method]), nn.CrossEntropyLoss()
    def run():
        saved = []
        with saved_bytes_hooks(saved): step(model, x, y, opt, loss_fn, acc)
        return sum(saved)
    return measure(run, device, reps)


def main():
    a = parse_args(__doc__, one_case, reps=3)
    results = {}
    for shape in SHAPES:
        for m in METHODS:
            results[f'{m}_{shape}'] = run_child(__file__, a.device, a.reps, f'{m}:{shape}')
            print(m, shape, {k: results[f'{m}_{shape}'][k] for k in ('median_s', 'peak_bytes')}, flush=True)
    ratios = {f'{m}_over_vanilla_{s}': results[f'{m}_{s}']['median_s'] / results[f'vanilla_{s}']['median_s'] for s in SHAPES for m in METHODS if m != 'vanilla'}
    info = {'benchmark': 'robust', 'what': 'one training step of robust_network (T = 4): digits 8 x 8 batch 64, Fashion-MNIST 28 x 28 batch 128',
            'methods': {k: {kk: vv for kk, vv in v.items()} for k, v in METHODS.items()}, **run_info(a.device), 'results': results, 'ratios': ratios}
    write_json(info, a.out, f'robust-{torch.device(a.device).type}.json')


if __name__ == '__main__': main()
