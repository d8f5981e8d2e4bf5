"""The bad-input sweep: every exported function and class of every snnbook module, called with valid arguments except
one, which takes a bad value from a table per kind of argument.

A bad value must be refused by an error of a clear type (ValueError, TypeError, FileNotFoundError, NotADirectoryError,
FileExistsError, KeyError) whose message names the argument (or, for a path, holds the path), or flagged by a warning
that names it. Where the rule on the checks page decides to *cast* (integer or bool tensors), the call must give
exactly the result of the same values as floats (elsewhere an integer tensor may be refused, or accepted when the
result equals the float input's); a NaN may be refused or come out in the result, never be swallowed. Anything else
fails: a bad value accepted silently, a raw error from
deep inside (RuntimeError, AttributeError, ZeroDivisionError, ...), or an error that does not say what was wrong.

Every public callable is either swept here (a valid call in `CALLS`) or listed in `NOT_SWEPT` with the reason, so a
new method's functions must join one of the two (`test_every_public_callable_is_accounted_for`).
"""
from __future__ import annotations
import importlib, inspect, math, os, pkgutil, re, warnings
from pathlib import Path
import pytest, torch, torch.nn as nn
import snnbook

MODULES = sorted(m.name for m in pkgutil.iter_modules(snnbook.__path__) if not m.name.startswith('_'))
CLEAR_ERRORS = (ValueError, TypeError, FileNotFoundError, NotADirectoryError, FileExistsError, KeyError)


def public_callables() -> dict:
    "'module.Name' -> object, for every function and class a module exports (re-exports are counted where defined)."
    out = {}
    for m in MODULES:
        mod = importlib.import_module(f'snnbook.{m}')
        for name in getattr(mod, '__all__', []):
            obj = getattr(mod, name)
            if (inspect.isfunction(obj) or inspect.isclass(obj)) and obj.__module__ == mod.__name__: out[f'{m}.{name}'] = obj
    return out

# ---------------------------------------------------------------------------------------------------------------
# valid calls: 'module.Name' -> a function of the temporary folder that returns (callable, kwargs).
# Integer-valued float tensors, so that the cast check (int tensor vs float tensor) compares like with like.
def _ints(*shape, high=3, seed=0): return torch.randint(0, high, shape, generator=torch.Generator().manual_seed(seed)).float()
def _rand(*shape, seed=0): return torch.rand(shape, generator=torch.Generator().manual_seed(seed))

def _mlp(): return nn.Sequential(nn.Flatten(), nn.Linear(4, 5), nn.ReLU(), nn.Linear(5, 3))
def _qcfs():
    from snnbook.conversion import to_qcfs
    torch.manual_seed(0); return to_qcfs(_mlp(), levels=4)
def _snn():
    from snnbook.conversion import convert_qcfs
    return convert_qcfs(_qcfs(), T=4)
def _loader(n=6):
    ds = torch.utils.data.TensorDataset(_ints(n, 4), torch.arange(n) % 3)
    return torch.utils.data.DataLoader(ds, batch_size=3)
def _fmnist(tmp):
    from snnbook.fixtures import write_fake_fashion_mnist
    return write_fake_fashion_mnist(tmp / 'fmnist', n_train=20, n_test=10)


def _cifar(tmp):
    from snnbook.fixtures import write_fake_cifar
    write_fake_cifar(tmp / 'c'); return tmp / 'c'
def _ifnode_m(**kw):
    from snnbook.neurons import IFNode
    return IFNode(step_mode='m', **kw)
def _lifnode_m(**kw):
    from snnbook.neurons import LIFNode
    return LIFNode(step_mode='m', v_threshold=1.5, **kw)
def _pixnet():
    from snnbook.robust import PixelNet
    torch.manual_seed(0); return PixelNet(_mlp())
def _rnet():
    from snnbook.robust import robust_network
    torch.manual_seed(0); return robust_network(8, 2)
def _interpreted(fn):
    "`fn` with TRITON_INTERPRET=1 for the call (the Triton kernels on CPU tensors, through the interpreter)."
    def call(**kw):
        before = os.environ.get('TRITON_INTERPRET'); os.environ['TRITON_INTERPRET'] = '1'
        try: return fn(**kw)
        finally:
            if before is None: os.environ.pop('TRITON_INTERPRET')
            else: os.environ['TRITON_INTERPRET'] = before
    return call

def _forward(make):
    "A module's forward as a callable with keyword arguments (a fresh module per call: neurons keep state)."
    def call(**kw):
        x = kw.pop('x'); return make(**kw)(x)
    return call

def _pipe():
    from snnbook.updiff import build_updiff, UPDiffPipeline
    from diffusers import DDPMScheduler
    parts = build_updiff(32, 4, 'full')
    return UPDiffPipeline(parts['vae'], parts['unet'], parts['conditioner'], DDPMScheduler(num_train_timesteps=10))

def _resformer():
    from snnbook.spikingresformer import spikingresformer
    torch.manual_seed(0); return spikingresformer('tiny', num_classes=3, T=2, in_channels=1)
def _resformer_ref(tmp):
    "A reference-layout checkpoint file: our tiny model's weights under the reference's names (the inverse of reference_keys)."
    tmp.mkdir(parents=True, exist_ok=True); path = tmp / 'ref.pth'
    if not path.exists():
        torch.save({'model': _ref_state(_resformer().state_dict())}, path)
    return path
def _ref_state(ours):
    "Our tiny model's state under the reference's key names."
    table = [(r'^stem\.conv\.weight$', 'prologue.0.weight'), (r'^stem\.bn\.', 'prologue.1.bn.'), (r'^head\.weight$', 'classifier.weight')]
    out = {}
    for k, v in ours.items():
        if k.endswith('rate_count'): continue
        new = k
        for a, b in table: new = re.sub(a, b, new)
        m = re.match(r'stages\.(\d+)\.(downsample|blocks\.(\d+)\.(attn|ffn))\.(.+)', k)
        if m:
            i, rest = int(m[1]), m[5]
            if m[2] == 'downsample': j, sub = 0, {'conv.weight': 'conv.weight', 'neuron.w': 'activation.w'}.get(rest, rest.replace('bn.', 'norm.bn.', 1))
            else:
                j = 2 * int(m[3]) + (m[4] == 'ffn') + (i > 0)
                if m[4] == 'attn':
                    sub = {'rate_x': 'firing_rate_x', 'rate_attn': 'firing_rate_attn', 'kv.conv.weight': 'W.weight', 'out.conv.weight': 'Wproj.weight'}.get(rest)
                    sub = sub or rest.replace('kv.bn.', 'norm.bn.').replace('out.bn.', 'norm_proj.bn.')
                else:
                    part, leaf = rest.split('.', 1)
                    part = {'up': 'up', 'group': 'conv.0', 'down': 'down'}[part]
                    sub = f"{part}.{ {'conv.weight': '1.weight'}.get(leaf, leaf.replace('bn.', '2.bn.', 1))}"
            new = f'layers.{i}.{j}.{sub}'
        out[new] = v
    return out

