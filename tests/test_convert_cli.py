"""`snnbook convert --json` on the digits: the JSON interface and the accuracy claims that hold over training seeds;
and on Fashion-MNIST files written by the test (the same JSON)."""
import json, shutil, subprocess, sys
from pathlib import Path
import pytest
from snnbook.conversion_study import largest_calibration_loss, load_seed_runs

SNNBOOK = shutil.which('snnbook', path=str(Path(sys.executable).parent)) or 'snnbook'
RESULTS = Path(__file__).resolve().parents[1] / 'bench' / 'results'
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
        assert res['dataset'] == 'digits', res['dataset']
        assert res['method'] == m, (res['method'], m)
        assert res['blocks'] == 'shallow', res['blocks']
        assert 0 <= res['ann_accuracy'] <= 1, res['ann_accuracy']
        assert [r['T'] for r in res['results']] == TS, res['results']
        for r in res['results']:
            assert 0 <= r['accuracy'] <= 1, r
            assert r['latency'] == r['T'] + (0 if m == 'qcfs' else 4), (m, r)  # pre-simulation counted
            assert r['causal_latency'] == r['T'] + {'qcfs': 0, 'cos': 4 * 4, 'srp': 4}[m], (m, r)  # 4 spiking layers wait for COS


def test_same_ann_in_every_run(runs):
    assert len({res['ann_accuracy'] for res in runs.values()}) == 1, {m: res['ann_accuracy'] for m, res in runs.items()}  # seeded training


def test_calibration_beats_plain_conversion(runs):
    """COS wins at T <= 2 and SRP at T = 2 (every seed of the seed studies; SRP at T = 1 lost 15 images to plain conversion
    with OMP_NUM_THREADS=1, so it is not asserted); at T = 4 and 8 both lose at most the largest loss measured over the
    36 networks of bench/results/conversion_seeds-*.json (a single network can go either way there)."""
    tolerance = largest_calibration_loss(load_seed_runs(*sorted(RESULTS.glob('conversion_seeds-*.json'))))
    plain = {r['T']: r['accuracy'] for r in runs['qcfs']['results']}
    one_image = 1 / 360  # the digits test split
    for m in ('cos', 'srp'):
        acc = {r['T']: r['accuracy'] for r in runs[m]['results']}
        for T in ((1, 2) if m == 'cos' else (2,)): assert acc[T] > plain[T], (m, T, acc[T], plain[T])
        for T in (4, 8): assert acc[T] >= plain[T] - tolerance * one_image, (m, T, acc[T], plain[T], tolerance)


def test_calibrated_snn_within_one_point_of_ann_at_latency_8(runs):
    ann = runs['qcfs']['ann_accuracy']
    best = max(r['accuracy'] for m in ('cos', 'srp') for r in runs[m]['results'] if r['latency'] <= 8)
    assert best >= ann - 0.01, (best, ann)


def test_fashion_mnist_same_json(tmp_path):
    from snnbook.fixtures import write_fake_fashion_mnist
    root = write_fake_fashion_mnist(tmp_path / 'fm', n_train=2048, n_test=200)
    r = subprocess.run([SNNBOOK, 'convert', '--dataset', 'fashion-mnist', '--data', str(root), '--method', 'cos', '--levels', '4',
                        '--T', '1', '2', '4', '8', '--presim', '4', '--epochs', '3', '--json'], capture_output=True, text=True, timeout=600)
    assert r.returncode == 0, r.stderr[-3000:]
    res, digits = json.loads(r.stdout), convert_keys()
    assert res['dataset'] == 'fashion-mnist' and set(res) == digits['top'], sorted(res)
    assert [set(x) for x in res['results']] == [digits['row']] * 4 and [x['T'] for x in res['results']] == TS
    assert res['ann_accuracy'] > 0.3, res  # the written classes are learnable: far above chance (0.1) after three epochs (0.775 measured)


def test_fashion_mnist_missing_is_a_usage_error(tmp_path):
    r = subprocess.run([SNNBOOK, 'convert', '--dataset', 'fashion-mnist', '--data', str(tmp_path), '--json'], capture_output=True, text=True, timeout=120)
    assert r.returncode == 2 and 'train-images-idx3-ubyte' in r.stderr and 'apt-get install dataset-fashion-mnist' in r.stderr, r.stderr[-2000:]
    assert 'Traceback' not in r.stderr


def convert_keys():
    "The keys of the digits JSON (from `conversion_run`'s own output on a tiny run)."
    from snnbook.cli import conversion_run
    res = conversion_run('cos', Ts=[1], epochs=1)
    return {'top': set(res), 'row': set(res['results'][0])}
