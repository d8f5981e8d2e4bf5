"""SpikingResformer on Fashion-MNIST over training seeds (`snnbook.spikingresformer.resformer_study`): a SpikingResformer
variant against the foundation's spiking CNN (LIF, BPTT) and SpikingJelly's tutorial CSNN, trained the same way
(AdamW, cosine, batch 128) on the same images. Writes every run and the table (mean and standard deviation over seeds)
after each seed, so a stopped run keeps what it measured.

    python scripts/resformer_fashion.py [--seeds 2] [--epochs 3] [--T 4] [--variant tiny] [--n-train 10000] [--device cuda]
                                        [--rows resformer spiking_cnn csnn] [--out FILE.json] [--resume]
"""
import argparse, json, platform, time
from pathlib import Path
import torch


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument('--seeds', type=int, default=2, help='training seeds 0 .. N-1')
    p.add_argument('--epochs', type=int, default=3)
    p.add_argument('--T', type=int, default=4)
    p.add_argument('--variant', default='tiny')
    p.add_argument('--n-train', type=int, default=None, help='a seeded subset of the 60,000 training images (default: all)')
    p.add_argument('--lr', type=float, default=2e-3)
    p.add_argument('--data', default=None, help='the Fashion-MNIST folder (default: the places fashion_mnist_datasets searches)')
    p.add_argument('--device', default='cuda' if torch.cuda.is_available() else 'cpu')
    p.add_argument('--rows', nargs='+', default=None, help='the networks to train (default: all of STUDY_ROWS)')
    p.add_argument('--out', default='resformer_fashion.json')
    p.add_argument('--resume', action='store_true', help='keep the runs already in --out and add the seeds and rows they lack')
    a = p.parse_args()
    if a.seeds < 1: p.error(f'--seeds must be at least 1, got {a.seeds}')
    from snnbook.spikingresformer import resformer_study, STUDY_ROWS, VARIANTS
    if a.variant not in VARIANTS: p.error(f'--variant must be one of {tuple(VARIANTS)}, got {a.variant}')
    wanted = tuple(a.rows or STUDY_ROWS)
    if any(r not in STUDY_ROWS for r in wanted): p.error(f'--rows must be among {STUDY_ROWS}, got {a.rows}')
    runs, t0, spent = [], time.time(), 0
    if a.resume and Path(a.out).exists():
        old = json.loads(Path(a.out).read_text())
        if (old['T'], old['variant'], old['epochs'], old['n_train']) != (a.T, a.variant, a.epochs, old['runs'][0]['n_train'] if a.n_train is None else a.n_train):
            p.error(f'--resume: {a.out} holds another configuration')
        runs, spent = old['runs'], old['seconds']
    for seed in range(a.seeds):
        run = next((r for r in runs if r['seed'] == seed), None)
        todo = tuple(k for k in wanted if run is None or k not in run['rows'])
        if not todo: continue
        new = resformer_study(a.variant, a.T, a.epochs, seed, 'fashion-mnist', a.data, a.device, lr=a.lr, rows=todo, n_train=a.n_train)
        if run is None: runs.append(new)
        else: run['rows'].update(new['rows'])
        print(seed, json.dumps({k: r['accuracy'] for k, r in new['rows'].items()}), flush=True)
        everywhere = [k for k in STUDY_ROWS if all(k in r['rows'] for r in runs)]
        col = lambda k, m: torch.tensor([r['rows'][k][m] for r in runs], dtype=torch.float64)
        table = {k: {m: {'mean': col(k, m).mean().item(), 'sd': col(k, m).std().item() if len(runs) > 1 else None}
                     for m in ('accuracy', 'seconds_per_epoch', 'sops', 'macs', 'energy_mj')} | {'parameters': runs[0]['rows'][k]['parameters']}
                 for k in everywhere}
        info = {'schedule': f'{a.epochs} epochs, AdamW {a.lr:g} (weight decay 0.01), cosine, batch 128', 'variant': a.variant, 'T': a.T,
                'epochs': a.epochs, 'n_train': runs[0]['n_train'], 'seeds': len(runs), 'device': a.device, 'torch': torch.__version__,
                'threads': torch.get_num_threads(), 'machine': platform.machine(), 'seconds': round(spent + time.time() - t0),
                'runs': runs, 'table': table, 'reference': "SpikingJelly's tutorial CSNN: 93.3 % at T = 4 (best of 64 epochs)"}
        Path(a.out + '.tmp').write_text(json.dumps(info, indent=1)); Path(a.out + '.tmp').replace(a.out)
        print(json.dumps(info['table'], indent=1))


if __name__ == '__main__': main()
