"""scripts/conversion_seeds.py and the paired summary it reports (`snnbook.conversion_study`), and a tiny end-to-end run on the CPU."""
import json, math, subprocess, sys
from pathlib import Path
import pytest
from snnbook.conversion_study import paired_summary

SCRIPT = Path(__file__).resolve().parents[1] / 'scripts' / 'conversion_seeds.py'


def test_summary_is_paired_mean_se_and_counts():
    n = 360
    runs = [{'blocks': 'shallow', 'seed': s, 'n_test': n, 'ann': a / n,
             'qcfs': [q / n for q in qs], 'cos': [c / n for c in cos], 'srp': [q / n for q in qs]}
            for s, a, qs, cos in [(0, 350, (100, 300, 340, 350), (300, 340, 341, 349)),
                                  (1, 352, (120, 310, 350, 352), (310, 330, 350, 353))]]
    out = paired_summary(runs)['shallow']
    d1 = [200, 190]  # T = 1 differences in images
    assert out['cos'][0]['mean_diff_images'] == 195, out['cos'][0]
    assert math.isclose(out['cos'][0]['se_images'], math.sqrt(((5 ** 2) * 2) / 1 / 2)), out['cos'][0]
    assert [(c['wins'], c['ties'], c['losses']) for c in out['cos']] == [(2, 0, 0), (2, 0, 0), (1, 1, 0), (1, 0, 1)], out['cos']
    for c in out['srp']:  # identical to plain: no gain
        assert c['mean_diff_images'] == 0, c
        assert c['ties'] == 2, c
    assert out['cos'][0]['mean_plain_gap_to_ann_images'] == (250 + 232) / 2, out['cos'][0]
    assert sum(d1) / 2 == out['cos'][0]['mean_diff_images'], out['cos'][0]


def test_tiny_run_end_to_end(tmp_path):
    out = tmp_path / 'seeds.json'
    r = subprocess.run([sys.executable, str(SCRIPT), '--blocks', 'shallow', '--seeds', '2', '--epochs', '1', '--device', 'cpu',
                        '--out', str(out)], capture_output=True, text=True, timeout=300)
    assert r.returncode == 0, r.stderr[-3000:]
    info = json.loads(out.read_text())
    assert [x['seed'] for x in info['runs']] == [0, 1], info['runs']
    assert info['device'] == 'cpu', info['device']
    for m in ('cos', 'srp'):
        for i, c in enumerate(info['summary']['shallow'][m]):
            diffs = [round((x[m][i] - x['qcfs'][i]) * x['n_test']) for x in info['runs']]
            assert c['mean_diff_images'] == pytest.approx(sum(diffs) / 2), (m, c)
            assert c['wins'] + c['ties'] + c['losses'] == 2, (m, c)


def test_bad_seed_count_is_named():
    r = subprocess.run([sys.executable, str(SCRIPT), '--seeds', '0'], capture_output=True, text=True, timeout=120)
    assert r.returncode == 2, r.returncode
    assert '--seeds must be at least 1' in r.stderr, r.stderr
