"""Benchmark: online training (EM-PF) against BPTT, memory and time per epoch, T in {2, 4, 8, 16}.

One epoch of training on the digits (1,437 training images at 16 x 16, batch 64, `DigitsVGG`), side by side in one run:
* `empf_online_random`: EM-PF, binary inner weights, random back-propagation (one step per batch; the steps before it
  without a graph);
* `empf_online_every`: the same network, an update after every step;
* `empf_bptt`: the same network (EM-PF, binary) with the membrane path kept, trained through time (`fit`'s default step);
* `lif_bptt`: the foundation's multi-step `LIFNode` network (tau 2, fused backward), BPTT;
* `sltt_online_random`: `OnlineLIFNode` (SLTT's neuron: LIF, membrane detached), random back-propagation;
* `ottt_online_random`: the same neuron with `OTTTSynapse` (OTTT: weight gradients from presynaptic traces), random
  back-propagation.
Per case: the median epoch time, the peak memory (CUDA: max_memory_allocated; CPU: peak RSS in its own process) and
the most bytes autograd saved for one batch. Each case in its own process (bench/_common.py).

    python bench/online.py [--device cpu|cuda] [--reps 2] [--weights binary|ternary|float] [--out bench/results/online-<device>.json]
"""
import sys
import torch
from torch import nn
from _common import parse_args, measure, run_child, run_info, write_json, saved_bytes_hooks

TS = (2, 4, 8, 16)
METHODS = ('empf_online_random', 'empf_online_every', 'empf_bptt', 'lif_bptt', 'sltt_online_random', 'ottt_online_random')
WEIGHTS = next((sys.argv[i + 1] for i, a in enumerate(sys.argv[:-1]) if a == '--weights'), 'binary')  # the EM-PF networks' weights
if '--weights' in sys.argv: i = sys.argv.index('--weights'); del sys.argv[i:i + 2]


def make(method, T, weights):
    from snnbook.empf import empf_network, lif_network, ottt_network, OnlineStep
    from snnbook.models import DigitsVGG
    ann = DigitsVGG(size=16, pool='avg')
    if method == 'empf_online_random': return empf_network(ann, T, weights), OnlineStep('random', seed=0)
    if method == 'empf_online_every': return empf_network(ann, T, weights), OnlineStep('every-step', seed=0)
    if method == 'empf_bptt': return empf_network(ann, T, weights, detach=False), None
    if method == 'lif_bptt': return lif_network(ann, T), None
    if method == 'sltt_online_random': return lif_network(ann, T, online=True), OnlineStep('random', seed=0)
    if method == 'ottt_online_random': return ottt_network(ann, T), OnlineStep('random', seed=0)
    raise ValueError(method)


def one_case(case, device, reps):
    from accelerate import Accelerator
    from snnbook.data import digits_loaders
    from snnbook.train import train_step
    method, weights, T = case.split(':')
    torch.manual_seed(0)
    model, step_fn = make(method, int(T), weights)
    model = model.to(device)
    acc = Accelerator(cpu=device.type == 'cpu')
    opt = torch.optim.Adam(model.parameters(), 1e-3)
    batches = [(x.to(device), y.to(device)) for x, y in digits_loaders(64, size=16, seed=0)[0]]
    loss_fn, step = nn.CrossEntropyLoss(), step_fn or (lambda *a: train_step(*a))
    def epoch():
        most = 0
        for xb, yb in batches:
            saved = []
            with saved_bytes_hooks(saved): step(model, xb, yb, opt, loss_fn, acc, True)
            most = max(most, sum(saved))
        return most
    return measure(epoch, device, reps)


def main():
    a = parse_args(__doc__, one_case, reps=2)
    device = torch.device(a.device)
    results = {}
    for T in TS:
        for m in METHODS:
            results[f'{m}_T{T}'] = run_child(__file__, a.device, a.reps, f'{m}:{WEIGHTS}:{T}')
            print(f'{m} T={T}', {k: results[f"{m}_T{T}"][k] for k in ("median_s", "peak_bytes", "saved_for_backward_bytes")}, file=sys.stderr, flush=True)
    r = lambda m, T, k: results[f'{m}_T{T}'][k]
    ratio = lambda x, y: None if x is None or y is None or not y else x / y
    goals = {'online_random_memory_T16_over_T2': ratio(r('empf_online_random', 16, 'peak_bytes'), r('empf_online_random', 2, 'peak_bytes')),
             'online_random_saved_T16_over_T2': ratio(r('empf_online_random', 16, 'saved_for_backward_bytes'), r('empf_online_random', 2, 'saved_for_backward_bytes')),
             'bptt_memory_T16_over_T2': ratio(r('empf_bptt', 16, 'peak_bytes'), r('empf_bptt', 2, 'peak_bytes')),
             'bptt_saved_T16_over_T2': ratio(r('empf_bptt', 16, 'saved_for_backward_bytes'), r('empf_bptt', 2, 'saved_for_backward_bytes')),
             'online_random_time_over_empf_bptt_T8': ratio(r('empf_online_random', 8, 'median_s'), r('empf_bptt', 8, 'median_s')),
             'online_random_time_over_lif_bptt_T8': ratio(r('empf_online_random', 8, 'median_s'), r('lif_bptt', 8, 'median_s')),
             'ottt_random_memory_T16_over_T2': ratio(r('ottt_online_random', 16, 'peak_bytes'), r('ottt_online_random', 2, 'peak_bytes'))}
    info = {'benchmark': 'online', 'what': 'one training epoch on the digits (1,437 images, 16 x 16, batch 64, DigitsVGG)',
            'weights': WEIGHTS, 'T': list(TS), **run_info(a.device), 'results': results, 'ratios': goals,
            'goals': {'online_random_memory_T16_over_T2': '<= 1.15', 'bptt_memory_T16_over_T2': '>= 4',
                      'online_random_time_over_empf_bptt_T8': '<= 0.6'}}
    write_json(info, a.out, f'online-{device.type}.json')


if __name__ == '__main__': main()
