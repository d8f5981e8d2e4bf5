"""Benchmark: BPTT training of a small spiking CNN, time per step and peak memory against T in {2, 4, 8, 16}.

The network is `SpikingNet(to_spiking(SmallCNN(in_channels=3, size=32, width=32)), T)` (LIF neurons, surrogate
gradients) on a [64, 3, 32, 32] batch with Adam: the baseline whose memory grows linearly in T, against which online
training (EM-PF) will be compared.

    python bench/train.py [--device cpu|cuda] [--reps 5] [--out bench/results/train-<device>.json]
"""
import torch
from torch import nn
from _common import parse_args, measure, run_child, run_info, saved_bytes_hooks, write_json

TS, BATCH = (2, 4, 8, 16), 64


def one_case(case, device, reps):
    from snnbook.models import SmallCNN, SpikingNet, to_spiking
    T = int(case)
    torch.manual_seed(0)
    net = SpikingNet(to_spiking(SmallCNN(in_channels=3, size=32, width=32)), T).to(device)
    opt = torch.optim.Adam(net.parameters(), 1e-3)
    x, y = torch.randn(BATCH, 3, 32, 32, device=device), torch.randint(0, 10, (BATCH,), device=device)
    def step():
        saved = []
        with saved_bytes_hooks(saved): loss = nn.functional.cross_entropy(net(x).mean(0), y)
        opt.zero_grad(); loss.backward(); opt.step()
        return sum(saved)
    return measure(step, device, reps)


def main():
    a = parse_args(__doc__, one_case, reps=5)
    device = torch.device(a.device)
    results = {str(T): run_child(__file__, a.device, a.reps, str(T)) for T in TS}
    info = {'benchmark': 'train', 'what': 'BPTT step (forward, backward, Adam) of SpikingNet(SmallCNN 3x32x32, width 32), LIF',
            'batch': BATCH, **run_info(a.device), 'results_by_T': results}
    write_json(info, a.out, f'train-{device.type}.json')


if __name__ == '__main__': main()
