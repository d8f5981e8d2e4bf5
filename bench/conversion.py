"""Benchmark: the cost of calibration in ANN-SNN conversion, against plain SNN inference, in the same run.

A CIFAR ResNet-20 with QCFS activations (untrained weights; the cost does not depend on them) is converted and run
on a [32, 3, 32, 32] batch: plain conversion for T = 8 steps, layer-wise COS (presim = 4, 1 and 2 passes) and SRP
(presim = 4) followed by T = 8 steps, each as a `CalibratedSNN` of its `Calibration`. Median wall time and peak memory
(CUDA: max allocated; CPU: peak RSS in a separate process); JSON out.

    python bench/conversion.py [--device cpu|cuda] [--reps 3] [--out bench/results/conversion-<device>.json]
"""
import torch
from _common import parse_args, measure, run_child, run_info, write_json

T, RHO, BATCH = 8, 4, 32
CASES = ('plain', 'cos_1pass', 'cos_2passes', 'srp')


def one_case(case, device, reps):
    from snnbook.conversion import to_qcfs, convert_qcfs, Calibration, CalibratedSNN
    from snnbook.cos import COS
    from snnbook.srp import SRP
    from snnbook.models import resnet20
    torch.manual_seed(0)
    snn = convert_qcfs(to_qcfs(resnet20(10)).eval()).to(device)
    x = torch.randn(BATCH, 3, 32, 32, device=device)
    calibration = {'plain': Calibration(), 'cos_1pass': COS(RHO, 1), 'cos_2passes': COS(RHO, 2), 'srp': SRP(RHO)}[case]
    model = CalibratedSNN(snn.net, calibration, T)
    def step():
        with torch.no_grad(): model(x)
        return 0
    res = measure(step, device, reps)
    res['latency_steps'] = calibration.overhead + T
    res.pop('saved_for_backward_bytes')
    return res


def main():
    a = parse_args(__doc__, one_case, reps=3)
    device = torch.device(a.device)
    results = {c: run_child(__file__, a.device, a.reps, c) for c in CASES}
    base = results['plain']['median_s']
    for c in CASES: results[c]['time_vs_plain'] = results[c]['median_s'] / base
    info = {'benchmark': 'conversion', 'what': f'QCFS ResNet-20 converted, batch {BATCH}, T = {T}, presim = {RHO}, inference',
            **run_info(a.device), 'results': results,
            'note': 'layer-wise COS runs max(T, rho) steps per layer and pre-simulates rho steps per pass on top'}
    write_json(info, a.out, f'conversion-{device.type}.json')


if __name__ == '__main__': main()
