"""Direct training of the Fashion-MNIST CSNN and its ANN twin over seeds (`snnbook.train.train_fashion_twins`).

The recipe of SpikingJelly's Fashion-MNIST tutorial (T = 4, 128 channels, SGD lr 0.1 momentum 0.9, cosine, batch 128,
one-hot MSE on the firing rate); the number of epochs and of training images are options, so that a CPU can run a
short schedule. First, the probe that shows why the ANN twin has a linear read-out (`relu_readout_probe`). Writes
each seed's results and histories, and the mean and spread over seeds (`fashion_twins_table`).

    python scripts/fashion_direct.py [--seeds 3] [--epochs 64] [--n-train N] [--data DIR] [--device cuda] [--out FILE.json]
"""
import argparse, json, platform, time
import torch


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument('--seeds', type=int, default=3, help='training seeds 0 .. N-1')
    p.add_argument('--epochs', type=int, default=64)
    p.add_argument('--n-train', type=int, default=None, help='the first N training images (default: all 60,000)')
    p.add_argument('--data', default=None, help='the Fashion-MNIST folder (default: the places fashion_mnist_datasets searches)')
    p.add_argument('--device', default='cuda' if torch.cuda.is_available() else 'cpu')
    p.add_argument('--mixed-precision', default='no', choices=('no', 'fp16', 'bf16'))
    p.add_argument('--out', default='fashion_direct.json')
    a = p.parse_args()
    if a.seeds < 1: p.error(f'--seeds must be at least 1, got {a.seeds}')
    from snnbook.train import train_fashion_twins, fashion_twins_table, relu_readout_probe
    t0 = time.time()
    info = {'schedule': f"{a.epochs} epochs on {a.n_train or 60000} training images, batch 128, SGD lr 0.1 momentum 0.9, cosine per batch",
            'seeds': a.seeds, 'device': a.device, 'torch': torch.__version__, 'threads': torch.get_num_threads(), 'machine': platform.machine(),
            'gpu': torch.cuda.get_device_name() if a.device.startswith('cuda') else None, 'relu_readout_probe': relu_readout_probe(root=a.data), 'runs': []}
    for seed in range(a.seeds):
        res, hists = train_fashion_twins(a.epochs, n_train=a.n_train, root=a.data, seed=seed, device=a.device, mixed_precision=a.mixed_precision)
        info['runs'].append({**res, 'history': {k: [{kk: v for kk, v in r.items() if kk != 'valid_accuracy_per_t'} for r in h] for k, h in hists.items()}})
        info.update(seconds=round(time.time() - t0), table=fashion_twins_table(info['runs']))
        print(json.dumps({k: res[k]['test_accuracy'] for k in ('ann', 'snn')} | {'seed': seed, 'seconds': info['seconds']}), flush=True)
        with open(a.out, 'w') as f: json.dump(info, f, indent=1)  # after every seed: a stopped run keeps what it measured
    print(json.dumps(info['table'], indent=1))


if __name__ == '__main__': main()