def _calls():
    from snnbook import neurons as N, surrogate as S, conversion as C, cos, srp, models as M, train as T, energy as E
    from snnbook import data as D, dynamics as Y, urban as U, updiff as P, genmetrics as G, fixtures as F, updiff_sd as SD
    from snnbook import conversion_study as CS, lmht as LM, empf as EM, binary as B, robust as R, dssa as DS, spikingresformer as SR, kernels as K
    return {
        # core
        'surrogate.ATan': lambda tmp: (S.ATan, dict(alpha=2.0)),
        'surrogate.Sigmoid': lambda tmp: (S.Sigmoid, dict(alpha=4.0)),
        'surrogate.Triangle': lambda tmp: (S.Triangle, dict(width=1.0)),
        'surrogate.Rectangle': lambda tmp: (S.Rectangle, dict(width=1.0)),
        'surrogate.heaviside': lambda tmp: (S.heaviside, dict(x=_ints(4) - 1)),
        'neurons.if_charge': lambda tmp: (N.if_charge, dict(x=_ints(2, 3), v=torch.zeros(2, 3))),
        'neurons.lif_charge': lambda tmp: (N.lif_charge, dict(x=_ints(2, 3), v=torch.zeros(2, 3), tau=2.0)),
        'neurons.fire': lambda tmp: (N.fire, dict(h=_ints(2, 3), v_threshold=1.0)),
        'neurons.reset': lambda tmp: (N.reset, dict(h=_ints(2, 3), s=_ints(2, 3, high=2), v_threshold=1.0)),
        'neurons.if_step': lambda tmp: (N.if_step, dict(x=_ints(2, 3), v=torch.zeros(2, 3), v_threshold=2.0)),
        'neurons.lif_step': lambda tmp: (N.lif_step, dict(x=_ints(2, 3), v=torch.zeros(2, 3), tau=2.0, v_threshold=1.5)),
        'neurons.IFNode': lambda tmp: (N.IFNode, dict(v_threshold=1.0, levels=1)),
        'neurons.LIFNode': lambda tmp: (N.LIFNode, dict(tau=2.0, v_threshold=1.0)),
        'neurons.IFNode.forward[m]': lambda tmp: (_forward(_ifnode_m), dict(x=_ints(6, 2, 5, high=4))),
        'neurons.IFNode.forward[m,v_threshold=2]': lambda tmp: (_forward(lambda: N.IFNode(step_mode='m', v_threshold=2.0)), dict(x=_ints(6, 2, 5, high=2))),
        'neurons.LIFNode.forward[m]': lambda tmp: (_forward(_lifnode_m), dict(x=_ints(8, 2, 5, high=4))),
        'neurons.LIFNode.forward[s]': lambda tmp: (_forward(lambda: N.LIFNode(v_threshold=1.5)), dict(x=_ints(2, 5, high=4))),
        'neurons.fold_time': lambda tmp: (N.fold_time, dict(x_seq=_ints(3, 2, 4))),
        'neurons.unfold_time': lambda tmp: (N.unfold_time, dict(x=_ints(6, 4), T=3)),
        'neurons.repeat_time': lambda tmp: (N.repeat_time, dict(x=_ints(2, 4), T=3)),
        'neurons.poisson_encode': lambda tmp: (lambda **kw: N.poisson_encode(generator=torch.Generator().manual_seed(0), **kw), dict(x=_rand(2, 4), T=3)),
        'neurons.PoissonEncoder': lambda tmp: (N.PoissonEncoder, dict(T=3)),
        'neurons.set_step_mode': lambda tmp: (N.set_step_mode, dict(model=N.IFNode(), step_mode='m')),
        'neurons.reset_net': lambda tmp: (N.reset_net, dict(model=N.IFNode())),
        'neurons.set_backend': lambda tmp: (N.set_backend, dict(model=N.IFNode(), backend='torch')),
        'neurons.MemoryModule': lambda tmp: (N.MemoryModule, dict(step_mode='s')),
        'neurons.SeqToANNContainer.forward': lambda tmp: (lambda x: N.SeqToANNContainer(torch.manual_seed(0) and nn.Linear(4, 2))(x), dict(x=_ints(3, 2, 4))),
        'dynamics.charge_gap': lambda tmp: (Y.charge_gap, dict(x_seq=_ints(4, 3), v_threshold=1.0, levels=1)),
        'dynamics.soft_if_count': lambda tmp: (Y.soft_if_count, dict(drive=_rand(5), T=8, v_threshold=1.0)),
        'dynamics.rate_curves': lambda tmp: (Y.rate_curves, dict(neurons=Y.fi_neurons(), drive=_rand(5), T=8)),
        # foundations
        'models.SmallCNN': lambda tmp: (M.SmallCNN, dict(num_classes=10, in_channels=1, size=16, width=4)),
        'models.FashionCNN': lambda tmp: (M.FashionCNN, dict(channels=4, num_classes=10, in_channels=1, size=28, final_relu=True)),
        'models.fashion_csnn': lambda tmp: (M.fashion_csnn, dict(channels=4, T=4)),
        'models.DigitsVGG': lambda tmp: (M.DigitsVGG, dict(num_classes=10, size=16, width=4, hidden=8)),
        'models.VGG16': lambda tmp: (M.VGG16, dict(num_classes=10, dropout=0.5)),
        'models.BasicBlock': lambda tmp: (M.BasicBlock, dict(c_in=4, c_out=8, stride=2)),
        'models.ResNet': lambda tmp: (M.ResNet, dict(blocks=(1, 1), widths=(4, 8), num_classes=10)),
        'models.resnet20': lambda tmp: (M.resnet20, dict(num_classes=10)),
        'models.count_parameters': lambda tmp: (M.count_parameters, dict(model=_mlp())),
        'models.to_spiking': lambda tmp: (M.to_spiking, dict(model=_mlp())),
        'models.check_convertible': lambda tmp: (M.check_convertible, dict(model=_mlp())),
        'models.SpikingNet': lambda tmp: (M.SpikingNet, dict(net=M.to_spiking(_mlp()), T=4)),
        'models.SpikingNet.forward': lambda tmp: (lambda x: M.SpikingNet(M.to_spiking(torch.manual_seed(0) and _mlp()), 4)(x), dict(x=_ints(2, 4))),
        'data.digits_datasets': lambda tmp: (D.digits_datasets, dict(size=8, test_fraction=0.2, seed=0)),
        'data.digits_loaders': lambda tmp: (D.digits_loaders, dict(batch_size=64, size=8, test_fraction=0.2)),
        'data.Cutout': lambda tmp: (D.Cutout, dict(n_holes=1, length=16)),
        'data.cifar_transforms': lambda tmp: (D.cifar_transforms, dict(name='cifar10', augment='standard', cutout_length=16)),
        'data.imagenet_transforms': lambda tmp: (D.imagenet_transforms, dict(size=224)),
        'data.LocalCIFAR10': lambda tmp: (D.LocalCIFAR10, dict(root=_cifar(tmp))),
        'data.cifar_datasets': lambda tmp: (D.cifar_datasets, dict(root=_cifar(tmp), name='cifar10')),
        'data.fashion_mnist_datasets': lambda tmp: (D.fashion_mnist_datasets, dict(root=_fmnist(tmp), augment='crop_flip', crop_padding=4)),
        'data.fashion_mnist_loaders': lambda tmp: (D.fashion_mnist_loaders, dict(batch_size=16, root=_fmnist(tmp), crop_padding=4, num_workers=0)),
        'data.read_idx': lambda tmp: (D.read_idx, dict(path=_fmnist(tmp) / 'train-images-idx3-ubyte.gz', kind='images')),
        'data.RandomCropFlip': lambda tmp: (D.RandomCropFlip, dict(padding=4, fill=0.0)),
        'data.make_loaders': lambda tmp: (D.make_loaders, dict(train=_loader().dataset, test=_loader().dataset, batch_size=2, num_workers=0)),
        'data.frame_transform': lambda tmp: (D.frame_transform, dict(sensor_size=(16, 16, 2), T=4)),
        'train.evaluate': lambda tmp: (T.evaluate, dict(model=_mlp(), dl=_loader())),
        'train.cumulative_correct': lambda tmp: (T.cumulative_correct, dict(out=_rand(3, 4, 5), y=torch.arange(4) % 5)),
        'train.as_device': lambda tmp: (T.as_device, dict(device='cpu')),
        'train.one_hot_mse': lambda tmp: (T.one_hot_mse, dict(rates=_rand(4, 3), y=torch.arange(4) % 3)),
        'train.train_fashion_twins': lambda tmp: (T.train_fashion_twins, dict(epochs=1, T=2, channels=2, batch_size=8, lr=0.1, n_train=16, root=_fmnist(tmp),
                                                                            seed=0, device='cpu', mixed_precision='no', progress=False)),
        'train.relu_readout_probe': lambda tmp: (T.relu_readout_probe, dict(steps=2, channels=2, batch_size=8, lr=0.1, root=_fmnist(tmp), seed=0)),
        'train.fit': lambda tmp: (T.fit, dict(model=_mlp(), train_dl=_loader(), epochs=1, device='cpu', progress=False, checkpoint_dir=tmp / 'ck', keep_checkpoints=2)),
        'train.save_checkpoint': lambda tmp: (T.save_checkpoint, dict(ckpt_dir=tmp / 'ck', model=_mlp(), epoch=0, keep=2)),
        'energy.energy_report': lambda tmp: (E.energy_report, dict(model=_mlp(), x=_ints(2, 4))),
        'energy.EnergyConvention': lambda tmp: (E.EnergyConvention, dict(e_ac_pj=0.9, e_mac_pj=4.6, spike_count='events', real_inputs='mac', spike_energy_divisor=1.0)),
        'energy.neuron_labels': lambda tmp: (E.neuron_labels, dict(model=_mlp())),
        'energy.is_spike_tensor': lambda tmp: (E.is_spike_tensor, dict(x=_ints(2, 4, high=2))),
        'energy.float_spike_convention': lambda tmp: (E.float_spike_convention, dict(spike_layers=('0',), bits=8)),
        # conversion methods
        'conversion.QCFS': lambda tmp: (C.QCFS, dict(levels=4, clip=8.0)),
        'conversion.to_qcfs': lambda tmp: (C.to_qcfs, dict(model=_mlp(), levels=4, clip=8.0)),
        'conversion.convert_qcfs': lambda tmp: (C.convert_qcfs, dict(model=_qcfs(), T=4)),
        'conversion.simulate_if': lambda tmp: (C.simulate_if, dict(x_seq=_ints(4, 3) / 2, v0=0.5, v_threshold=1.0)),
        'conversion.ConversionNeuron': lambda tmp: (C.ConversionNeuron, dict(v_threshold=1.0)),
        'conversion.conversion_accuracy': lambda tmp: (C.conversion_accuracy, dict(snn=_snn(), dl=_loader(), Ts=(1, 2))),
        'conversion.offset_spikes': lambda tmp: (C.offset_spikes, dict(snn=_snn(), x=_ints(2, 4), T=4)),
        'conversion.train_qcfs_digits': lambda tmp: (C.train_qcfs_digits, dict(levels=4, epochs=1, size=8, blocks='shallow')),
        'cos.COS': lambda tmp: (cos.COS, dict(presim=4, passes=1, eps=1e-3)),
        'cos.StreamingCOS': lambda tmp: (cos.StreamingCOS, dict(presim=4, passes=1, eps=1e-3)),
        'cos.presimulate': lambda tmp: (cos.presimulate, dict(x_seq=_ints(4, 3) / 2, v0=0.5, v_threshold=1.0)),
        'srp.SRP': lambda tmp: (srp.SRP, dict(presim=4, margin=1e-3)),
        'srp.case_shares': lambda tmp: (srp.case_shares, dict(snn=_snn(), x=_ints(2, 4), T=4)),
        'srp.unevenness_cases': lambda tmp: (srp.unevenness_cases, dict(n=_ints(5, high=4), input_sum=_ints(5, high=4), T=4, v_threshold=1.0)),
        # urban data and UP-Diff
        'urban.urban_tile': lambda tmp: (U.urban_tile, dict(size=32)),
        'urban.UrbanChangeDataset': lambda tmp: (U.UrbanChangeDataset, dict(n=4, size=32, seed=0, split='train')),
        'urban.urban_loaders': lambda tmp: (U.urban_loaders, dict(batch_size=2, n_train=4, n_test=2, size=32)),
        'urban.building_sizes': lambda tmp: (U.building_sizes, dict(size=32)),
        'urban.roof_style': lambda tmp: (U.roof_style, dict(rng=__import__('numpy').random.default_rng(0))),
        'urban.ChangeDetectionFolder': lambda tmp: (U.ChangeDetectionFolder, dict(root=F.write_fake_cd_folder(tmp / 'cd') or tmp / 'cd', split='train', size=32)),
        'updiff.psnr': lambda tmp: (P.psnr, dict(a=_rand(2, 3, 8, 8), b=_rand(2, 3, 8, 8, seed=1))),
        'updiff.ssim': lambda tmp: (P.ssim, dict(a=_rand(2, 3, 8, 8), b=_rand(2, 3, 8, 8, seed=1))),
        'updiff.ssim_map': lambda tmp: (P.ssim_map, dict(a=_rand(2, 3, 8, 8), b=_rand(2, 3, 8, 8, seed=1), sigma=1.5)),
        'updiff.ssim_window': lambda tmp: (P.ssim_window, dict(sigma=1.5)),
        'updiff.change_iou': lambda tmp: (P.change_iou, dict(generated=_rand(2, 3, 8, 8), pre=_rand(2, 3, 8, 8, seed=1), change=_ints(2, 1, 8, 8, high=2), threshold=0.1)),
        'updiff.small_vae': lambda tmp: (P.small_vae, dict(image_size=32, down_factor=4)),
        'updiff.small_unet': lambda tmp: (P.small_unet, dict(latent_size=8, extra_channels=8, token_dim=64)),
        'updiff.build_updiff': lambda tmp: (P.build_updiff, dict(image_size=32, down_factor=4, variant='full')),
        'updiff.UPDiffConditioner': lambda tmp: (P.UPDiffConditioner, dict(down_factor=4, spatial_channels=8, token_grid=4, token_dim=64, width=32, image_size=32)),
        'updiff.image_metrics': lambda tmp: (P.image_metrics, dict(generated=_rand(2, 3, 8, 8), pre=_rand(2, 3, 8, 8, seed=1), change=_ints(2, 1, 8, 8, high=2), post=_rand(2, 3, 8, 8, seed=2))),
        'updiff.train_vae': lambda tmp: (P.train_vae, dict(vae=P.small_vae(32, 4), images=_rand(4, 3, 32, 32) * 2 - 1, steps=1, batch_size=2, lr=1e-3, kl_weight=1e-4,
                                                           perceptual_weight=1.0, rescale=True, schedule='one_cycle')),
        'updiff.ConvNeXtTokens': lambda tmp: (P.ConvNeXtTokens, dict(token_grid=1)),
        'updiff.train_updiff': lambda tmp: (P.train_updiff, dict(train_ds=U.UrbanChangeDataset(n=4, size=32), variant='full', epochs=1, batch_size=2, lr=1e-3, vae_steps=1, p_uncond=0.1)),
        'updiff.updiff_benchmark': lambda tmp: (P.updiff_benchmark, dict(n_train=32, n_test=2, size=32, epochs=1, vae_steps=1, steps=2, guidance_scale=2.0, log=lambda *a: None, variants=('full',))),
        'updiff.generate': lambda tmp: (P.generate, dict(pipe=_pipe(), pre=_rand(2, 3, 32, 32) * 2 - 1, change=_ints(2, 1, 32, 32, high=2), steps=2, guidance_scale=2.0, batch_size=2)),
        'updiff.DiffusionTrainingStep': lambda tmp: (P.DiffusionTrainingStep, dict(unet=P.small_unet(), conditioner=P.UPDiffConditioner(), scheduler=_pipe().scheduler, p_uncond=0.1)),
        'updiff.zero_extra_inputs': lambda tmp: (P.zero_extra_inputs, dict(unet=P.small_unet(), extra=8)),
        'updiff.mean_change_colour': lambda tmp: (P.mean_change_colour, dict(change=_ints(2, 1, 8, 8, high=2), post=_rand(2, 3, 8, 8) * 2 - 1)),
        'updiff.mean_fill': lambda tmp: (P.mean_fill, dict(pre=_rand(2, 3, 8, 8) * 2 - 1, change=_ints(2, 1, 8, 8, high=2), colour=torch.tensor([0.1, -0.2, 0.3]))),
        'updiff.prediction_target': lambda tmp: (P.prediction_target, dict(prediction_type='v_prediction', x0=_rand(2, 4, 8, 8), noise=_rand(2, 4, 8, 8, seed=1), abar=torch.tensor(0.5))),
        'updiff.UPDiffPipeline.__call__': lambda tmp: (lambda **kw: _pipe()(**kw), dict(pre_image=_rand(2, 3, 32, 32) * 2 - 1, change_map=_ints(2, 1, 32, 32, high=2),
                                                                                       num_inference_steps=2, guidance_scale=2.0, eta=0.0, output_type='pt', pixel_range='[-1, 1]')),
        'urban.smooth_noise': lambda tmp: (U.smooth_noise, dict(rng=__import__('numpy').random.default_rng(0), size=32, cells=4)),
        'urban.scaled_px': lambda tmp: (U.scaled_px, dict(size=32, px32=3.0)),
        'urban.cd_augment_params': lambda tmp: (U.cd_augment_params, dict(width=64, height=48, size=32, rng=__import__('numpy').random.default_rng(0))),
        'urban.to_image': lambda tmp: (U.to_image, dict(x=_rand(3, 8, 8))),
        'conversion_study.calibration_for': lambda tmp: (CS.calibration_for, dict(method='cos', presim=4, passes=1)),
        'conversion_study.fashion_run': lambda tmp: (CS.fashion_run, dict(seed=0, epochs=1, Ts=(1,), levels=4, presim=4, n_test=10, root=_fmnist(tmp))),
        'conversion_study.compare_on_digits': lambda tmp: (CS.compare_on_digits, dict(methods=('qcfs',), Ts=(1,), levels=4, presim=4, passes=1, epochs=1, blocks='shallow')),
        'fixtures.write_fake_fashion_mnist': lambda tmp: (F.write_fake_fashion_mnist, dict(root=tmp / 'fm_out', n_train=20, n_test=10, seed=0)),
        'fixtures.write_fake_cifar': lambda tmp: (F.write_fake_cifar, dict(root=tmp / 'c', name='cifar10', n=4)),
        'fixtures.write_fake_imagefolder': lambda tmp: (F.write_fake_imagefolder, dict(root=tmp / 'i', n_train=3, n_val=2)),
        'fixtures.write_fake_cd_folder': lambda tmp: (F.write_fake_cd_folder, dict(root=tmp / 'cd', n=3)),
        'fixtures.write_fake_cifar10dvs': lambda tmp: (F.write_fake_cifar10dvs, dict(root=tmp / 'dvs', n_per_class=2, n_events=30, fmt='npz')),
        'updiff_sd.write_tiny_sd': lambda tmp: (SD.write_tiny_sd, dict(path=tmp / 'sd', text_dim=32)),
        'updiff_sd.finetune_sd_vae': lambda tmp: (SD.finetune_sd_vae, dict(vae=P.small_vae(32, 4), images=_rand(4, 3, 32, 32) * 2 - 1,
                                                                           lpips=lambda x, y: (x - y).abs().mean((1, 2, 3)), steps=1, batch_size=2, lr=1e-3)),
        'genmetrics.feature_statistics': lambda tmp: (G.feature_statistics, dict(features=_rand(10, 3))),
        'genmetrics.fid': lambda tmp: (G.fid, dict(real_images=_rand(4, 3, 8, 8), fake_images=_rand(4, 3, 8, 8, seed=1), features=lambda x: x.mean((2, 3)), batch_size=2)),
        'genmetrics.frechet_distance': lambda tmp: (G.frechet_distance, dict(mu1=_rand(3), sigma1=torch.eye(3), mu2=_rand(3, seed=1), sigma2=torch.eye(3))),
        # LM-HT
        'lmht.MHTNode': lambda tmp: (LM.MHTNode, dict(levels=2, v_threshold=1.0, v_init=0.0)),
        'lmht.MHTNode.forward[m]': lambda tmp: (_forward(lambda: LM.MHTNode(levels=2, v_threshold=1.0, step_mode='m')), dict(x=_ints(4, 2, 5, high=4))),
        'lmht.LMHTNode': lambda tmp: (LM.LMHTNode, dict(levels=2, T=2, v_threshold=1.0, v_init=0.0, causal=False, input_scale=1.0)),
        'lmht.LMHTNode.forward': lambda tmp: (_forward(lambda: LM.LMHTNode(levels=2, T=4)), dict(x=_ints(4, 2, 5, high=4))),
        'lmht.mix_time': lambda tmp: (LM.mix_time, dict(omega=torch.full((3, 3), 1 / 3), x_seq=_rand(3, 2, 4))),
        'lmht.lmht_from_qcfs': lambda tmp: (LM.lmht_from_qcfs, dict(model=C.to_qcfs(_mlp(), levels=4), levels=2, T=2, scale_biases=True)),
        # EM-PF and its weights
        'empf.quantize_spikes': lambda tmp: (EM.quantize_spikes, dict(s=_ints(5, high=4) / 4, scale=4, max_level=15)),
        'empf.EMPFNode': lambda tmp: (EM.EMPFNode, dict(T=2, step_mode='m')),
        'empf.EMPFNode.forward': lambda tmp: (_forward(lambda: EM.EMPFNode(T=4)), dict(x=_ints(4, 2, 5))),
        'empf.MemBN': lambda tmp: (EM.MemBN, dict(channels=3)),
        'empf.OnlineNet': lambda tmp: (EM.OnlineNet, dict(net=nn.Sequential(nn.Linear(4, 3), EM.EMPFNode(2)), T=2)),
        'empf.OnlineStep': lambda tmp: (EM.OnlineStep, dict(backprop='random', seed=0)),
        'empf.OnlineLIFNode': lambda tmp: (EM.OnlineLIFNode, dict(tau=2.0, v_threshold=1.0)),
        'empf.EMPFBlock': lambda tmp: (EM.EMPFBlock, dict(c_in=4, c_out=4, stride=1, T=2, weights='binary')),
        'empf.empf_resnet': lambda tmp: (EM.empf_resnet, dict(blocks=(1,), widths=(4,), num_classes=3, T=2, weights='binary', in_channels=3)),
        'empf.empf_network': lambda tmp: (EM.empf_network, dict(ann=_mlp(), T=2, weights='binary')),
        'empf.lif_network': lambda tmp: (EM.lif_network, dict(ann=_mlp(), T=2)),
        'empf.empf_energy': lambda tmp: (EM.empf_energy, dict(net=EM.empf_network(_mlp(), 2, 'float').eval(), x=_ints(3, 4))),
        'binary.binarize': lambda tmp: (B.binarize, dict(w=_ints(3, 4) - 1)),
        'binary.ternarize': lambda tmp: (B.ternarize, dict(w=_ints(3, 4) - 1)),
        'binary.quantize_layers': lambda tmp: (B.quantize_layers, dict(model=_mlp(), kind='binary')),
        'binary.bake_weights': lambda tmp: (B.bake_weights, dict(model=B.quantize_layers(_mlp(), 'ternary', keep_last=False))),
        'binary.model_memory': lambda tmp: (B.model_memory, dict(model=_mlp(), convention='paper')),
        'binary.SECA': lambda tmp: (B.SECA, dict(kernel_size=5)),
        'binary.dvs_vgg11': lambda tmp: (B.dvs_vgg11, dict(num_classes=10, in_channels=2, size=16)),
        'empf.OTTTSynapse': lambda tmp: (EM.OTTTSynapse, dict(layer=nn.Linear(4, 3), decay=0.5)),
        'empf.OTTTSynapse.forward': lambda tmp: (_forward(lambda: torch.manual_seed(0) and EM.OTTTSynapse(nn.Linear(4, 3))), dict(x=_ints(2, 4))),
        'empf.ottt_network': lambda tmp: (EM.ottt_network, dict(ann=_mlp(), T=2, tau=2.0)),
        'robust.PixelNet': lambda tmp: (R.PixelNet, dict(net=_mlp(), mean=0.5, std=0.25)),
        'robust.PixelNet.forward': lambda tmp: (_forward(lambda: torch.manual_seed(0) and R.PixelNet(nn.Sequential(nn.Flatten(), nn.Linear(4, 3)))), dict(x=_ints(2, 1, 2, 2, high=2))),
        'robust.robust_network': lambda tmp: (R.robust_network, dict(size=8, T=2, num_classes=3, in_channels=1, mean=0.5, std=0.25)),
        'robust.gradient_mode': lambda tmp: (lambda **kw: R.gradient_mode(**kw).__enter__(), dict(model=_rnet(), name='atan-2')),
        'robust.sr_penalty': lambda tmp: (R.sr_penalty, dict(model=_pixnet(), x=_ints(2, 1, 2, 2, high=2), y=torch.tensor([0, 2]), h=0.01, form='code')),
        'robust.runner_up': lambda tmp: (R.runner_up, dict(z=_rand(2, 3), y=torch.tensor([0, 2]))),
        'robust.attack_examples': lambda tmp: (R.attack_examples, dict(model=_pixnet(), x=_ints(2, 1, 2, 2, high=2), y=torch.tensor([0, 2]), attack='fgsm', eps=0.1, steps=2)),
        'robust.correct': lambda tmp: (R.correct, dict(model=_pixnet(), x=_ints(2, 1, 2, 2, high=2), y=torch.tensor([0, 2]), batch_size=4)),
        'robust.robust_correct': lambda tmp: (R.robust_correct, dict(model=_rnet(), x=_ints(2, 1, 8, 8, high=2), y=torch.tensor([0, 2]), attack='fgsm', eps=0.1)),
        'robust.RobustStep': lambda tmp: (R.RobustStep, dict(lam=0.1, h=0.01, form='code', at_eps=0.1, at_steps=2, at_alpha=0.01)),
        'robust.train_step_for': lambda tmp: (R.train_step_for, dict(train='sr+at', lam=0.1, at_eps=0.1, form='code', at_steps=2)),
        'robust.robust_eval': lambda tmp: (R.robust_eval, dict(model=_rnet(), x=_ints(2, 1, 8, 8, high=2), y=torch.tensor([0, 2]), eps=0.1, pgd_steps=1, ensemble=('triangle-1',))),
        'robust.input_gradient': lambda tmp: (R.input_gradient, dict(model=_rnet(), x=_ints(2, 1, 8, 8, high=2), y=torch.tensor([0, 2]), gradient='triangle-1')),
        'robust.held_out': lambda tmp: (R.held_out, dict(ds=D.ImageTensorDataset(_rand(6, 1, 2, 2), torch.arange(6)), n=2, seed=0, keep=3)),
        'robust.vgg11': lambda tmp: (R.vgg11, dict(num_classes=2, in_channels=1)),
        'robust.wrn16': lambda tmp: (R.wrn16, dict(num_classes=2, width=1, in_channels=1)),
        'robust.PreActBlock': lambda tmp: (R.PreActBlock, dict(c_in=2, c_out=3, stride=2)),
        'robust.paper_network': lambda tmp: (R.paper_network, dict(arch='wrn16', dataset='cifar10', T=2)),
        'robust.check_save_folder': lambda tmp: (R.check_save_folder, dict(folder=tmp / 'net')),
        'robust.gradient_sparsity': lambda tmp: (R.gradient_sparsity, dict(g=_ints(2, 4) - 1)),
        'dssa.lif': lambda tmp: (DS.lif, dict(tau=2.0)),
        'dssa.PLIFNode': lambda tmp: (DS.PLIFNode, dict(init_tau=2.0)),
        'dssa.ConvBN': lambda tmp: (DS.ConvBN, dict(conv=nn.Conv2d(2, 2, 1), bn=nn.BatchNorm2d(2))),
        'dssa.conv_bn': lambda tmp: (DS.conv_bn, dict(c_in=2, c_out=4, kernel=1, stride=1, padding=0, groups=1)),
        'dssa.DSSA': lambda tmp: (DS.DSSA, dict(dim=4, num_heads=2, patch_size=2, momentum=0.9, scale_from='ema', eps=1e-6)),
        'dssa.DSSA.forward': lambda tmp: (_forward(lambda: torch.manual_seed(0) and DS.DSSA(4, 2, 2).eval()), dict(x=_ints(2, 1, 4, 4, 4))),
        'dssa.calibrate': lambda tmp: (DS.calibrate, dict(model=_resformer(), batches=[_rand(2, 1, 8, 8)], max_batches=1)),
        'spikingresformer.SNConvBN': lambda tmp: (SR.SNConvBN, dict(neuron=DS.lif(), conv=nn.Conv2d(2, 2, 1), bn=nn.BatchNorm2d(2))),
        'spikingresformer.sn_conv_bn': lambda tmp: (SR.sn_conv_bn, dict(neuron=DS.lif, c_in=2, c_out=4, kernel=3, stride=1, groups=1)),
        'spikingresformer.GWFFN': lambda tmp: (SR.GWFFN, dict(dim=4, ratio=4, group_size=8)),
        'spikingresformer.ResformerBlock': lambda tmp: (SR.ResformerBlock, dict(dim=4, num_heads=2, patch_size=1, group_size=8)),
        'spikingresformer.ResformerStage': lambda tmp: (SR.ResformerStage, dict(c_in=4, dim=4, depth=1, num_heads=2, patch_size=1, group_size=8)),
        'spikingresformer.Stem': lambda tmp: (SR.Stem, dict(in_channels=1, dim=4, kind='cifar')),
        'spikingresformer.SpikingResformer': lambda tmp: (SR.SpikingResformer, dict(dims=(16, 32, 64), heads=(1, 2, 4), patches=(4, 2, 1), depths=(1, 1, 1), num_classes=3, T=2, in_channels=1, stem='cifar', group_size=16)),
        'spikingresformer.SpikingResformer.forward': lambda tmp: (lambda x: _resformer().eval()(x), dict(x=_rand(2, 1, 8, 8))),
        'spikingresformer.spikingresformer': lambda tmp: (SR.spikingresformer, dict(variant='tiny', num_classes=3, T=2)),
        'spikingresformer.spikingresformer_cifar': lambda tmp: (SR.spikingresformer_cifar, dict(num_classes=3, T=2)),
        'spikingresformer.reference_keys': lambda tmp: (SR.reference_keys, dict(state_dict={'classifier.weight': torch.zeros(3, 64)})),
        'spikingresformer.load_reference': lambda tmp: (SR.load_reference, dict(model=_resformer(), checkpoint=_resformer_ref(tmp), classifier=True)),
        'spikingresformer.recipe_parts': lambda tmp: (SR.recipe_parts, dict(recipe='cifar10', model=_resformer())),
        'spikingresformer.paper_datasets': lambda tmp: (SR.paper_datasets, dict(recipe='cifar10', root=_cifar(tmp))),
        'spikingresformer.resformer_energy': lambda tmp: (SR.resformer_energy, dict(model=_resformer().eval(), x=_rand(2, 1, 8, 8), stem_macs=False)),
        'kernels.kernel_multistep': lambda tmp: (_interpreted(K.kernel_multistep), dict(x_seq=_ints(3, 2, 5, high=3), v=torch.zeros(2, 5), charge='lif', tau=2.0,
                                                                                    v_threshold=1.0, v_reset=0.0, levels=1)),
        'neurons.LIFNode.forward[m,triton]': lambda tmp: (_interpreted(_forward(lambda: N.LIFNode(step_mode='m', backend='triton'))), dict(x=_ints(3, 2, 5, high=4))),
        'binary.SECA.forward[s]': lambda tmp: (lambda x: (torch.manual_seed(0) and B.SECA())(x), dict(x=_ints(2, 4, 3, 3))),
        'binary.SECA.forward[m]': lambda tmp: (lambda x: (torch.manual_seed(0) and B.SECA(multi_step=True))(x), dict(x=_ints(2, 2, 4, 3, 3))),
    }

