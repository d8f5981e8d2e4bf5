"""README.md is generated from nbs/index.ipynb, shows exactly the two commands of a fresh machine, and links every page."""
import re, subprocess, sys, tomllib
from pathlib import Path
from nbdev.config import get_config, nbpath2html

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / 'README.md').read_text()


def test_readme_in_step_with_index_notebook():
    r = subprocess.run([sys.executable, str(ROOT / 'scripts' / 'make_readme.py'), '--check'], capture_output=True, text=True)
    assert r.returncode == 0, r.stdout + r.stderr


def test_readme_shows_install_and_test_commands():
    blocks = re.findall(r'```sh\n(.*?)\n```', README, re.S)
    assert blocks == ['pip install -e ".[dev]" && snnbook demo', 'pytest'], blocks


def test_readme_links_the_site_and_every_page():
    site = get_config(path=ROOT).doc_url.rstrip('/')
    targets = re.findall(r'\]\(([^)\s]+)\)', README)
    assert site in targets, f"no link to the documentation site {site}"
    relative = [t for t in targets if '.ipynb' in t or not re.match(r'(https?://|#)', t)]
    assert not relative, f"links that do not work on the repository page or on PyPI: {relative}"
    pages = {nbpath2html(p.name).name: p.name for p in (ROOT / 'nbs').glob('[!_]*.ipynb') if p.name != 'index.ipynb'}
    linked = {t[len(site) + 1:].split('#')[0] for t in targets if t.startswith(site + '/')}
    assert linked <= set(pages), f"links to pages that no notebook makes: {sorted(linked - set(pages))}"
    assert set(pages) <= linked, f"notebooks whose page the README does not link: {sorted(pages[p] for p in set(pages) - linked)}"


def test_readme_states_the_python_requirement():
    required = tomllib.loads((ROOT / 'pyproject.toml').read_text())['project']['requires-python']
    version = re.fullmatch(r'>=\s*(3\.\d+)', required)[1]
    assert f'Python {version} or newer' in README, required
