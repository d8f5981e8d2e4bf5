"""Sparse-gradient robustness on Fashion-MNIST (`snnbook.robust.robust_study`): vanilla, SR, AT and SR+AT networks
(T = 4, 28 x 28), each evaluated under uniform noise, FGSM, PGD, the four-estimator PGD ensemble, APGD, HART and the
worst case over all of them, at budgets the field uses for Fashion-MNIST. The checkpoint is chosen on a held-out split
of the training set. Writes every run after it finishes (a stopped run keeps what it measured; --resume skips the
trainings already in --out).

    python scripts/robust_fashion.py [--train vanilla sr at sr+at] [--epochs 10] [--n-train N] [--lam 0.1] [--at-eps 0.1]
                                     [--at-steps 7] [--eps 0.02 0.05 0.1] [--pgd-steps 10] [--n-test 1000]
                                     [--device cuda] [--out FILE.json] [--resume]
"""
import argparse, json, platform, sys, time
from pathlib import Path
import torch


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument('--train', nargs='+', default=['vanilla', 'sr', 'at', 'sr+at'], choices=['vanilla', 'sr', 'at', 'sr+at'])
    p.add_argument('--epochs', type=int, default=10)
    p.add_argument('--n-train', type=int, default=None, help='training images (default: all 59,000 outside the held-out 1,000)')
    p.add_argument('--lam', type=float, default=0.1)
    p.add_argument('--at-eps', type=float, default=0.1)
    p.add_argument('--at-steps', type=int, default=7)
    p.add_argument('--eps', type=float, nargs='+', default=[0.02, 0.05, 0.1])
    p.add_argument('--pgd-steps', type=int, default=10)
    p.add_argument('--n-test', type=int, default=1000, help='test images evaluated (the first N of the test split)')
    p.add_argument('--seed', type=int, default=0)
    p.add_argument('--data', default=None, help='the Fashion-MNIST folder (default: the places fashion_mnist_datasets searches)')
    p.add_argument('--device', default='cuda' if torch.cuda.is_available() else 'cpu')
    p.add_argument('--out', default='robust_fashion.json')
    p.add_argument('--resume', action='store_true', help='keep the runs already in --out and train only the others')
    a = p.parse_args()
    if a.epochs < 1 or a.n_test < 1 or a.at_steps < 1 or a.pgd_steps < 1: p.error('--epochs, --n-test, --at-steps and --pgd-steps must be at least 1')
    if a.n_train is not None and a.n_train < 1: p.error('--n-train must be at least 1')
    from snnbook.robust import robust_study
    out = Path(a.out)
    old = json.loads(out.read_text()) if a.resume and out.exists() else {}
    runs, t0 = dict(old.get('runs', {})), time.time() - old.get('seconds', 0)
    for train in a.train:
        if train in runs: continue
        res, _ = robust_study('fashion-mnist', train, a.eps, a.epochs, a.seed, a.lam, a.at_eps, at_steps=a.at_steps, root=a.data,
                              device=a.device, n_test=a.n_test, pgd_steps=a.pgd_steps, n_train=a.n_train)
        runs[train] = res; print(train, json.dumps({k: res[k] for k in ('clean', 'random', 'ensemble', 'apgd', 'hart', 'worst')}), flush=True)
        info = {'command': 'python scripts/robust_fashion.py ' + ' '.join(sys.argv[1:]), 'schedule': f"{a.epochs} epoch(s) on {res['n_train']} images, Adam 3e-3, cosine, batch 128, T = 4; SR lambda {a.lam}, "
                            f"AT PGD-{a.at_steps} at eps {a.at_eps}; evaluation PGD-{a.pgd_steps}",
                'n_test': a.n_test, 'device': a.device, 'torch': torch.__version__, 'machine': platform.machine(),
                'threads': torch.get_num_threads(), 'seconds': round(time.time() - t0), 'runs': runs}
        tmp = out.with_name(out.name + '.tmp'); tmp.write_text(json.dumps(info, indent=1)); tmp.replace(out)


if __name__ == '__main__': main()