# the cast decisions: (call, argument) pairs whose integer/bool tensors are cast, and so must give the float result
CASTS = {('neurons.IFNode.forward[m]', 'x'), ('neurons.IFNode.forward[m,v_threshold=2]', 'x'), ('neurons.LIFNode.forward[m]', 'x'),
         ('neurons.LIFNode.forward[s]', 'x'), ('neurons.if_step', 'x'), ('neurons.lif_step', 'x'), ('neurons.if_charge', 'x'),
         ('neurons.lif_charge', 'x'), ('kernels.kernel_multistep', 'x_seq'), ('neurons.LIFNode.forward[m,triton]', 'x'), ('models.SpikingNet.forward', 'x'), ('lmht.MHTNode.forward[m]', 'x'), ('lmht.LMHTNode.forward', 'x'),
         ('empf.EMPFNode.forward', 'x'), ('empf.quantize_spikes', 's'), ('binary.binarize', 'w'), ('binary.ternarize', 'w'), ('binary.SECA.forward[s]', 'x'), ('binary.SECA.forward[m]', 'x'), ('empf.empf_energy', 'x')}

NOT_SWEPT = {
    'checks': 'the checks themselves: every branch is tested on their page (00_checks)',
    'cli': 'swept through the command line itself: tests/test_cli_bad_input.py',
    'fixtures.write_cifar10dvs_aedat': 'the .aedat writer behind write_fake_cifar10dvs',
    'fixtures.write_fake_dvsgesture': 'needs the optional tonic (dvs extra) to be read back',
    'neurons.StepModule': 'a mixin without arguments', 'neurons.BaseNode': 'abstract (swept through IFNode and LIFNode)',
    'neurons.SeqToANNContainer': 'wraps modules; its forward is swept',
    'neurons.neuron_multistep': 'the fused kernel behind the neurons: swept through IFNode/LIFNode forward[m]',
    'kernels.interpreting': 'takes no arguments', 'kernels.kernel_device_ok': "a predicate over a device (torch's own parsing rejects bad device strings)",
    'surrogate.SurrogateFunction': 'the base class of the surrogates (swept through them)',
    'dynamics.fi_neurons': 'no arguments', 'dynamics.plot_rate_curves': 'a plot of rate_curves output',
    'models.resnet18': 'same checks as ResNet', 'models.resnet34': 'same checks as ResNet',
    'data.fashion_mnist_folders': 'lists the places searched; a missing place is reported by fashion_mnist_datasets',
    'fixtures.write_idx': 'writes any bytes it is given, on purpose (the bad-file tests use it)',
    'conversion_study.fashion_table': 'formats fashion_run results (its bad input is tested on the comparison page)',
    'conversion_study.fashion_markdown': 'formats a study file', 'conversion_study.gap_recovered': 'reads a study file',
    'data.check_dir': 'a check itself (tested on the data page)', 'data.check_files': 'a check itself (tested on the data page)',
    'data.ImageTensorDataset': 'an in-memory dataset built by the loaders', 'data.LocalCIFAR100': 'same code as LocalCIFAR10',
    'data.imagenet_datasets': 'tested on the data page on a written ImageFolder', 'data.FramesToTensor': 'a transform of frame_transform',
    'data.time_major': 'a collate step', 'data.time_major_collate': 'a collate step',
    'data.read_aedat2': 'file readers: tested on corrupted files on the data page',
    'data.read_cifar10dvs_events': 'file readers: tested on corrupted files on the data page',
    'data.cifar10dvs_split': 'a split of an already-built dataset', 'data.cifar10dvs_dataset': 'needs the optional tonic (dvs extra)',
    'data.cifar10dvs_datasets': 'needs the optional tonic (dvs extra)', 'data.dvsgesture_datasets': 'needs the optional tonic (dvs extra)',
    'train.is_spiking': 'a predicate on any module', 'train.make_accelerator': 'swept through fit (device, mixed_precision)',
    'train.load_checkpoint': 'tested on truncated checkpoints on the training page', 'train.History': 'a list subclass',
    'train.prepare_training': 'a step of fit', 'train.train_step': 'a step of fit', 'train.train_epoch': 'a step of fit',
    'train.epoch_record': 'a step of fit', 'train.resume_from': 'a step of fit', 'train.checkpoint_epoch': 'a step of fit',
    'train.train_twins': 'the demo\'s training section: minutes of training', 'train.plot_twins': 'a plot of train_twins output',
    'train.fashion_twins_table': 'formats train_fashion_twins results (its bad input is tested on the training page)',
    'train.fashion_twins_markdown': 'formats a results file of scripts/fashion_direct.py',
    'spikingresformer.spikingresformer_ti': 'same checks as spikingresformer_cifar (timm entry points)',
    'spikingresformer.spikingresformer_s': 'same checks as spikingresformer_cifar', 'spikingresformer.spikingresformer_m': 'same checks as spikingresformer_cifar',
    'spikingresformer.spikingresformer_l': 'same checks as spikingresformer_cifar', 'spikingresformer.spikingresformer_dvsg': 'same checks as spikingresformer_cifar',
    'spikingresformer.EpochScheduler': 'wraps a timm scheduler built by recipe_parts',
    'spikingresformer.SoftOrHardCrossEntropy': 'the loss recipe_parts builds for mixup recipes: checked against timm and torch on its page',
    'spikingresformer.paper_run': 'trains a recipe (seconds at the smallest): its refusals (recipe, root, batch, epochs, workers) come first, on its page', 'spikingresformer.MixupStep': 'wraps a timm Mixup built by recipe_parts',
    'spikingresformer.resformer_study': 'trains two networks (minutes): swept through the resformer command line',
    'energy.MatMul': 'no arguments', 'energy.layer_ops': 'a step of energy_report', 'energy.EnergyReport': 'built by energy_report',
    'energy.spikformer_convention': 'an EnergyConvention preset', 'energy.multilevel_convention': 'an EnergyConvention preset',
    'conversion.NeuronCalibration': 'a record of per-neuron settings', 'conversion.conversion_neurons': 'a query on a module',
    'conversion.Calibration': 'the base class of calibrations', 'conversion.calibrated': 'a context manager over a Calibration',
    'conversion.recording': 'a context manager', 'conversion.CalibratedSNN': 'a wrapper of calibrated',
    'conversion.train_qcfs_cifar': 'needs CIFAR on disk and hours: its arguments are checked on the QCFS page',
    **{f'conversion_study.{n}': 'a study over many trained networks (minutes per call), or a view of its saved runs'
       for n in ('seed_study', 'paired_difference', 'paired_summary', 'seed_study_report', 'load_seed_runs', 'runs_table',
                 'cells_by_gap', 'largest_calibration_loss')},
    'cos.cos_shift': 'a step of COS (statistics of presimulate)', 'cos.offset_histogram': 'a view of presimulate statistics',
    'cos.CosCalibrator': 'the calibration object behind COS', 'cos.offset_explorer': 'an ipywidgets explorer',
    **{f'urban.{n}': 'a drawing step of urban_tile on its canvas and layout state: swept through urban_tile'
       for n in ('urban_terrain', 'road_layout', 'road_mask', 'paint_roads', 'building_mask', 'draw_building', 'add_buildings',
                 'plan_change', 'demolish_building', 'apply_change')},
    'urban.show_urban': 'a figure of a batch',
    'urban.levir_cd': 'ChangeDetectionFolder with LEVIR-CD folders', 'urban.sysu_cd': 'ChangeDetectionFolder with SYSU-CD folders',
    **{f'updiff.{n}': "diffusers plumbing (attention processors, gate installation, the pipeline object): checked on the UP-Diff page"
       for n in ('GatedCrossAttnProcessor', 'ParallelGatedCrossAttnProcessor', 'cross_attention_names', 'install_gates', 'UPDiffPipeline',
                 'transformer_names', 'gated_block_dims')},
    'updiff.seed_summary': "a view of several updiff_benchmark results (its bad input is tested on the UP-Diff page)",
    'updiff.UPDiffPipelineOutput': "diffusers' output dataclass (the pipeline's images)",
    'updiff.results_table': "a view of updiff_benchmark's results", 'updiff.comparison_grid': 'a figure of generated tiles',
    **{f'updiff_sd.{n}': 'needs a Stable Diffusion folder: checked on its page on a tiny written one'
       for n in ('widen_conv_in', 'encode_caption', 'build_updiff_from_sd')},
    **{f'genmetrics.{n}': 'needs local Inception weights: checked on its page' for n in ('FIDFeatures', 'StandardFIDFeatures', 'fid_features_from_file')},
    'genmetrics.package_lin_weights': "a path inside the lpips package (its backbone check is on the LPIPS page)",
    'genmetrics.LPIPS': 'needs local LPIPS weights: checked on its page',
    'genmetrics.perceptual_metrics': 'needs local LPIPS/Inception weights: checked on its page',
    'lmht.LMHTInferenceNode': 'built from a trained LMHTNode by reparameterize (its type check is on the LM-HT page)',
    'lmht.reparameterize': 'takes an LM-HT SpikingNet: its refusals (type, pooling, layers, shared L and T) are on the LM-HT page',
    'lmht.scale_constant_terms': "a step of reparameterize and lmht_from_qcfs on a network they built",
    'lmht.lmht_study': 'trains five networks; its arguments are checked first, on the LM-HT page',
    'empf.fold_mem_bn': 'takes an evaluation-mode EMPFNode with Mem-BN: its refusals (type, no Mem-BN, training mode) are on the EM-PF page',
    'robust.robust_study': 'trains a network (minutes); its arguments are checked first, on the robustness page and through snnbook robust',
    'robust.save_model': 'writes a trained PixelNet; its refusals (type, missing config keys) are on the robustness page',
    'robust.select_checkpoint': "reads fit's epoch checkpoints of a trained network; its refusals (no checkpoint, select) are on the robustness page",
    'robust.load_model': 'reads a saved folder; its refusals (missing files, config) are on the robustness page',
    'empf.empf_study': 'trains four networks; its arguments are checked first, on the EM-PF page and through snnbook empf',
    'binary.BinaryConv2d': "torch's Conv2d arguments", 'binary.TernaryConv2d': "torch's Conv2d arguments",
    'binary.BinaryLinear': "torch's Linear arguments", 'binary.TernaryLinear': "torch's Linear arguments",
    'lmht.FrozenStatsBatchNorm': "torch's BatchNorm arguments; built by lmht_from_qcfs from a trained BatchNorm",
}

