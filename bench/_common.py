"""Shared measuring helpers for the benchmarks: peak memory on CPU and CUDA, one child process per case, run info."""
import argparse, json, os, platform, statistics, subprocess, sys, time
from pathlib import Path
import torch

MEMORY_NOTE = ('CUDA: torch.cuda.max_memory_allocated above what was allocated before the measured call; CPU: peak RSS (VmHWM) '
               'above RSS before the call, in a separate process per case with MALLOC_MMAP_THRESHOLD_=131072 so that freed '
               'blocks return to the OS. saved_for_backward_bytes: what autograd keeps between forward and backward '
               '(counted with saved_tensors_hooks).')


def _rss_kib(field):
    for line in Path('/proc/self/status').read_text().splitlines():
        if line.startswith(field + ':'): return int(line.split()[1])
    return None


def reset_peak(device):
    "Start a peak-memory window; returns the baseline in bytes (None where it cannot be measured)."
    if device.type == 'cuda': torch.cuda.synchronize(); torch.cuda.reset_peak_memory_stats(); return torch.cuda.memory_allocated()
    try: Path('/proc/self/clear_refs').write_text('5')  # resets VmHWM (peak RSS) on Linux
    except OSError: return None
    return _rss_kib('VmRSS') * 1024


def peak_since(device, base):
    "Peak bytes above `base` since `reset_peak`."
    if device.type == 'cuda': torch.cuda.synchronize(); return torch.cuda.max_memory_allocated() - base
    if base is None: return None
    return _rss_kib('VmHWM') * 1024 - base


def sync(device):
    if device.type == 'cuda': torch.cuda.synchronize()


def saved_bytes_hooks(counter: list):
    "A context manager that adds the bytes of every tensor saved for backward to `counter`."
    return torch.autograd.graph.saved_tensors_hooks(lambda t: (counter.append(t.numel() * t.element_size()), t)[1], lambda t: t)


def neuron_step(make, x, grad):
    "A `measure` step: a fresh module from `make()`, forward on a leaf copy of `x` (counting what autograd saves), backward with `grad`."
    def step():
        node = make()
        xx = x.detach().clone().requires_grad_()
        saved = []
        with saved_bytes_hooks(saved): y = node(xx)
        y.backward(grad)
        return sum(saved)
    return step


def measure(step, device, reps):
    "Run `step()` (which returns the saved-bytes count of its forward) reps+1 times; median/min seconds and peak bytes."
    times, peaks, saved = [], [], 0
    for i in range(reps + 1):  # the first run warms up
        base = reset_peak(device); sync(device)
        t0 = time.perf_counter()
        saved = step()
        sync(device)
        dt = time.perf_counter() - t0
        peak = peak_since(device, base)
        if i: times.append(dt); peaks.append(peak)
    return {'median_s': statistics.median(times), 'min_s': min(times), 'saved_for_backward_bytes': saved,
            'peak_bytes': None if peaks[0] is None else int(statistics.median(peaks))}


def run_child(script, device, reps, case, memory=True):
    "Measure one case in a fresh process for timing and (on CPU, unless `memory=False`) in another for memory; returns the merged result."
    def child(env=None):
        r = subprocess.run([sys.executable, script, '--device', device, '--reps', str(reps), '--case', case],
                           capture_output=True, text=True, env=env)
        if r.returncode: raise RuntimeError(f"benchmark case {case} failed:\n{r.stderr[-2000:]}")
        return json.loads(r.stdout.strip().splitlines()[-1])
    res = child()
    if device == 'cpu' and memory: res['peak_bytes'] = child({**os.environ, 'MALLOC_MMAP_THRESHOLD_': '131072'})['peak_bytes']
    return res


def run_info(device):
    d = torch.device(device)
    return {'device': str(d), 'device_name': torch.cuda.get_device_name(d) if d.type == 'cuda' else (platform.processor() or platform.machine()),
            'threads': torch.get_num_threads(), 'torch': torch.__version__, 'snnbook': __import__('snnbook').__version__,
            'python': platform.python_version(), 'peak_memory_note': MEMORY_NOTE}


def write_json(info, out, default_name):
    out = Path(out or Path(__file__).parent / 'results' / default_name)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(info, indent=2))
    print(json.dumps(info, indent=2))


def parse_args(doc, one_case, reps):
    "The benchmarks' command line; a `--case` call measures one case in this (child) process, prints it and exits."
    p = argparse.ArgumentParser(description=doc, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument('--device', default='cuda' if torch.cuda.is_available() else 'cpu')
    p.add_argument('--reps', type=int, default=reps)
    p.add_argument('--out', default=None)
    p.add_argument('--case', default=None, help=argparse.SUPPRESS)
    a = p.parse_args()
    if a.case:
        print(json.dumps(one_case(a.case, torch.device(a.device), a.reps))); sys.exit(0)
    return a
