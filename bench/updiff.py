"""Benchmark: UP-Diff sampling throughput (images per second) against the number of DDIM steps, and the training step time.

The default small configuration (32x32 tiles, 4x8x8 latents) with untrained weights (the cost does not depend on them):
sampling a batch of 32 with classifier-free guidance at 10/25/50 steps, and one diffusion training step (forward,
backward, AdamW) at batch 32. Median times over repetitions; JSON out.

    python bench/updiff.py [--device cpu|cuda] [--reps 3] [--out bench/results/updiff-<device>.json]
"""
import torch
from _common import parse_args, measure, run_child, run_info, write_json

BATCH, CASES = 32, ('sample_10', 'sample_25', 'sample_50', 'train_step')


def one_case(case, device, reps):
    from diffusers import DDIMScheduler, DDPMScheduler
    from snnbook.updiff import build_updiff, UPDiffPipeline, DiffusionTrainingStep
    parts = build_updiff(32)
    sched = DDPMScheduler(num_train_timesteps=1000, beta_start=0.00085, beta_end=0.012, beta_schedule='scaled_linear')
    pre, change = torch.rand(BATCH, 3, 32, 32, device=device) * 2 - 1, (torch.rand(BATCH, 1, 32, 32, device=device) > 0.9).float()
    if case.startswith('sample'):
        pipe = UPDiffPipeline(parts['vae'], parts['unet'], parts['conditioner'], DDIMScheduler.from_config(sched.config)).to(device)
        steps = int(case.split('_')[1])
        def step(): pipe(pre, change, num_inference_steps=steps, guidance_scale=2.0, generator=torch.Generator().manual_seed(0)); return 0
    else:
        model = DiffusionTrainingStep(parts['unet'], parts['conditioner'], sched).to(device)
        opt = torch.optim.AdamW([p for p in model.parameters() if p.requires_grad], 1e-4)
        z = torch.randn(BATCH, 4, 8, 8, device=device)
        def step():
            loss = model((z, pre, change)).pow(2).mean(); opt.zero_grad(); loss.backward(); opt.step(); return 0
    res = measure(step, device, reps)
    res.pop('saved_for_backward_bytes')
    if case.startswith('sample'): res['images_per_s'] = BATCH / res['median_s']
    return res


def main():
    a = parse_args(__doc__, one_case, reps=3)
    device = torch.device(a.device)
    results = {c: run_child(__file__, a.device, a.reps, c) for c in CASES}
    info = {'benchmark': 'updiff', 'what': f'small UP-Diff (32x32 tiles, 4x8x8 latents), batch {BATCH}, CFG sampling with DDIM; one training step',
            **run_info(a.device), 'results': results}
    write_json(info, a.out, f'updiff-{device.type}.json')


if __name__ == '__main__': main()
