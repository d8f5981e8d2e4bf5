"""Benchmark: multi-step IF and LIF, forward + backward, T = 8, input [8, 32, 128, 16, 16] float32.

Median wall time and peak memory for snnbook's neurons and, side by side in the same run, SpikingJelly 2.0's
`IFNode` / `LIFNode(step_mode='m')` when it is installed (`pip install -e ".[bench]"`). On CUDA it also reports the
memory-bandwidth floor: the bytes a fused forward + backward must move at least, divided by the measured copy bandwidth.

    python bench/neurons.py [--device cpu|cuda] [--reps 7] [--out bench/results/neurons-<device>.json]
"""
import argparse, json, os, platform, statistics, subprocess, sys, time
from pathlib import Path
import torch

SHAPE = (8, 32, 128, 16, 16)  # [T, B, C, H, W]


def _rss_kib(field):
    for line in Path('/proc/self/status').read_text().splitlines():
        if line.startswith(field + ':'): return int(line.split()[1])
    return None


def _reset_peak(device):
    if device.type == 'cuda': torch.cuda.synchronize(); torch.cuda.reset_peak_memory_stats(); return torch.cuda.memory_allocated()
    try: Path('/proc/self/clear_refs').write_text('5')  # resets VmHWM (peak RSS) on Linux
    except OSError: return None
    return _rss_kib('VmRSS') * 1024


def _peak_since(device, base):
    if device.type == 'cuda': torch.cuda.synchronize(); return torch.cuda.max_memory_allocated() - base
    if base is None: return None
    return _rss_kib('VmHWM') * 1024 - base


def run_case(make, x, reps):
    "Median seconds and peak extra bytes of forward + backward through a fresh neuron."
    device = x.device
    times, peaks = [], []
    for i in range(reps + 1):  # the first run warms up
        node = make().to(device)
        xx = x.detach().clone().requires_grad_()
        grad = torch.ones_like(xx)
        saved = []
        base = _reset_peak(device)
        if device.type == 'cuda': torch.cuda.synchronize()
        t0 = time.perf_counter()
        with torch.autograd.graph.saved_tensors_hooks(lambda t: (saved.append(t.numel() * t.element_size()), t)[1], lambda t: t):
            y = node(xx)
        y.backward(grad)
        if device.type == 'cuda': torch.cuda.synchronize()
        dt = time.perf_counter() - t0
        peak = _peak_since(device, base)
        del y, xx, grad, node
        if i: times.append(dt); peaks.append(peak)
    return {'median_s': statistics.median(times), 'min_s': min(times), 'saved_for_backward_bytes': sum(saved),
            'peak_bytes': None if peaks[0] is None else int(statistics.median(peaks))}


def copy_bandwidth(device, nbytes=1 << 30):
    "Measured device copy bandwidth in bytes/s (read + write)."
    a = torch.empty(nbytes // 4, device=device); b = torch.empty_like(a)
    for _ in range(3): b.copy_(a)
    torch.cuda.synchronize(); t0 = time.perf_counter()
    for _ in range(10): b.copy_(a)
    torch.cuda.synchronize()
    return 2 * nbytes * 10 / (time.perf_counter() - t0)


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument('--device', default='cuda' if torch.cuda.is_available() else 'cpu')
    p.add_argument('--reps', type=int, default=7)
    p.add_argument('--out', default=None)
    p.add_argument('--case', default=None, help=argparse.SUPPRESS)
    a = p.parse_args()
    device = torch.device(a.device)
    from snnbook.neurons import IFNode, LIFNode
    cases = {'snnbook': {'IF': lambda: IFNode(step_mode='m'), 'LIF': lambda: LIFNode(tau=2.0, step_mode='m')},
             'snnbook_autograd_loop': {'IF': lambda: IFNode(step_mode='m', fused=False), 'LIF': lambda: LIFNode(tau=2.0, step_mode='m', fused=False)}}
    versions = {'torch': torch.__version__, 'snnbook': __import__('snnbook').__version__}
    try:
        import spikingjelly
        from spikingjelly.activation_based import neuron as sjn
        versions['spikingjelly'] = getattr(spikingjelly, '__version__', None) or __import__('importlib.metadata').metadata.version('spikingjelly')
        # SpikingJelly 2.0 dispatches on the input's device to its fastest registered kernel (Triton on CUDA)
        cases['spikingjelly'] = {'IF': lambda: sjn.IFNode(step_mode='m'), 'LIF': lambda: sjn.LIFNode(tau=2.0, step_mode='m')}
    except ImportError:
        versions['spikingjelly'] = None
    if a.case:  # a child process measuring one case, so that peak memory is not shared between cases
        impl, neuron = a.case.split(':')
        torch.manual_seed(0)
        x = torch.randn(SHAPE, device=device) + 0.5
        print(json.dumps(run_case(cases[impl][neuron], x, a.reps))); return

    def child(case, env=None):
        r = subprocess.run([sys.executable, __file__, '--device', a.device, '--reps', str(a.reps), '--case', case],
                           capture_output=True, text=True, check=True, env=env)
        return json.loads(r.stdout.strip().splitlines()[-1])
    results = {}
    for impl, d in cases.items():
        for neuron in d:
            res = child(f'{impl}:{neuron}')  # timing, with the default allocator
            if device.type == 'cpu':
                # memory in a second process: a fixed mmap threshold makes glibc return freed blocks to the OS, so that
                # peak RSS tracks live tensors (it also slows allocation, so these runs are not timed)
                res['peak_bytes'] = child(f'{impl}:{neuron}', {**os.environ, 'MALLOC_MMAP_THRESHOLD_': '131072'})['peak_bytes']
            results.setdefault(impl, {})[neuron] = res
    results['snnbook_autograd_loop_note'] = 'the same neurons with fused=False: a Python loop of single steps under autograd'
    if 'spikingjelly' in results:
        for n in ('IF', 'LIF'):
            results.setdefault('speedup_vs_spikingjelly', {})[n] = results['spikingjelly'][n]['median_s'] / results['snnbook'][n]['median_s']
    info = {'benchmark': 'neurons', 'shape': list(SHAPE), 'dtype': 'float32', 'what': 'multi-step forward + backward',
            'device': str(device), 'device_name': torch.cuda.get_device_name(device) if device.type == 'cuda' else platform.processor() or platform.machine(),
            'threads': torch.get_num_threads(), 'versions': versions, 'results': results,
            'peak_memory_note': 'CUDA: max_memory_allocated above the input and its gradient; CPU: peak RSS (VmHWM) above RSS before the call, '
                                'one process per case with MALLOC_MMAP_THRESHOLD_=131072. saved_for_backward_bytes: what autograd keeps between forward and backward '
                                '(counted with saved_tensors_hooks; the input and the output spikes are %d bytes each)' % (torch.Size(SHAPE).numel() * 4)}
    if device.type == 'cuda':
        n = x.numel() * 4
        moved = 6 * n  # fwd: read x, write spikes, write one saved state; bwd: read grad, read state, write grad_x
        bw = copy_bandwidth(device)
        info['bandwidth_floor'] = {'bytes_moved_min': moved, 'copy_bandwidth_Bps': bw, 'floor_s': moved / bw}
    out = Path(a.out or Path(__file__).parent / 'results' / f'neurons-{device.type}.json')
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(info, indent=2))
    print(json.dumps(info, indent=2))


if __name__ == '__main__': main()
