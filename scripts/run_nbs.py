"""Execute notebooks in place with nbdev's runner, keeping their outputs (the plots and tables are the docs).

Cells flagged with a test flag (`notest slow cuda`) are skipped unless named in --flags; skipped cells keep
whatever output they had. Usage: python scripts/run_nbs.py [--flags "slow cuda"] [--cell-timeout S] [nbs/NB.ipynb ...]
"""
import argparse, sys, tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

def main():
    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument('notebooks', nargs='*', help='notebooks to run (default: all of nbs/*.ipynb)')
    p.add_argument('--flags', default='', help='test flags whose cells should run too')
    p.add_argument('--cell-timeout', type=int, default=600, help="seconds before a cell times out (nbdev's default: 600)")
    a = p.parse_args()
    from nbdev.test import test_nb
    flags = tomllib.loads((ROOT / 'pyproject.toml').read_text())['tool']['nbdev']['tst_flags'].split()
    force = a.flags.split()
    nbs = [Path(n) for n in a.notebooks] or sorted(p for p in (ROOT / 'nbs').glob('*.ipynb') if not p.name.startswith('_'))
    failed = []
    for nb in nbs:
        ok, secs = test_nb(nb.resolve(), skip_flags=[f for f in flags if f not in force], force_flags=force, save=True, basepath=str(ROOT),
                           cell_timeout=a.cell_timeout)
        print(f"{'ok  ' if ok else 'FAIL'} {nb.name} {secs:.1f}s", flush=True)
        if not ok: failed.append(nb.name)
    sys.exit(1 if failed else 0)

if __name__ == '__main__': main()
