"""README.md is generated from nbs/index.ipynb and shows exactly the two commands of a fresh machine."""
import re, subprocess, sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_readme_in_step_with_index_notebook():
    r = subprocess.run([sys.executable, str(ROOT / 'scripts' / 'make_readme.py'), '--check'], capture_output=True, text=True)
    assert r.returncode == 0, r.stdout + r.stderr


def test_readme_shows_install_and_test_commands():
    blocks = re.findall(r'```sh\n(.*?)\n```', (ROOT / 'README.md').read_text(), re.S)
    assert blocks == ['pip install -e ".[dev]" && snnbook demo', 'pytest'], blocks