def test_every_public_callable_is_accounted_for():
    calls = {k.split('.forward')[0] for k in _calls()}
    missing = [k for k in public_callables() if k not in calls and k not in NOT_SWEPT and k.split('.')[0] not in NOT_SWEPT]
    assert not missing, f"public callables neither swept nor listed in NOT_SWEPT: {missing}"

# ---------------------------------------------------------------------------------------------------------------
# bad values per kind of argument
BAD = {
    'int': [True, 1.5, '4', -1],
    'float': [float('nan'), float('inf'), 'x', True],
    'tensor': ['a list', 'nan', 'int'],  # resolved against the base tensor in `_bad_value`
    'module': ['not a model'],
    'path_in': ['missing', 'a file'],
    'choice': ['no-such-choice'],
}
FREE_INT = {'seed'}  # any integer is a valid seed (negative ones included where torch takes them)
FREE_TEXT = {'name', 'layout', 'what', 'hint', 'caption'}
FREE_FLOAT_INF = {('energy.EnergyConvention', 'spike_energy_divisor')}
PATH_IN = {'root', 'path', 'folder', 'sd_dir', 'weights_path'}
PATH_OUT = {'fixtures.write_fake_cifar', 'fixtures.write_fake_fashion_mnist', 'fixtures.write_fake_imagefolder', 'fixtures.write_fake_cd_folder',
            'fixtures.write_fake_cifar10dvs', 'updiff_sd.write_tiny_sd', 'robust.check_save_folder'}  # their root/path is written, not read

