"""The optional compiled modules: setup.py compiles what the import finder knows about, and a
compiled file never shadows a newer source."""

from __future__ import annotations

import ast
import importlib.machinery
import os
from pathlib import Path

import pytest

from features import _compiled
from features._compiled import COMPILED, FreshSourceFinder

ROOT = Path(__file__).resolve().parents[1]


def test_compiled_setup_py_list_equals_the_finders_list() -> None:
    tree = ast.parse((ROOT / "setup.py").read_text(encoding="utf-8"))
    paths = next(ast.literal_eval(node.value) for node in ast.walk(tree)
                 if isinstance(node, ast.Assign)
                 and any(getattr(t, "id", None) == "COMPILED" for t in node.targets))
    assert {p[:-3].replace("/", ".") for p in paths} == set(COMPILED)
    assert all((ROOT / p).is_file() for p in paths)


@pytest.fixture()
def fake_pair(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, Path]:
    """A source file and a 'compiled' file beside it, found by a stubbed PathFinder."""
    source = tmp_path / "injected.py"
    compiled = tmp_path / "injected.cpython-311-x86_64-linux-gnu.so"
    source.write_text("X = 1\n")
    compiled.write_bytes(b"not really an extension")

    def find_spec(name: str, path: object = None, target: object = None) -> object:
        loader = importlib.machinery.ExtensionFileLoader(name, str(compiled))
        return importlib.machinery.ModuleSpec(name, loader, origin=str(compiled))

    monkeypatch.setattr(_compiled.importlib.machinery.PathFinder, "find_spec", find_spec)
    monkeypatch.delenv("CREDSCORE_PURE_PYTHON", raising=False)
    return source, compiled


def _set_mtimes(source: Path, compiled: Path, src_t: float, so_t: float) -> None:
    os.utime(source, (src_t, src_t))
    os.utime(compiled, (so_t, so_t))


def test_compiled_module_is_used_when_not_older_than_its_source(fake_pair) -> None:
    source, compiled = fake_pair
    _set_mtimes(source, compiled, 1000.0, 2000.0)
    spec = FreshSourceFinder().find_spec("features.spam.injected", None)
    assert spec.origin == str(compiled)


def test_compiled_module_older_than_its_source_is_skipped_with_a_warning(fake_pair) -> None:
    source, compiled = fake_pair
    _set_mtimes(source, compiled, 3000.0, 2000.0)
    with pytest.warns(RuntimeWarning, match="newer than its compiled module"):
        spec = FreshSourceFinder().find_spec("features.spam.injected", None)
    assert spec.origin == str(source)
    assert isinstance(spec.loader, importlib.machinery.SourceFileLoader)


def test_compiled_module_skipped_when_plain_python_is_asked_for(
        fake_pair, monkeypatch: pytest.MonkeyPatch) -> None:
    source, compiled = fake_pair
    _set_mtimes(source, compiled, 1000.0, 2000.0)
    monkeypatch.setenv("CREDSCORE_PURE_PYTHON", "1")
    assert FreshSourceFinder().find_spec("features.spam.injected", None).origin == str(source)


def test_compiled_finder_leaves_other_modules_alone() -> None:
    assert FreshSourceFinder().find_spec("features.spam.hidden_html", None) is None
    assert FreshSourceFinder().find_spec("json", None) is None


def test_compiled_module_older_than_its_pxd_is_skipped_with_a_warning(fake_pair) -> None:
    source, compiled = fake_pair
    pxd = source.with_suffix(".pxd")
    pxd.write_text("cdef int X\n")
    _set_mtimes(source, compiled, 1000.0, 2000.0)
    os.utime(pxd, (3000.0, 3000.0))
    with pytest.warns(RuntimeWarning, match="injected.pxd is newer than its compiled module"):
        spec = FreshSourceFinder().find_spec("features.spam.injected", None)
    assert spec.origin == str(source)


def test_compiled_module_newer_than_its_pxd_is_used(fake_pair) -> None:
    source, compiled = fake_pair
    pxd = source.with_suffix(".pxd")
    pxd.write_text("cdef int X\n")
    _set_mtimes(source, compiled, 1000.0, 2000.0)
    os.utime(pxd, (1500.0, 1500.0))
    assert FreshSourceFinder().find_spec("features.spam.injected", None).origin == str(compiled)


def test_compiled_setup_py_translates_each_module_on_its_own() -> None:
    """One module Cython cannot translate must not take the others' speed-ups with it."""
    text = (ROOT / "setup.py").read_text(encoding="utf-8")
    assert "for path in COMPILED:" in text and "cythonize([ext]" in text
