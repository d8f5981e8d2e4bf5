"""What each UP-Diff conditioning path buys, over seeds (`snnbook.updiff.updiff_benchmark` with every variant).

Trains, per seed, the full model and the four ablations of `VARIANTS` (no tokens, no dense injection, the concatenation
alone, no change map) on the embedded benchmark with neighbourhood roofs, in the quick configuration of `snnbook updiff
--quick`, and scores them with the copy and mean-colour-fill baselines and the autoencoder's ceiling. Writes each seed's
results, the gates' final values, and the mean and spread over seeds (`seed_summary`), after every seed.

    python scripts/updiff_paths.py [--seeds 3] [--device cuda] [--out FILE.json]
"""
import argparse, json, platform, time
import torch


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument('--seeds', type=int, default=3, help='seeds 0 .. N-1')
    p.add_argument('--device', default='cuda' if torch.cuda.is_available() else 'cpu')
    p.add_argument('--out', default='updiff_paths.json')
    a = p.parse_args()
    if a.seeds < 1: p.error(f'--seeds must be at least 1, got {a.seeds}')
    from snnbook.updiff import updiff_benchmark, seed_summary, results_table, VARIANTS
    from snnbook.cli import UPDIFF_QUICK
    t0, runs = time.time(), []
    info = {'config': dict(UPDIFF_QUICK), 'variants': VARIANTS, 'device': a.device, 'torch': torch.__version__, 'threads': torch.get_num_threads(),
            'machine': platform.machine(), 'gpu': torch.cuda.get_device_name() if a.device.startswith('cuda') else None, 'runs': []}
    for seed in range(a.seeds):
        res, pipes, _ = updiff_benchmark(**UPDIFF_QUICK, seed=seed, device=a.device, variants=tuple(VARIANTS), log=lambda *m: print(*m, flush=True))
        c = pipes['full'].conditioner
        res['gates'] = {'attention': [round(torch.tanh(g).item(), 4) for g in c.gates], 'feed_forward': [round(torch.tanh(g).item(), 4) for g in c.ff_gates],
                        'dense_mean_abs_weight': [round(m.weight.abs().mean().item(), 5) for m in c.dense]}
        runs.append(res)
        info.update(runs=runs, seconds=round(time.time() - t0), summary=seed_summary(runs), table=results_table(seed_summary(runs), 2))
        with open(a.out, 'w') as f: json.dump(info, f, indent=1)  # after every seed: a stopped run keeps what it measured
        print(info['table'], flush=True)


if __name__ == '__main__': main()
