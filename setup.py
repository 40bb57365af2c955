"""Optional compiled speed-ups for the hot detector modules (the rest of the build is in
pyproject.toml).

The listed modules are plain Python. When Cython (a build requirement) and a C compiler are
available, each is also compiled to an extension module beside its source. Python then imports
the compiled one, which gives the same outputs about 10% faster over the whole pipeline
(reports/benchmarks.md). Without a compiler the build skips them, because the extensions are
optional, and the plain Python modules run. ``CREDSCORE_PURE_PYTHON=1`` skips them on purpose.
"""

from __future__ import annotations

import os

from setuptools import setup

#: Modules compiled when possible: pure-Python, checked output-identical when compiled
#: (benchmarks/speed/equivalence.py against the same tree without them). Keep equal to
#: features/_compiled.py's COMPILED (tested): its import finder runs a module's source instead
#: when the source is newer than the compiled file, or when CREDSCORE_PURE_PYTHON is set.
COMPILED = (
    "features/spam/injected.py",
    "features/spam/structure.py",
    "features/spam/normalize.py",
    "features/spam/lexicon.py",
    "features/translation/profile.py",
    "features/translation/profile_loops.py",
    "features/translation/artifacts.py",
    "features/translation/artifacts_loops.py",
    "features/translation/detector.py",
    "features/framing/partisan.py",
    "features/framing/partisan_loops.py",
    "features/attribution/_common.py",
    "features/attribution/credits.py",
    "features/attribution/sourcing.py",
    "features/attribution/markup.py",
    "features/attribution/chooser.py",
)

#: C compiler flags of the compiled modules: no fused multiply-add contraction, so float
#: arithmetic rounds as in Python (the compiled and plain modules must give identical floats).
EXTRA_COMPILE_ARGS = ["-ffp-contract=off"]


def ext_modules() -> list:
    """The compiled modules' extensions. Each module is translated on its own: one that Cython
    cannot translate is skipped with a message and the others are still built. A ``.pxd`` file
    beside a module (Cython's "augmenting" declarations: C types for the plain Python source) is
    picked up by Cython, and a newer ``.pxd`` makes ``cythonize`` translate the module again."""
    if os.environ.get("CREDSCORE_PURE_PYTHON"):
        return []
    try:
        from Cython.Build import cythonize
        from setuptools import Extension
    except ImportError:
        return []
    here = os.path.dirname(os.path.abspath(__file__))
    out = []
    for path in COMPILED:
        if not os.path.exists(os.path.join(here, path)):
            continue
        ext = Extension(path[:-3].replace("/", "."), [path], optional=True,
                        extra_compile_args=EXTRA_COMPILE_ARGS)
        try:
            out += cythonize([ext], language_level=3, quiet=True,
                             compiler_directives={"binding": True})
        except Exception as exc:  # noqa: BLE001 - a failed translation leaves plain Python
            print(f"credscore: compiled speed-up of {path} skipped ({type(exc).__name__}: {exc})")
    return out


setup(ext_modules=ext_modules())