def _kind(key, name, value, param):
    if isinstance(value, bool): return None
    if isinstance(value, torch.Tensor): return 'tensor'
    if isinstance(value, nn.Module): return 'module'
    if name in PATH_IN: return 'path_out' if key in PATH_OUT else 'path_in'
    if isinstance(value, int): return 'int'
    if isinstance(value, float): return 'float'
    if isinstance(value, str) and name not in FREE_TEXT and name not in ('device',): return 'choice'
    return None

def _bad_values(key, name, value, kind, tmp):
    if kind == 'tensor':
        nan = value.clone().float(); nan.view(-1)[0] = float('nan')
        out = [('a list', value.tolist()), ('NaN', nan)]
        if (value == value.round()).all(): out.append(('int', value.long()))
        if ((value == 0) | (value == 1)).all(): out.append(('bool', value.bool()))
        return out
    if kind == 'path_in':
        f = tmp / 'a_file.txt'; f.write_text('not a folder')
        return [('missing', tmp / 'missing'), ('a file', f)] if Path(value).is_dir() else [('missing', tmp / 'missing')]
    if kind == 'path_out':
        f = tmp / 'a_file.txt'; f.write_text('not a folder'); return [('a file', f)]
    if kind == 'int':
        return [(repr(b), b) for b in BAD['int'] if not (name in FREE_INT and b == -1)]
    if kind == 'float':
        return [(repr(b), b) for b in BAD['float'] if not ((key, name) in FREE_FLOAT_INF and b == float('inf'))]
    return [(repr(b), b) for b in BAD[kind]]

