"""Benchmark: one LM-HT layer (L = 2, T = 2) forward + backward against the same latency spent otherwise, input [B, 128, 16, 16].

Side by side in one run, on the same spatial input (batch 32, 128 channels, 16 x 16):
* `lmht`: `LMHTNode(levels=2, T=2)` on `[2, 32, 128, 16, 16]` (total latency L·T = 4);
* `lmht_reparameterized`: its `LMHTInferenceNode`, a single-threshold IF over `[4, 32, 128, 16, 16]` (the same spikes);
* `if_4`: the core's multi-step `IFNode` at 4 steps, fused backward; `lif_4`: `LIFNode(tau=2)` at 4 steps, fused backward.
Median wall time and peak memory per case, each case in its own process (bench/_common.py).

    python bench/lmht.py [--device cpu|cuda] [--reps 9] [--out bench/results/lmht-<device>.json]
"""
import torch
from _common import parse_args, measure, neuron_step, run_child, run_info, write_json

B, C, H, W = 32, 128, 16, 16


def make(case, device):
    from snnbook.lmht import LMHTNode, LMHTInferenceNode
    from snnbook.neurons import IFNode, LIFNode
    if case == 'lmht': return LMHTNode(2, 2).to(device), 2
    if case == 'lmht_reparameterized':
        node, g = LMHTNode(2, 2), torch.Generator().manual_seed(0)
        with torch.no_grad(): node.mu.copy_(torch.randn(2, 2, generator=g)); node.alpha.copy_(torch.randn((), generator=g))
        return LMHTInferenceNode(node).to(device), 4
    if case == 'if_4': return IFNode(step_mode='m', v_reset=None).to(device), 4
    if case == 'lif_4': return LIFNode(tau=2.0, step_mode='m').to(device), 4
    raise ValueError(case)

CASES = ('lmht', 'lmht_reparameterized', 'if_4', 'lif_4')


def one_case(case, device, reps):
    torch.manual_seed(0)
    steps = make(case, device)[1]
    x = torch.randn(steps, B, C, H, W, device=device) + 0.5
    return measure(neuron_step(lambda: make(case, device)[0], x, torch.ones_like(x)), device, reps)


def main():
    a = parse_args(__doc__, one_case, reps=9)
    device = torch.device(a.device)
    results = {c: run_child(__file__, a.device, a.reps, c) for c in CASES}
    info = {'benchmark': 'lmht', 'shape': [B, C, H, W], 'dtype': 'float32', 'what': 'one neuron layer, multi-step forward + backward',
            'total_latency': 4, **run_info(a.device), 'results': results,
            'relative_time': {c: results[c]['median_s'] / results['if_4']['median_s'] for c in CASES},
            'notes': {'lmht': 'L = 2, T = 2: the T-GIM (one matrix product), the M-HT loop over 2 steps with the detached membrane',
                      'lmht_reparameterized': 'inference form (no training use): 4 IF sub-steps, the block-constant T-GIM; backward is the autograd loop',
                      'if_4': "the core's IFNode, 4 steps, soft reset, fused backward", 'lif_4': "the core's LIFNode, tau 2, 4 steps, fused backward"}}
    write_json(info, a.out, f'lmht-{device.type}.json')


if __name__ == '__main__': main()
