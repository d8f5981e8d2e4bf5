"""Benchmark: what the paper-scale CIFAR runs of the conversion pages cost, from measured step times.

QCFS training steps (forward, backward, SGD with momentum) of VGG-16 and ResNet-20 on a [128, 3, 32, 32] batch of
random CIFAR-shaped data, in float32 and under bf16 autocast, and inference of the converted VGG-16 SNN at T = 8 on a
[256, 3, 32, 32] batch. The JSON adds projections: one CIFAR epoch is 50000 / 128 = 390 steps, the papers' schedule
is 300 epochs, a test pass is 10000 images. Projections count the model's compute only (no data loading or
augmentation, which a real run must keep up with), so they are lower bounds on a real run's time.

    python bench/paper_scale.py [--device cpu|cuda] [--reps 5] [--out bench/results/paper_scale-<device>.json]
"""
import torch
from torch import nn
from _common import parse_args, measure, run_child, run_info, write_json

TRAIN_BATCH, TEST_BATCH, T, EPOCH_STEPS, EPOCHS, TEST_IMAGES = 128, 256, 8, 50000 // 128, 300, 10000
CASES = ('vgg16_train_fp32', 'vgg16_train_bf16', 'resnet20_train_fp32', 'resnet20_train_bf16', 'vgg16_snn_T8_infer')


def one_case(case, device, reps):
    from snnbook.conversion import to_qcfs, convert_qcfs
    from snnbook.models import VGG16, resnet20
    torch.manual_seed(0)
    arch = case.split('_')[0]
    model = to_qcfs(VGG16(10, pool='avg') if arch == 'vgg16' else resnet20(10), levels=4, clip=8.0).to(device)
    if case.endswith('infer'):
        snn = convert_qcfs(model.eval(), T=T).to(device)
        x = torch.randn(TEST_BATCH, 3, 32, 32, device=device)
        def step():
            with torch.no_grad(): snn(x)
            return 0
    else:
        bf16 = case.endswith('bf16')
        opt = torch.optim.SGD(model.parameters(), lr=0.1, momentum=0.9, weight_decay=5e-4)
        x, y = torch.randn(TRAIN_BATCH, 3, 32, 32, device=device), torch.randint(0, 10, (TRAIN_BATCH,), device=device)
        def step():
            with torch.autocast(device.type, dtype=torch.bfloat16, enabled=bf16):
                loss = nn.functional.cross_entropy(model(x), y)
            opt.zero_grad(); loss.backward(); opt.step()
            return 0
    res = measure(step, device, reps)
    res.pop('saved_for_backward_bytes')
    return res


def main():
    a = parse_args(__doc__, one_case, reps=5)
    device = torch.device(a.device)
    results = {c: run_child(__file__, a.device, a.reps, c) for c in CASES}
    for c, r in results.items():
        if c.endswith('infer'): r['test_pass_s'] = r['median_s'] * TEST_IMAGES / TEST_BATCH
        else:
            r['epoch_s'] = r['median_s'] * EPOCH_STEPS
            r['schedule_h'] = r['epoch_s'] * EPOCHS / 3600
    info = {'benchmark': 'paper_scale', 'what': 'QCFS CIFAR training steps (batch 128, SGD) and converted VGG-16 SNN inference (T = 8, batch 256)',
            **run_info(a.device), 'results': results,
            'note': f'projections: epoch = {EPOCH_STEPS} steps, schedule = {EPOCHS} epochs, test pass = {TEST_IMAGES} images; '
                    'model compute only (random data, no loader), so a real run takes at least this long'}
    write_json(info, a.out, f'paper_scale-{device.type}.json')


if __name__ == '__main__': main()
