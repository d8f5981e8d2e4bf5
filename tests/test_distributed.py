"""Two CPU processes (torchrun, gloo) end with the parameters of one process on the same global batches."""
import os, subprocess, sys
from pathlib import Path
import torch
from safetensors.torch import load_file

HERE = Path(__file__).parent


def test_two_processes_match_one(tmp_path):
    env = {**os.environ, 'OMP_NUM_THREADS': '1'}
    one, two = tmp_path / 'one.safetensors', tmp_path / 'two.safetensors'
    r1 = subprocess.run([sys.executable, str(HERE / 'dist_fit_script.py'), str(one)], capture_output=True, text=True, env=env, timeout=300)
    assert r1.returncode == 0, r1.stderr[-3000:]
    assert 'processes=1' in r1.stdout
    r2 = subprocess.run([sys.executable, '-m', 'torch.distributed.run', '--nproc_per_node', '2', '--master_port', '29517',
                         str(HERE / 'dist_fit_script.py'), str(two)], capture_output=True, text=True, env=env, timeout=300)
    assert r2.returncode == 0, r2.stderr[-3000:]
    assert 'processes=2' in r2.stdout, r2.stdout
    assert 'MULTI_CPU' in r2.stdout, r2.stdout
    a, b = load_file(one), load_file(two)
    assert a.keys() == b.keys()
    for k in a:
        torch.testing.assert_close(a[k], b[k], rtol=1e-5, atol=1e-6)
    # the runs really trained: the weights moved from their initial values
    torch.manual_seed(1)
    init = torch.nn.Sequential(torch.nn.Linear(20, 32), torch.nn.ReLU(), torch.nn.Linear(32, 4)).state_dict()
    moved = max((a[k] - init[k]).abs().max().item() for k in a)
    assert moved > 1e-3, moved
