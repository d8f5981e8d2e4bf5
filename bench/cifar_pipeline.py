"""Benchmark: the paper-scale CIFAR path end to end, on a CIFAR-10 of random pixels written in the real on-disk format.

`train_qcfs_cifar` (the papers' recipe: AutoAugment + Cutout in loader workers, SGD, cosine, a checkpoint every epoch)
for a few epochs of VGG-16 or ResNet-20, then the converted SNN evaluated with plain conversion, COS and SRP
(presim = 4) at T = 1..8 on the test split. Side by side in the same run: the loader alone (one pass over the training
split with the same workers and augmentation, no model) and the training epoch, so the JSON says whether augmentation
or compute bounds an epoch. Also checks that a second call with the same checkpoint folder loads the finished run.
Labels are random, so every accuracy here is chance and means nothing; the times and the path are what is measured.

    python bench/cifar_pipeline.py [--device cuda] [--arch vgg16] [--per-file 2560] [--epochs 2] [--workers 8]
                                   [--out bench/results/cifar_pipeline-<device>.json]
"""
import argparse, json, tempfile, time
from pathlib import Path
import torch
from _common import run_info, sync, write_json


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument('--device', default='cuda' if torch.cuda.is_available() else 'cpu')
    p.add_argument('--arch', default='vgg16', choices=['vgg16', 'resnet20'])
    p.add_argument('--per-file', type=int, default=2560, help='images per CIFAR batch file (5 training files, 1 test file)')
    p.add_argument('--epochs', type=int, default=2)
    p.add_argument('--batch-size', type=int, default=128)
    p.add_argument('--workers', type=int, default=8)
    p.add_argument('--out', default=None)
    a = p.parse_args()
    from snnbook.conversion import train_qcfs_cifar, convert_qcfs, conversion_accuracy
    from snnbook.cos import COS
    from snnbook.srp import SRP
    from snnbook.fixtures import write_fake_cifar
    device = torch.device(a.device)
    with tempfile.TemporaryDirectory() as d:
        write_fake_cifar(d, 'cifar10', n=a.per_file)
        kw = dict(arch=a.arch, dataset='cifar10', epochs=a.epochs, batch_size=a.batch_size, num_workers=a.workers,
                  device=a.device, checkpoint_dir=f'{d}/run', progress=False)
        t0 = time.perf_counter()
        model, hist, (train_dl, test_dl) = train_qcfs_cifar(d, **kw)
        train_s = time.perf_counter() - t0
        t0 = time.perf_counter(); n = sum(len(x) for x, _ in train_dl); loader_s = time.perf_counter() - t0
        t0 = time.perf_counter(); again, hist2, _ = train_qcfs_cifar(d, **kw); reload_s = time.perf_counter() - t0
        same = all(torch.equal(x, y) for x, y in zip(model.state_dict().values(), again.state_dict().values()))
        snn = convert_qcfs(model).to(device)
        conv = {}
        for name, calibration in (('qcfs', None), ('cos', COS(presim=4)), ('srp', SRP(presim=4))):
            sync(device); t0 = time.perf_counter(); res = conversion_accuracy(snn, test_dl, calibration=calibration); sync(device)
            conv[name] = {'seconds': time.perf_counter() - t0, 'results': res}
    info = {'benchmark': 'cifar_pipeline', 'what': __doc__.splitlines()[0], 'arch': a.arch, **run_info(a.device),
            'train_images': len(train_dl.dataset), 'test_images': len(test_dl.dataset), 'batch_size': a.batch_size,
            'workers': a.workers, 'epochs': a.epochs,
            'epoch_seconds': [h['seconds'] for h in hist], 'train_call_seconds': train_s,
            'loader_only_pass_seconds': loader_s, 'loader_only_images_per_s': n / loader_s,
            'train_images_per_s_last_epoch': len(train_dl) * a.batch_size / hist[-1]['seconds'],
            'reload_seconds': reload_s, 'reload_identical_weights': same, 'reload_epochs_trained': len(hist2) - len(hist),
            'lambdas': [round(q.lam.item(), 4) for q in model.modules() if hasattr(q, 'lam')],
            'conversion': conv, 'note': 'random labels: accuracies are chance; epoch_seconds include the test-set evaluation'}
    write_json(info, a.out, f'cifar_pipeline-{device.type}.json')


if __name__ == '__main__': main()