def _tensors(r):
    if isinstance(r, torch.Tensor): yield r
    elif isinstance(r, (tuple, list)):
        for x in r: yield from _tensors(x)
    elif isinstance(r, dict):
        for x in r.values(): yield from _tensors(x)

def _has_nan(r) -> bool:
    return any(t.is_floating_point() and bool(torch.isnan(t).any()) for t in _tensors(r)) or \
        (isinstance(r, float) and math.isnan(r)) or (isinstance(r, dict) and any(_has_nan(v) for v in r.values()))

def _same(a, b, float_out: bool = False) -> bool:
    "Same values (a layout helper may keep an integer dtype; a cast entry point must return floats)."
    if isinstance(a, torch.Tensor):
        if not isinstance(b, torch.Tensor) or a.shape != b.shape or (float_out and not b.is_floating_point()): return False
        return bool(torch.equal(a.double(), b.double()))
    if isinstance(a, (tuple, list)): return type(a) is type(b) and len(a) == len(b) and all(_same(x, y, float_out) for x, y in zip(a, b))
    if isinstance(a, dict): return a.keys() == b.keys() and all(_same(a[k], b[k], float_out) for k in a)
    if isinstance(a, float) and isinstance(b, float): return a == b or (math.isnan(a) and math.isnan(b))
    return True  # modules, datasets and other objects: the call succeeded, which is what was asked

