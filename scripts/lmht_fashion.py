"""LM-HT on Fashion-MNIST over training seeds (`snnbook.lmht.lmht_study`): LM-HT (L, T), its reparameterization, the LIF
network and QCFS conversion at the total latency L·T, and the hybrid start, on the 60,000 training and 10,000 test images.
Writes every run and the table (mean and standard deviation over seeds) after each seed.

    python scripts/lmht_fashion.py [--seeds 3] [--epochs 2] [--hybrid-epochs 1] [--device cuda] [--out FILE.json]
"""
import argparse, json, platform, time
import torch


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument('--seeds', type=int, default=3, help='training seeds 0 .. N-1')
    p.add_argument('--epochs', type=int, default=2)
    p.add_argument('--hybrid-epochs', type=int, default=1)
    p.add_argument('--levels', type=int, default=2)
    p.add_argument('--T', type=int, default=2)
    p.add_argument('--data', default=None, help='the Fashion-MNIST folder (default: the places fashion_mnist_datasets searches)')
    p.add_argument('--device', default='cuda' if torch.cuda.is_available() else 'cpu')
    p.add_argument('--out', default='lmht_fashion.json')
    a = p.parse_args()
    if a.seeds < 1: p.error(f'--seeds must be at least 1, got {a.seeds}')
    from snnbook.lmht import lmht_study
    runs, t0 = [], time.time()
    for seed in range(a.seeds):
        runs.append(lmht_study(a.levels, a.T, a.epochs, a.hybrid_epochs, seed, 'fashion-mnist', a.data, a.device))
        print(json.dumps({k: r['accuracy'] for k, r in runs[-1]['rows'].items()}), flush=True)
        acc = lambda k: torch.tensor([r['rows'][k]['accuracy'] for r in runs], dtype=torch.float64)
        table = {k: {'mean': acc(k).mean().item(), 'sd': acc(k).std().item() if len(runs) > 1 else None} for k in runs[0]['rows']}
        info = {'schedule': f'{a.epochs} epochs (Adam 3e-3, cosine) for LM-HT and LIF, {a.epochs} epochs of the QCFS ANN (SGD 0.05, cosine), '
                            f'{a.hybrid_epochs} hybrid fine-tuning epochs (Adam 3e-4); batch 128', 'levels': a.levels, 'T': a.T, 'seeds': a.seeds,
                'device': a.device, 'torch': torch.__version__, 'threads': torch.get_num_threads(), 'machine': platform.machine(),
                'seconds': round(time.time() - t0), 'runs': runs, 'table': table,
                'reference': "SpikingJelly's tutorial CSNN: 93.3 % at T = 4 (best of 64 epochs)"}
        with open(a.out, 'w') as f: json.dump(info, f, indent=1)  # after every seed: a stopped run keeps what it measured
    print(json.dumps(info['table'], indent=1))


if __name__ == '__main__': main()
