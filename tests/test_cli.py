"""The `snnbook` console script, run as a user runs it: in a subprocess."""
import json, subprocess, sys, shutil
import pytest
from pathlib import Path

SNNBOOK = shutil.which('snnbook', path=str(Path(sys.executable).parent)) or 'snnbook'


def run(*args, cwd=None):
    return subprocess.run([SNNBOOK, *args], capture_output=True, text=True, cwd=cwd, timeout=600)


def test_demo_quick_writes_json_and_figures(tmp_path):
    r = run('demo', '--quick', '--out', str(tmp_path / 'out'), '--device', 'cpu')
    assert r.returncode == 0, r.stderr
    text = (tmp_path / 'out' / 'results.json').read_text()
    res = json.loads(text, parse_constant=lambda c: pytest.fail(f"results.json holds {c}, which is not JSON"))
    assert res['quick'] is True and res['device'] == 'cpu'
    assert list(res['sections']) == ['neurons', 'training', 'conversion', 'updiff', 'lmht', 'empf', 'robust', 'resformer']
    rf = res['sections']['resformer']
    assert rf['resformer']['energy_mj'] < rf['spiking_cnn']['energy_mj'], rf  # the CNN's first layers multiply
    em = res['sections']['empf']
    assert em['empf_online']['model_memory_mb'] < em['empf_bptt_float']['model_memory_mb'], em  # binary inner weights
    rb = res['sections']['robust']
    assert all(a <= p for a, p in zip(rb['sr']['ensemble'], rb['sr']['pgd'])), rb  # the worst case over estimators
    assert all(w <= a for w, a in zip(rb['sr']['worst'], rb['sr']['ensemble'])), rb  # and over every attack
    lm = res['sections']['lmht']
    assert lm['lmht_reparameterized']['accuracy'] == lm['lmht']['accuracy'], lm
    for name, section in res['sections'].items():
        assert section['settings'], name  # every section records what it ran with
        assert section['figures'], name
        for fig in section['figures']:
            assert fig['title'] and len(fig['caption']) > 40 and 'Look for' in fig['caption'], fig
            png = tmp_path / 'out' / fig['file']
            assert png.read_bytes()[:8] == b'\x89PNG\r\n\x1a\n', fig
    # no stand-in numbers: an infinite PSNR is null, and the notes say why
    copy = res['sections']['updiff']['copy']
    assert copy['psnr_unchanged'] is None and 'agree exactly' in res['notes']['sections.updiff.copy.psnr_unchanged']
    assert all(v is not None for k, v in copy.items() if k != 'psnr_unchanged')
    # readable layer names, and the conversion compared at equal latency as well as at equal T
    assert all(k.startswith('LIF ') and '(after conv' in k for k in res['sections']['training']['snn']['firing_rates'])
    eq = res['sections']['conversion']['equal_latency']
    assert {'qcfs', 'cos', 'srp'} <= set(eq['8']) and {'qcfs', 'cos', 'srp'} <= set(eq['12'])
    assert res['sections']['neurons']['if_soft_reset_counts_off_closed_form'] == 0
    assert 'snnbook demo on cpu' in r.stdout
    assert not list((tmp_path / 'out').glob('*.tmp'))


def test_bad_arguments_exit_2_with_usage(tmp_path):
    (tmp_path / 'results.txt').write_text('a file, not a folder')
    for args in (['demo', '--no-such-flag'], ['no-such-command'], [], ['demo', '--device', 'warp-drive'],
                 ['demo', '--out', 'results.txt'], ['updiff', '--out', 'results.txt'], ['convert', '--passes', '0']):
        r = run(*args, cwd=tmp_path)
        assert r.returncode == 2, (args, r.returncode, r.stderr)
        assert 'usage: snnbook' in r.stderr, args
        assert 'Traceback' not in r.stderr, (args, r.stderr)
    assert sorted(p.name for p in tmp_path.iterdir()) == ['results.txt']  # refused before any output folder was made


def test_robust_saves_a_network_that_loads_back(tmp_path):
    "snnbook robust --save --json: the JSON of the interface, and a folder that load_model turns back into the evaluated network."
    r = run('robust', '--train', 'sr', '--epochs', '1', '--eps', '0.05', '0.1', '--pgd-steps', '2', '--device', 'cpu',
            '--save', str(tmp_path / 'net'), '--json')
    assert r.returncode == 0, r.stderr
    res = json.loads(r.stdout.strip().splitlines()[-1])
    assert (res['dataset'], res['train'], res['eps']) == ('digits', 'sr', [0.05, 0.1]), res
    for k in ('random', 'fgsm', 'pgd', 'ensemble', 'apgd', 'hart', 'worst'): assert len(res[k]) == 2 and all(0 <= a <= 1 for a in res[k]), (k, res)
    import torch
    from snnbook.robust import load_model, correct
    from snnbook.data import digits_datasets
    cfg = json.loads((tmp_path / 'net' / 'config.json').read_text())
    assert cfg['dataset'] == 'digits' and cfg['size'] == 8, cfg
    _, te = digits_datasets(size=cfg['size'], normalize=False)
    m = load_model(tmp_path / 'net')
    assert correct(m, te.images, te.targets).float().mean().item() == res['clean']  # the network that was evaluated
    logits = m(te.images[:16]); assert logits.shape == (16, 10) and torch.equal(logits, load_model(tmp_path / 'net')(te.images[:16]))
    x = te.images[:4].clone().requires_grad_(); m(x).sum().backward(); assert x.grad is not None and x.grad.abs().sum() > 0
