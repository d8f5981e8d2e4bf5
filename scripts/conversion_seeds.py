"""Many-seed study of plain QCFS conversion, COS and SRP on the digits, at equal T (a paired comparison).

For each DigitsVGG depth and training seed: train the QCFS ANN (`train_qcfs_digits`, 20 epochs, L = 4), convert it,
and measure plain conversion, COS (rho = 4, one pass) and SRP (tau = 4) at T in {1, 2, 4, 8} on the 360 test images.
Every method is evaluated on the same trained network, so the differences are paired. The JSON holds every run and,
per depth and T, the mean difference (method - plain) in test images with its standard error over seeds, and the
count of seeds where the method wins, ties or loses.

    python scripts/conversion_seeds.py [--archs shallow medium deep] [--seeds 8] [--device cuda] [--out FILE.json]
"""
import argparse, json, math, platform, time
import torch


def study(archs, seeds, device, Ts=(1, 2, 4, 8), epochs=20):
    from snnbook.srp import digits_conversion
    runs = []
    for arch in archs:
        for seed in range(seeds):
            t0 = time.perf_counter()
            r = digits_conversion(Ts=Ts, epochs=epochs, seed=seed, blocks=arch, device=device)
            run = {'arch': arch, 'seed': seed, 'n_test': r['n_test'], 'ann': r['ann_accuracy'],
                   **{m: [x['accuracy'] for x in rows] for m, rows in r['methods'].items()}, 'seconds': time.perf_counter() - t0}
            runs.append(run); print(json.dumps(run), flush=True)
    return runs


def summarise(runs, Ts=(1, 2, 4, 8)):
    "Per depth, method and T: mean and standard error of (method - plain) in test images; wins/ties/losses over seeds."
    out = {}
    for arch in dict.fromkeys(r['arch'] for r in runs):
        rs = [r for r in runs if r['arch'] == arch]
        out[arch] = {}
        for m in ('cos', 'srp'):
            out[arch][m] = []
            for i, T in enumerate(Ts):
                d = [round((r[m][i] - r['qcfs'][i]) * r['n_test']) for r in rs]
                mean = sum(d) / len(d)
                se = math.sqrt(sum((x - mean) ** 2 for x in d) / (len(d) - 1) / len(d)) if len(d) > 1 else float('nan')
                out[arch][m].append({'T': T, 'mean_diff_images': mean, 'se_images': se, 'wins': sum(x > 0 for x in d),
                                     'ties': sum(x == 0 for x in d), 'losses': sum(x < 0 for x in d),
                                     'mean_plain_gap_to_ann_images': sum(round((r['ann'] - r['qcfs'][i]) * r['n_test']) for r in rs) / len(rs)})
    return out


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument('--archs', nargs='+', default=['shallow', 'medium', 'deep'], choices=['shallow', 'medium', 'deep'])
    p.add_argument('--seeds', type=int, default=8, help='training seeds 0 .. N-1 per depth')
    p.add_argument('--epochs', type=int, default=20)
    p.add_argument('--device', default='cuda' if torch.cuda.is_available() else 'cpu')
    p.add_argument('--out', default='conversion_seeds.json')
    a = p.parse_args()
    if a.seeds < 1: p.error(f'--seeds must be at least 1, got {a.seeds}')
    t0 = time.perf_counter()
    runs = study(a.archs, a.seeds, a.device, epochs=a.epochs)
    dev = torch.device(a.device)
    info = {'what': __doc__.splitlines()[0], 'device': str(dev),
            'device_name': torch.cuda.get_device_name(dev) if dev.type == 'cuda' else platform.machine(),
            'torch': torch.__version__, 'epochs': a.epochs, 'seconds': time.perf_counter() - t0,
            'summary': summarise(runs), 'runs': runs}
    with open(a.out, 'w') as f: json.dump(info, f, indent=1)
    print(json.dumps(info['summary'], indent=1))


if __name__ == '__main__': main()
