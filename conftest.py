"""Run every notebook in `nbs/` as one pytest item through nbdev's own runner, honouring its test flags.

`pytest` skips cells flagged with any of `tst_flags` in pyproject.toml (`notest slow cuda`);
`pytest --flags "slow cuda"` runs those flags' cells too (as `nbdev-test --flags` does).
"""
import os, tomllib
from pathlib import Path
import pytest

ROOT = Path(__file__).parent
TST_FLAGS = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["nbdev"]["tst_flags"].split()


def pytest_configure(config):
    # under pytest-xdist (`-n 2` in pyproject.toml) each worker gets one thread: two workers on two cores, not four threads
    if os.environ.get("PYTEST_XDIST_WORKER"):
        os.environ["OMP_NUM_THREADS"] = "1"  # for the subprocesses the tests start
        import torch
        torch.set_num_threads(1)


def pytest_addoption(parser):
    parser.addoption("--flags", default="", help="space-separated nbdev test flags whose cells should run (e.g. 'slow cuda')")


def pytest_collect_file(parent, file_path):
    if file_path.suffix == ".ipynb" and file_path.parent.name == "nbs" and not file_path.name.startswith(("_", ".")):
        return NotebookFile.from_parent(parent, path=file_path)


class NotebookFile(pytest.File):
    def collect(self):
        yield NotebookItem.from_parent(self, name=self.path.name)


class NotebookFailed(Exception):
    pass


class NotebookItem(pytest.Item):
    def runtest(self):
        from nbdev.test import test_nb
        force = self.config.getoption("--flags").split()
        skip = [f for f in TST_FLAGS if f not in force]
        ok, secs = test_nb(self.path, skip_flags=skip, force_flags=force, basepath=str(ROOT))
        if not ok: raise NotebookFailed(f"{self.path.name} failed (the traceback is printed above, on stderr)")

    def repr_failure(self, excinfo):
        if isinstance(excinfo.value, NotebookFailed): return str(excinfo.value)
        return super().repr_failure(excinfo)

    def reportinfo(self):
        return self.path, 0, f"notebook {self.path.name}"
