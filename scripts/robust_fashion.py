"""Sparse-gradient robustness on Fashion-MNIST (`snnbook.robust.robust_study`): vanilla, SR, AT and SR+AT networks
(T = 4, 28 x 28), each evaluated under uniform noise, FGSM, PGD and the four-estimator PGD ensemble at the budgets the
field uses for Fashion-MNIST. Writes every run after it finishes (a stopped run keeps what it measured).

    python scripts/robust_fashion.py [--train vanilla sr at sr+at] [--epochs 10] [--lam 0.1] [--at-eps 0.1]
                                     [--eps 0.01 0.02 0.05 0.1] [--n-test 1000] [--device cuda] [--out FILE.json]
"""
import argparse, json, platform, time
from pathlib import Path
import torch


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument('--train', nargs='+', default=['vanilla', 'sr', 'at', 'sr+at'], choices=['vanilla', 'sr', 'at', 'sr+at'])
    p.add_argument('--epochs', type=int, default=10)
    p.add_argument('--lam', type=float, default=0.1)
    p.add_argument('--at-eps', type=float, default=0.1)
    p.add_argument('--eps', type=float, nargs='+', default=[0.01, 0.02, 0.05, 0.1])
    p.add_argument('--n-test', type=int, default=1000, help='test images evaluated (the first N of the test split)')
    p.add_argument('--seed', type=int, default=0)
    p.add_argument('--data', default=None, help='the Fashion-MNIST folder (default: the places fashion_mnist_datasets searches)')
    p.add_argument('--device', default='cuda' if torch.cuda.is_available() else 'cpu')
    p.add_argument('--out', default='robust_fashion.json')
    a = p.parse_args()
    if a.epochs < 1 or a.n_test < 1: p.error('--epochs and --n-test must be at least 1')
    from snnbook.robust import robust_study
    runs, t0 = {}, time.time()
    for train in a.train:
        res, _ = robust_study('fashion-mnist', train, a.eps, a.epochs, a.seed, a.lam, a.at_eps, root=a.data, device=a.device, n_test=a.n_test)
        runs[train] = res; print(train, json.dumps({k: res[k] for k in ('clean', 'random', 'pgd', 'ensemble')}), flush=True)
        info = {'schedule': f'{a.epochs} epochs, Adam 3e-3, cosine, batch 128, T = 4; SR lambda {a.lam}, AT PGD-7 at eps {a.at_eps}',
                'n_test': a.n_test, 'device': a.device, 'torch': torch.__version__, 'machine': platform.machine(),
                'seconds': round(time.time() - t0), 'runs': runs}
        Path(a.out + '.tmp').write_text(json.dumps(info, indent=1)); Path(a.out + '.tmp').replace(a.out)


if __name__ == '__main__': main()
