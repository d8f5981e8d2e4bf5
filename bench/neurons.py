"""Benchmark: multi-step IF and LIF, forward + backward, T = 8, input [8, 32, 128, 16, 16] float32, and a whole BPTT
training step of two spiking networks with each neuron backend.

Neurons, median wall time and peak memory, each case in its own process, side by side in the same run:
* `snnbook`: the default (`backend='auto'`: the Triton kernel on CUDA, the fused torch path on the CPU);
* `snnbook_torch` (CUDA only): the fused torch path, forced; `snnbook_autograd_loop`: `fused=False`, a Python loop of
  single steps under autograd; `torch_compile_loop`: that loop under `torch.compile` (inductor);
* `spikingjelly`: SpikingJelly 2.0's `IFNode` / `LIFNode(step_mode='m')`, whatever it dispatches to on the device,
  when it is installed (`pip install -e ".[bench]"`).
The floor: the bytes a fused forward + backward must move (read x, write spikes and h; read the spike gradient and h,
write the input gradient: six passes of the input) at a copy bandwidth measured on the same device with tensors far
larger than the last-level cache. Goals, as ratios: the best snnbook time over SpikingJelly's and over the floor.

Training step (forward, cross-entropy, backward, SGD step; batch 32 of 32 x 32 images, T = 4): the spiking ResNet-20
(`lif_network(resnet20)`) and the tiny SpikingResformer, with `set_backend(model, b)` for each backend the device has.

    python bench/neurons.py [--device cpu|cuda] [--reps 9] [--out bench/results/neurons-<device>.json]
"""
import importlib.metadata, time
from pathlib import Path
import torch
from _common import parse_args, measure, neuron_step, run_child, run_info, sync, write_json

SHAPE = (8, 32, 128, 16, 16)  # [T, B, C, H, W]
NEURONS = {'IF': lambda **k: __import__('snnbook.neurons').neurons.IFNode(step_mode='m', **k),
           'LIF': lambda **k: __import__('snnbook.neurons').neurons.LIFNode(tau=2.0, step_mode='m', **k)}


def _compiled(make):
    "One compiled module, reset before each use (a fresh module per call would compile again)."
    node = make(fused=False, check_input=False); fn = torch.compile(node)
    def get(): node.reset(); return fn
    return get


def neuron_cases(device):
    c = {'snnbook': {n: (lambda m=m: m()) for n, m in NEURONS.items()},
         'snnbook_autograd_loop': {n: (lambda m=m: m(fused=False)) for n, m in NEURONS.items()},
         'torch_compile_loop': {n: ('compiled', m) for n, m in NEURONS.items()}}
    if device.type == 'cuda': c['snnbook_torch'] = {n: (lambda m=m: m(backend='torch')) for n, m in NEURONS.items()}
    try:
        from spikingjelly.activation_based import neuron as sjn
        c['spikingjelly'] = {'IF': lambda: sjn.IFNode(step_mode='m'), 'LIF': lambda: sjn.LIFNode(tau=2.0, step_mode='m')}
    except ImportError: pass
    return c


def train_backends(device): return ('torch', 'triton') if device.type == 'cuda' else ('torch',)


def _net(name, T):
    from snnbook.models import resnet20
    from snnbook.empf import lif_network
    from snnbook.spikingresformer import spikingresformer
    return (lif_network(resnet20(10), T), True) if name == 'sresnet20' else (spikingresformer('tiny', 10, T), False)


def one_case(case, device, reps):
    kind, *rest = case.split(':')
    torch.manual_seed(0)
    if kind == 'neuron':
        impl, neuron = rest
        make = neuron_cases(device)[impl][neuron]
        if isinstance(make, tuple): make = _compiled(make[1])
        x = torch.randn(SHAPE, device=device) + 0.5
        return measure(neuron_step(make, x, torch.ones_like(x)), device, reps)
    from snnbook.neurons import set_backend
    name, backend, loop = rest
    model, time_major = _net(name, 4)
    set_backend(model, backend)
    if loop == 'loop':
        for m in model.modules():
            if hasattr(m, 'fused'): m.fused = False
    model = model.to(device)
    x, y = torch.randn(32, 3, 32, 32, device=device), torch.randint(0, 10, (32,), device=device)
    opt = torch.optim.SGD(model.parameters(), 0.01)
    def step():
        out = model(x); loss = torch.nn.functional.cross_entropy(out.mean(0) if time_major else out, y)
        opt.zero_grad(); loss.backward(); opt.step(); return 0
    return measure(step, device, reps)


