"""Plain QCFS conversion, COS and SRP on Fashion-MNIST over training seeds (`snnbook.conversion_study.fashion_run`).

Per seed: train the shallow DigitsVGG QCFS network (L = 4) on the 60,000 training images, convert it, and measure plain
conversion, COS (rho = 4, one pass) and SRP (tau = 4) at each T, with plain conversion also at the latencies and causal
latencies the calibrations reach. Writes every run and the per-T table (mean and standard deviation over seeds).

    python scripts/fashion_conversion.py [--seeds 3] [--epochs 2] [--n-test 2000] [--device cuda] [--out FILE.json]
"""
import argparse, json, platform, time
import torch


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument('--seeds', type=int, default=3, help='training seeds 0 .. N-1')
    p.add_argument('--epochs', type=int, default=2)
    p.add_argument('--n-test', type=int, default=None, help='the first N test images (default: all 10,000)')
    p.add_argument('--data', default=None, help='the Fashion-MNIST folder (default: the places fashion_mnist_datasets searches)')
    p.add_argument('--device', default='cuda' if torch.cuda.is_available() else 'cpu')
    p.add_argument('--out', default='fashion_conversion.json')
    a = p.parse_args()
    if a.seeds < 1: p.error(f'--seeds must be at least 1, got {a.seeds}')
    from snnbook.conversion_study import fashion_run, fashion_table
    runs, t0 = [], time.time()
    for seed in range(a.seeds):
        runs.append(fashion_run(seed, a.epochs, n_test=a.n_test, root=a.data, device=a.device))
        print(json.dumps({k: v for k, v in runs[-1].items() if k != 'plain'}), flush=True)
        info = {'schedule': f'{a.epochs} epochs (SGD lr 0.05, momentum 0.9, cosine), batch 128', 'seeds': a.seeds,
                'n_test': runs[-1]['n_test'], 'device': a.device, 'torch': torch.__version__, 'threads': torch.get_num_threads(),
                'machine': platform.machine(), 'seconds': round(time.time() - t0), 'runs': runs, 'table': fashion_table(runs)}
        with open(a.out, 'w') as f: json.dump(info, f, indent=1)  # after every seed: a stopped run keeps what it measured
    print(json.dumps(info['table'], indent=1))


if __name__ == '__main__': main()
