"""`python -m build` makes an sdist and, from it, a wheel that installs into a fresh virtual environment and imports
every module; `twine check` (when twine is installed) accepts both, as the release workflow requires.

The fresh venv installs the wheel itself with `--no-deps` and borrows the test environment's site-packages for the
heavy dependencies (torch alone is several GB), so that what is checked is the wheel: its files, metadata and
entry point, imported from the new venv and not from the source tree.
"""
import importlib.util, os, re, subprocess, sys, sysconfig, tarfile, venv, zipfile
from email.parser import Parser
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_wheel_installs_and_imports_every_module(tmp_path):
    dist = tmp_path / 'dist'
    # as the release workflow builds: the sdist first, then the wheel from the unpacked sdist
    r = subprocess.run([sys.executable, '-m', 'build', '--outdir', str(dist), str(ROOT)], capture_output=True, text=True)
    assert r.returncode == 0, r.stdout[-3000:] + r.stderr[-3000:]
    whl, = dist.glob('snnbook-*.whl')
    sdist, = dist.glob('snnbook-*.tar.gz')
    version = re.search(r'^__version__ = "(.+)"', (ROOT / 'snnbook' / '__init__.py').read_text(), re.M)[1]
    assert whl.name.startswith(f'snnbook-{version}-') and sdist.name == f'snnbook-{version}.tar.gz', (whl.name, sdist.name)
    with tarfile.open(sdist) as t: in_sdist = {n.split('/', 1)[1] for n in t.getnames() if '/' in n}
    for f in ('pyproject.toml', 'README.md', 'snnbook/__init__.py', 'snnbook/_modidx.py', 'snnbook/cli.py'): assert f in in_sdist, f
    if importlib.util.find_spec('twine'):
        r = subprocess.run([sys.executable, '-m', 'twine', 'check', '--strict', str(whl), str(sdist)], capture_output=True, text=True)
        assert r.returncode == 0, r.stdout[-3000:] + r.stderr[-3000:]
    with zipfile.ZipFile(whl) as z:
        names = z.namelist()
        meta = Parser().parsestr(z.read(next(n for n in names if n.endswith('.dist-info/METADATA'))).decode())
        entry_points = z.read(next(n for n in names if n.endswith('.dist-info/entry_points.txt'))).decode()
    modules = sorted(n[:-3].replace('/', '.').removesuffix('.__init__') for n in names if n.startswith('snnbook/') and n.endswith('.py'))
    src_modules = sorted(str(p.relative_to(ROOT))[:-3].replace('/', '.').removesuffix('.__init__') for p in (ROOT / 'snnbook').rglob('*.py'))
    assert modules == src_modules, (modules, src_modules)
    license = meta.get('License-Expression') or meta.get('License') or ''
    assert 'Apache' in license, license
    reqs = ' '.join(meta.get_all('Requires-Dist'))
    for dep in ('torch', 'torchvision', 'diffusers', 'accelerate', 'fastcore', 'fastprogress', 'matplotlib', 'ipywidgets', 'scikit-learn', 'safetensors'):
        assert dep in reqs, dep
    assert 'snnbook = snnbook.cli:main' in entry_points

    env_dir = tmp_path / 'venv'
    venv.EnvBuilder(with_pip=True).create(env_dir)
    py = env_dir / 'bin' / 'python'
    r = subprocess.run([str(py), '-m', 'pip', 'install', '--no-deps', '--no-index', str(whl)], capture_output=True, text=True)
    assert r.returncode == 0, r.stderr[-3000:]
    new_site = subprocess.run([str(py), '-c', 'import sysconfig; print(sysconfig.get_paths()["purelib"])'], capture_output=True, text=True).stdout.strip()
    # dependencies come from this environment's site-packages, appended after the new venv's own
    Path(new_site, '_borrowed_deps.pth').write_text(sysconfig.get_paths()['purelib'] + '\n')
    code = ("import importlib, snnbook, pathlib; mods = %r\n"
            "for m in mods: importlib.import_module(m)\n"
            "print(pathlib.Path(snnbook.__file__).resolve())" % modules)
    env = {k: v for k, v in os.environ.items() if k != 'PYTHONPATH'}
    r = subprocess.run([str(py), '-c', code], capture_output=True, text=True, cwd=tmp_path, env=env)
    assert r.returncode == 0, r.stderr[-3000:]
    assert Path(r.stdout.strip()).is_relative_to(env_dir.resolve()), r.stdout
    r = subprocess.run([str(env_dir / 'bin' / 'snnbook'), '--help'], capture_output=True, text=True, cwd=tmp_path, env=env)
    assert r.returncode == 0, r.stderr
    assert 'demo' in r.stdout, r.stdout
    r = subprocess.run([str(env_dir / 'bin' / 'snnbook'), '--version'], capture_output=True, text=True, cwd=tmp_path, env=env)
    assert (r.returncode, r.stdout) == (0, f'snnbook {version}\n'), (r.returncode, r.stdout, r.stderr[-3000:])
