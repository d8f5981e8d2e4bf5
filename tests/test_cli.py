"""The `snnbook` console script, run as a user runs it: in a subprocess."""
import json, subprocess, sys, shutil
from pathlib import Path

SNNBOOK = shutil.which('snnbook', path=str(Path(sys.executable).parent)) or 'snnbook'


def run(*args, cwd=None):
    return subprocess.run([SNNBOOK, *args], capture_output=True, text=True, cwd=cwd, timeout=600)


def test_demo_quick_writes_json_and_figures(tmp_path):
    r = run('demo', '--quick', '--out', str(tmp_path / 'out'), '--device', 'cpu')
    assert r.returncode == 0, r.stderr
    res = json.loads((tmp_path / 'out' / 'results.json').read_text())
    assert res['quick'] is True and res['device'] == 'cpu'
    for name, section in res['sections'].items():
        for fig in section.get('figures', []):
            png = tmp_path / 'out' / fig
            assert png.read_bytes()[:8] == b'\x89PNG\r\n\x1a\n', fig
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
