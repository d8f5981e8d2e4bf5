"""Many-seed study of plain QCFS conversion, COS and SRP on the digits, at equal T (a paired comparison).

For each DigitsVGG depth and training seed: train the QCFS ANN (`train_qcfs_digits`, 20 epochs, L = 4), convert it,
and measure plain conversion, COS (rho = 4, one pass) and SRP (tau = 4) at T in {1, 2, 4, 8} on the 360 test images.
A thin command line over `snnbook.conversion_study.seed_study_report`: the JSON holds every run and, per depth and T,
the mean difference (method - plain) in test images with its standard error over seeds, and the count of seeds where
the method wins, ties or loses.

    python scripts/conversion_seeds.py [--blocks shallow medium deep] [--seeds 8] [--device cuda] [--out FILE.json]
"""
import argparse, json
import torch


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument('--blocks', nargs='+', default=['shallow', 'medium', 'deep'], choices=['shallow', 'medium', 'deep'], help='DigitsVGG depths')
    p.add_argument('--seeds', type=int, default=8, help='training seeds 0 .. N-1 per depth')
    p.add_argument('--epochs', type=int, default=20)
    p.add_argument('--device', default='cuda' if torch.cuda.is_available() else 'cpu')
    p.add_argument('--out', default='conversion_seeds.json')
    a = p.parse_args()
    if a.seeds < 1: p.error(f'--seeds must be at least 1, got {a.seeds}')
    from snnbook.conversion_study import seed_study_report
    info = seed_study_report(a.blocks, a.seeds, a.device, a.epochs)
    with open(a.out, 'w') as f: json.dump(info, f, indent=1)
    print(json.dumps(info['summary'], indent=1))


if __name__ == '__main__': main()
