"""credscore detectors and the feature plumbing between them and the classifier."""

from features._compiled import install as _install_compiled_finder

_install_compiled_finder()
