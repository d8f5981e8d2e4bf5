"""Benchmark: multi-step IF and LIF, forward + backward, T = 8, input [8, 32, 128, 16, 16] float32.

Median wall time and peak memory for snnbook's neurons (fused multi-step path, and the plain autograd loop with
`fused=False`) and, side by side in the same run, SpikingJelly 2.0's `IFNode` / `LIFNode(step_mode='m')` when it is
installed (`pip install -e ".[bench]"`; on CUDA it dispatches to its fastest registered kernels). On CUDA the JSON also
holds the memory-bandwidth floor: the bytes a fused forward + backward must move at least / the measured copy bandwidth.

    python bench/neurons.py [--device cpu|cuda] [--reps 9] [--out bench/results/neurons-<device>.json]
"""
import importlib.metadata, time
import torch
from _common import parse_args, measure, neuron_step, run_child, run_info, write_json

SHAPE = (8, 32, 128, 16, 16)  # [T, B, C, H, W]


def cases():
    from snnbook.neurons import IFNode, LIFNode
    c = {'snnbook': {'IF': lambda: IFNode(step_mode='m'), 'LIF': lambda: LIFNode(tau=2.0, step_mode='m')},
         'snnbook_autograd_loop': {'IF': lambda: IFNode(step_mode='m', fused=False), 'LIF': lambda: LIFNode(tau=2.0, step_mode='m', fused=False)}}
    try:
        from spikingjelly.activation_based import neuron as sjn
        c['spikingjelly'] = {'IF': lambda: sjn.IFNode(step_mode='m'), 'LIF': lambda: sjn.LIFNode(tau=2.0, step_mode='m')}
    except ImportError: pass
    return c


def one_case(case, device, reps):
    impl, neuron = case.split(':')
    make = cases()[impl][neuron]
    torch.manual_seed(0)
    x = torch.randn(SHAPE, device=device) + 0.5
    grad = torch.ones_like(x)
    return measure(neuron_step(lambda: make().to(device), x, grad), device, reps)


def copy_bandwidth(device, nbytes=1 << 30):
    "Measured device copy bandwidth in bytes/s (read + write)."
    a = torch.empty(nbytes // 4, device=device); b = torch.empty_like(a)
    for _ in range(3): b.copy_(a)
    torch.cuda.synchronize(); t0 = time.perf_counter()
    for _ in range(10): b.copy_(a)
    torch.cuda.synchronize()
    return 2 * nbytes * 10 / (time.perf_counter() - t0)


def main():
    a = parse_args(__doc__, one_case, reps=9)
    device = torch.device(a.device)
    results = {impl: {n: run_child(__file__, a.device, a.reps, f'{impl}:{n}') for n in d} for impl, d in cases().items()}
    info = {'benchmark': 'neurons', 'shape': list(SHAPE), 'dtype': 'float32', 'what': 'multi-step forward + backward', **run_info(a.device),
            'spikingjelly': importlib.metadata.version('spikingjelly') if 'spikingjelly' in results else None,
            'input_bytes': torch.Size(SHAPE).numel() * 4, 'results': results,
            'notes': {'snnbook': 'fused multi-step path (default): hand-written BPTT that saves only h',
                      'snnbook_autograd_loop': 'the same neurons with fused=False: a Python loop of single steps under autograd'}}
    if 'spikingjelly' in results:
        info['speedup_vs_spikingjelly'] = {n: results['spikingjelly'][n]['median_s'] / results['snnbook'][n]['median_s'] for n in ('IF', 'LIF')}
    if device.type == 'cuda':
        moved = 6 * info['input_bytes']  # fwd: read x, write spikes, write h; bwd: read grad, read h, write grad_x
        bw = copy_bandwidth(device)
        info['bandwidth_floor'] = {'bytes_moved_min': moved, 'copy_bandwidth_Bps': bw, 'floor_s': moved / bw}
    write_json(info, a.out, f'neurons-{device.type}.json')


if __name__ == '__main__': main()
