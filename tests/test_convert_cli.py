"""`snnbook convert --json` on the digits: the JSON interface and the accuracy claims of the conversion issue."""
import json, shutil, subprocess, sys
from pathlib import Path
import pytest

SNNBOOK = shutil.which('snnbook', path=str(Path(sys.executable).parent)) or 'snnbook'
TS = [1, 2, 4, 8]


def convert(method):
    r = subprocess.run([SNNBOOK, 'convert', '--dataset', 'digits', '--method', method, '--levels', '4', '--T', *map(str, TS),
                        '--presim', '4', '--json'], capture_output=True, text=True, timeout=600)
    assert r.returncode == 0, r.stderr[-3000:]
    return json.loads(r.stdout)


@pytest.fixture(scope='module')
def runs():
    return {m: convert(m) for m in ('qcfs', 'cos', 'srp')}


def test_json_shape(runs):
    for m, res in runs.items():
        assert res['dataset'] == 'digits' and res['method'] == m
        assert 0 <= res['ann_accuracy'] <= 1
        assert [r['T'] for r in res['results']] == TS
        for r in res['results']:
            assert 0 <= r['accuracy'] <= 1
            assert r['latency'] == r['T'] + (0 if m == 'qcfs' else 4)  # pre-simulation counted


def test_same_ann_in_every_run(runs):
    assert len({res['ann_accuracy'] for res in runs.values()}) == 1  # seeded training


def test_calibration_beats_plain_conversion(runs):
    plain = {r['T']: r['accuracy'] for r in runs['qcfs']['results']}
    one_image = 1 / 360  # the digits test split
    for m in ('cos', 'srp'):
        acc = {r['T']: r['accuracy'] for r in runs[m]['results']}
        for T in (1, 2): assert acc[T] > plain[T], (m, T, acc[T], plain[T])
        for T in (4, 8): assert acc[T] >= plain[T] - one_image, (m, T, acc[T], plain[T])


def test_calibrated_snn_within_one_point_of_ann_at_latency_8(runs):
    ann = runs['qcfs']['ann_accuracy']
    best = max(r['accuracy'] for m in ('cos', 'srp') for r in runs[m]['results'] if r['latency'] <= 8)
    assert best >= ann - 0.01, (best, ann)