def copy_bandwidth(device, nbytes):
    "Copy bandwidth in bytes/s (read + write) with tensors of `nbytes` each (far beyond the last-level cache)."
    a = torch.ones(nbytes // 4, device=device); b = torch.empty_like(a)
    for _ in range(2): b.copy_(a)
    sync(device); t0 = time.perf_counter()
    for _ in range(5): b.copy_(a)
    sync(device)
    return 2 * nbytes * 5 / (time.perf_counter() - t0)


def last_level_cache_bytes():
    sizes = [p.read_text().strip() for p in Path('/sys/devices/system/cpu/cpu0/cache').glob('index*/size')]
    units = {'K': 1 << 10, 'M': 1 << 20}
    return max((int(s[:-1]) * units.get(s[-1], 1) for s in sizes if s), default=None)


def main():
    a = parse_args(__doc__, one_case, reps=9)
    device = torch.device(a.device)
    # the compiled loop takes minutes to compile on a small CPU: its peak memory (RSS, in a second process) is not measured there
    results = {impl: {n: run_child(__file__, a.device, a.reps, f'neuron:{impl}:{n}', memory=impl != 'torch_compile_loop') for n in d}
               for impl, d in neuron_cases(device).items()}
    llc = last_level_cache_bytes() if device.type == 'cpu' else None
    nbytes = max(1 << 28, 16 * (llc or 0))
    bw, moved = copy_bandwidth(device, nbytes), 6 * torch.Size(SHAPE).numel() * 4
    floor = moved / bw
    ours = [k for k in results if k.startswith('snnbook') and k != 'snnbook_autograd_loop']
    best = {n: min(results[k][n]['median_s'] for k in ours) for n in NEURONS}
    goals = {n: {'best_snnbook_s': best[n], 'over_floor': best[n] / floor} for n in NEURONS}
    if 'spikingjelly' in results:
        for n in NEURONS: goals[n]['over_spikingjelly'] = best[n] / results['spikingjelly'][n]['median_s']
    if device.type == 'cuda':
        for n in NEURONS: goals[n]['bandwidth_share'] = floor / best[n]
    training = {f'{m}:{b}': run_child(__file__, a.device, max(3, a.reps // 3), f'train:{m}:{b}:fused') for m in ('sresnet20', 'resformer_tiny')
                for b in train_backends(device)}
    training |= {f'{m}:autograd_loop': run_child(__file__, a.device, max(3, a.reps // 3), f'train:{m}:torch:loop') for m in ('sresnet20', 'resformer_tiny')}
    info = {'benchmark': 'neurons', 'shape': list(SHAPE), 'dtype': 'float32', 'what': 'multi-step forward + backward', **run_info(a.device),
            'spikingjelly': importlib.metadata.version('spikingjelly') if 'spikingjelly' in results else None,
            'input_bytes': torch.Size(SHAPE).numel() * 4, 'results': results,
            'bandwidth_floor': {'bytes_moved_min': moved, 'copy_bandwidth_Bps': bw, 'copy_tensor_bytes': nbytes, 'last_level_cache_bytes': llc,
                                'floor_s': floor},
            'goals': goals, 'training_step': training,
            'notes': {'snnbook': "backend='auto': the Triton kernel on CUDA, the fused torch path (hand-written BPTT that saves only h) on the CPU",
                      'snnbook_torch': "the fused torch path forced with backend='torch'",
                      'snnbook_autograd_loop': 'the same neurons with fused=False: a Python loop of single steps under autograd',
                      'torch_compile_loop': 'the autograd loop under torch.compile (inductor), compiled once, its compile time excluded',
                      'training_step': 'batch 32, 32 x 32, T = 4, SGD; keys model:backend (autograd_loop: fused=False everywhere)'}}
    write_json(info, a.out, f'neurons-{device.type}.json')


if __name__ == '__main__': main()
