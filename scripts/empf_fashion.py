"""EM-PF on Fashion-MNIST over training seeds (`snnbook.empf.empf_study`): EM-PF trained online (binary or ternary
weights), the same network with float weights trained with BPTT, the LIF network (BPTT) and SLTT (online LIF), on the
60,000 training and 10,000 test images. Writes every run and the table (mean and standard deviation over seeds) after
each seed.

    python scripts/empf_fashion.py [--seeds 3] [--epochs 1] [--T 4] [--weights binary] [--backprop random] [--device cuda] [--out FILE.json]
                                   [--rows empf_online ottt_online ...] [--resume]

--resume keeps the runs already in --out (same T, weights, back-propagation and epochs) and trains only the seeds and
rows they lack.
"""
import argparse, json, platform, time
from pathlib import Path
import torch


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument('--seeds', type=int, default=3, help='training seeds 0 .. N-1')
    p.add_argument('--epochs', type=int, default=1)
    p.add_argument('--T', type=int, default=4)
    p.add_argument('--weights', choices=['binary', 'ternary', 'float'], default='binary')
    p.add_argument('--backprop', choices=['random', 'every-step'], default='random')
    p.add_argument('--data', default=None, help='the Fashion-MNIST folder (default: the places fashion_mnist_datasets searches)')
    p.add_argument('--device', default='cuda' if torch.cuda.is_available() else 'cpu')
    p.add_argument('--out', default='empf_fashion.json')
    p.add_argument('--rows', nargs='+', default=None, help='the networks to train (default: all of snnbook.empf.STUDY_ROWS)')
    p.add_argument('--resume', action='store_true', help='keep the runs already in --out and add the seeds and rows they lack')
    a = p.parse_args()
    if a.seeds < 1: p.error(f'--seeds must be at least 1, got {a.seeds}')
    from snnbook.empf import empf_study, STUDY_ROWS
    wanted = tuple(a.rows or STUDY_ROWS)
    if any(r not in STUDY_ROWS for r in wanted): p.error(f'--rows must be among {STUDY_ROWS}, got {a.rows}')
    runs, t0, spent = [], time.time(), 0
    if a.resume and Path(a.out).exists():
        old = json.loads(Path(a.out).read_text())
        if (old['T'], old['weights'], old['backprop'], old['runs'][0]['epochs']) != (a.T, a.weights, a.backprop, a.epochs):
            p.error(f'--resume: {a.out} holds T={old["T"]}, {old["weights"]}, {old["backprop"]}, {old["runs"][0]["epochs"]} epochs; asked for another configuration')
        runs, spent = old['runs'], old['seconds']
    for seed in range(a.seeds):
        run = next((r for r in runs if r['seed'] == seed), None)
        todo = tuple(k for k in wanted if run is None or k not in run['rows'])
        if not todo: continue
        new = empf_study(a.T, a.epochs, a.weights, a.backprop, seed, 'fashion-mnist', a.data, a.device, rows=todo)
        if run is None: runs.append(new)
        else: run['rows'].update(new['rows'])
        print(seed, json.dumps({k: r['accuracy'] for k, r in new['rows'].items()}), flush=True)
        everywhere = [k for k in STUDY_ROWS if all(k in r['rows'] for r in runs)]
        col = lambda k, m: torch.tensor([r['rows'][k][m] for r in runs], dtype=torch.float64)
        table = {k: {m: {'mean': col(k, m).mean().item(), 'sd': col(k, m).std().item() if len(runs) > 1 else None}
                     for m in ('accuracy', 'seconds_per_epoch', 'sops', 'energy_mj')} | {'model_memory_mb': runs[0]['rows'][k]['model_memory_mb']}
                 for k in everywhere}
        info = {'schedule': f'{a.epochs} epochs, Adam 3e-3, cosine, batch 128; DigitsVGG at 28 x 28', 'T': a.T, 'weights': a.weights,
                'backprop': a.backprop, 'seeds': len(runs), 'device': a.device, 'torch': torch.__version__, 'threads': torch.get_num_threads(),
                'machine': platform.machine(), 'seconds': round(spent + time.time() - t0), 'runs': runs, 'table': table,
                'reference': "SpikingJelly's tutorial CSNN: 93.3 % at T = 4 (best of 64 epochs)"}
        Path(a.out + '.tmp').write_text(json.dumps(info, indent=1)); Path(a.out + '.tmp').replace(a.out)  # after every seed, whole: a stopped run keeps what it measured
        print(json.dumps(info['table'], indent=1))


if __name__ == '__main__': main()
