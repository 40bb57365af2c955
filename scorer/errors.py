"""Typed errors. Each carries a stable machine-readable ``code`` used in error records."""

from __future__ import annotations


class CredscoreError(Exception):
    """Base class for every error credscore raises on purpose."""

    code = "error"


class InputError(CredscoreError):
    """A record or file that cannot be read as a document (the batch goes on)."""

    code = "input_error"

    def __init__(self, message: str, code: str | None = None) -> None:
        super().__init__(message)
        if code is not None:
            self.code = code


class ModelLoadError(CredscoreError):
    """A model file that is missing, tampered with, or built for other code (exit code 3)."""

    code = "model_load_error"


class ConfigError(CredscoreError):
    """Bad configuration or usage that is not an argparse error (exit code 3)."""

    code = "config_error"