def _cases():
    import tempfile
    tmp0 = Path(tempfile.mkdtemp())
    for key, make in _calls().items():
        f, kw = make(tmp0 / key.replace('.', '_').replace('[', '_').replace(']', '').replace(',', '_').replace('=', '_'))
        for name, value in kw.items():
            if _kind(key, name, value, None): yield pytest.param(key, name, id=f'{key}:{name}')

def _run(call, kw):
    with warnings.catch_warnings(record=True) as w:
        warnings.simplefilter('always')
        return call(**kw), [str(x.message) for x in w]

@pytest.mark.parametrize('key,name', list(_cases()))
def test_bad_value_is_refused(key, name, tmp_path):
    (tmp_path / 'work').mkdir()
    call, kw = _calls()[key](tmp_path / 'work')
    kind = _kind(key, name, kw[name], None)
    problems = []
    for label, bad in _bad_values(key, name, kw[name], kind, tmp_path):
        call, kw = _calls()[key](tmp_path / f'w{len(problems)}_{label.replace(" ", "_")}')
        numeric = kind == 'tensor' and label in ('int', 'bool', 'a list')  # cast (same result as floats) or refuse
        cast = label in ('int', 'bool') and numeric and (key, name) in CASTS  # the rule says cast: refusing is a fault too
        try: got, warned = _run(call, {**kw, name: bad})
        except CLEAR_ERRORS as e:
            msg = str(e)
            if cast: problems.append(f"{label}: refused ({type(e).__name__}: {msg[:120]}), but the rule casts it")
            elif name not in msg and str(bad) not in msg: problems.append(f"{label}: {type(e).__name__} does not name {name!r}: {msg[:160]}")
            continue
        except Exception as e:
            problems.append(f"{label}: raw {type(e).__name__}: {str(e)[:160]}"); continue
        if numeric:
            call, kw = _calls()[key](tmp_path / f'w{len(problems)}_float')
            want, _ = _run(call, kw)
            if not _same(want, got, float_out=cast): problems.append(f"{label}: accepted, but the result differs from the float input's")
        elif label == 'NaN':
            if not _has_nan(got) and not any(name in m for m in warned): problems.append("NaN: accepted and swallowed (no NaN in the result, no error)")
        elif not any(name in m for m in warned):
            problems.append(f"{label}: accepted without an error or a warning")
    assert not problems, f"{key}({name}=...):\n  " + '\n  '.join(problems)
