"""`snnbook updiff --quick` on the embedded urban benchmark (neighbourhood roofs): the JSON interface, UP-Diff against
every baseline in the same run (changed-region PSNR and SSIM against copying the pre-change tile, the mean-colour fill
and the model without the change map; change IoU against the model without the map), and the saved pipeline
reloading with `UPDiffPipeline.from_pretrained`."""
import json, shutil, subprocess, sys
from pathlib import Path
import torch

SNNBOOK = shutil.which('snnbook', path=str(Path(sys.executable).parent)) or 'snnbook'
KEYS = {'psnr', 'ssim', 'psnr_changed', 'psnr_unchanged', 'ssim_changed', 'change_iou'}


def test_updiff_quick(tmp_path):
    out, pipe_dir = tmp_path / 'out', tmp_path / 'pipe'
    r = subprocess.run([SNNBOOK, 'updiff', '--quick', '--variants', 'full', 'no_change_map', '--out', str(out), '--save', str(pipe_dir),
                        '--device', 'cpu'], capture_output=True, text=True, timeout=1500)
    assert r.returncode == 0, r.stderr[-3000:]
    res = json.loads((out / 'results.json').read_text())
    assert KEYS <= set(res['updiff']), sorted(res['updiff'])
    assert set(res['baselines']) == {'copy', 'mean_fill', 'no_change_map'}, sorted(res['baselines'])
    assert KEYS <= set(res['updiff_keep_unchanged']) and KEYS <= set(res['autoencoder_ceiling']), sorted(res)
    for name, m in res['baselines'].items(): assert KEYS <= set(m), (name, sorted(m))
    assert (out / 'updiff_grid.png').read_bytes()[:4] == b'\x89PNG'
    # inside the planned region, both ways of sampling beat every baseline measured in this run
    for model in ('updiff', 'updiff_keep_unchanged'):
        for base, m in res['baselines'].items():
            for k in ('psnr_changed', 'ssim_changed'): assert res[model][k] > m[k], (model, base, k, res[model][k], m[k])
    assert res['updiff']['change_iou'] > res['baselines']['no_change_map']['change_iou'], res
    # the saved pipeline reloads and samples
    from snnbook.updiff import UPDiffPipeline
    from snnbook.urban import UrbanChangeDataset
    pipe = UPDiffPipeline.from_pretrained(str(pipe_dir))
    pre, change, post = UrbanChangeDataset(2, 32, 0, 'test').tensors()
    img = pipe(pre, change, num_inference_steps=5, generator=torch.Generator().manual_seed(0)).images
    assert img.shape == (2, 3, 32, 32), img.shape
    assert img.min() >= 0, img.min()
    assert img.max() <= 1, img.max()
