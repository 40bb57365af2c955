"""Finding, checking, loading and saving the trained credibility model.

A model lives in ``models/<name>-<version>/`` as ONE joblib file holding the whole sklearn
``Pipeline`` (``DetectorVectorizer`` -> calibrated classifier) and a JSON model card. Loading
checks, in order: the files exist, the card is a credscore card, it was made by this credscore
and scikit-learn version, the joblib file's sha256 matches the card, the file unpickles without
sklearn's ``InconsistentVersionWarning``, it is a pipeline with the card's feature columns, and
the detectors installed now still produce those columns. Any failure is a
:class:`~scorer.errors.ModelLoadError` whose message says how to fix it.

The card also carries a linear model's unrolled numbers (``linear``: columns, means, scales,
calibrated coefficients, with their own checksum). Scoring (:func:`load_default`) loads lazily:
it checks the card, the versions and the file's checksum, scores from those numbers, and opens
the pickle (with the checks above) only when something reads ``model.pipeline``, so scoring a
page never imports scikit-learn.

joblib files are pickles: only load shipped models or files a user names and trusts.
"""

from __future__ import annotations

import hashlib
import json
import logging
import math
import os
import re
import threading
import warnings
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from itertools import chain, repeat
from pathlib import Path
from typing import Any

import numpy as np

from features.columns import flatten, results_matrix, rows_matrix
from scorer.config import Thresholds
from scorer.errors import ModelLoadError
from scorer.evidence import DetectorResult
from scorer.report import Reason

logger = logging.getLogger(__name__)

MODEL_FILE = "model.joblib"
CARD_FILE = "model_card.json"
CARD_FORMAT = "credscore-model-card/1"
ENV_VAR = "CREDSCORE_MODEL"
RETRAIN_HINT = "retrain it with `credscore train` (see reports/evaluation.md for the command)"


def models_dir() -> Path:
    """The shipped models folder next to the packages: ``<repo>/models``."""
    import scorer

    return Path(scorer.__file__).resolve().parent.parent / "models"


def sha256_file(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def runtime_versions() -> dict[str, str]:
    """The versions a model card records and loading compares."""
    import platform
    from importlib.metadata import PackageNotFoundError, version

    import scorer

    try:  # the installed distribution's version: no need to import scikit-learn for it
        sklearn_version = version("scikit-learn")
    except PackageNotFoundError:
        import sklearn

        sklearn_version = sklearn.__version__
    return {"credscore": scorer.__version__, "sklearn": sklearn_version,
            "python": platform.python_version(), "numpy": np.__version__}


def compress(X: np.ndarray) -> np.ndarray:
    """``sign(x) * log1p(|x|)``, the shipped pipeline's first model step.

    It tames heavy-tailed counts and rates and keeps 0/1 flags ordered (+0.01 ROC-AUC on the
    publisher-disjoint test split over raw features). Monotone per feature, so reasons keep their
    direction. It lives here, not in scorer.train, because pickles refer to it by module name.
    """
    X = np.asarray(X, dtype=float)
    return np.sign(X) * np.log1p(np.abs(X))


# -- the loaded model ---------------------------------------------------------------------------
@dataclass(frozen=True)
class LinearParts:
    """A calibrated linear model unrolled: ``logit(p_low) = intercept + sum(coef * (x-mean)/scale)``."""

    names: tuple[str, ...]
    mean: np.ndarray
    scale: np.ndarray
    coef: np.ndarray  # already multiplied by the calibration slope
    intercept: float
    transform: Any = None  # the fitted step before scaling (e.g. signed log1p), if any

    def z(self, X: np.ndarray) -> np.ndarray:
        """Scaled features: what the coefficients multiply."""
        if self.transform is not None:
            func = getattr(self.transform, "func", None)  # skip sklearn's per-call validation
            X = func(X) if func is not None else self.transform.transform(X)
        return (X - self.mean) / self.scale


class _Compress:
    """The fitted ``compress`` step as :class:`LinearParts` reads it (its ``func``)."""

    func = staticmethod(compress)


def linear_card(parts: LinearParts, low_index: int) -> dict[str, Any]:
    """The unrolled model as JSON-ready numbers for the model card (floats round-trip exactly
    through JSON), so scoring can load a model without unpickling it."""
    func = getattr(parts.transform, "func", None)
    if parts.transform is not None and func is not compress:
        raise ValueError(f"unknown feature transform {parts.transform!r}")
    body = {"names": list(parts.names), "mean": [float(v) for v in parts.mean],
            "scale": [float(v) for v in parts.scale], "coef": [float(v) for v in parts.coef],
            "intercept": float(parts.intercept),
            "transform": "compress" if parts.transform is not None else None,
            "low_index": int(low_index)}
    return {**body, "sha256": _linear_digest(body)}


def _linear_digest(body: Mapping[str, Any]) -> str:
    fields = {k: v for k, v in body.items() if k != "sha256"}
    return hashlib.sha256(json.dumps(fields, sort_keys=True).encode("utf-8")).hexdigest()


def parts_from_card(body: Mapping[str, Any]) -> LinearParts | None:
    """:class:`LinearParts` from a card's ``linear`` entry; ``None`` when it is malformed or
    its checksum does not match (the caller then unpickles the pipeline)."""
    try:
        if body.get("sha256") != _linear_digest(body):
            return None
        names = tuple(str(n) for n in body["names"])
        arrays = [np.asarray(body[k], dtype=float) for k in ("mean", "scale", "coef")]
        if any(a.shape != (len(names),) for a in arrays) or body["transform"] not in (
                None, "compress"):
            return None
        return LinearParts(names, arrays[0], arrays[1], arrays[2], float(body["intercept"]),
                           _Compress() if body["transform"] == "compress" else None)
    except (AttributeError, KeyError, TypeError, ValueError):
        return None


def linear_parts(pipeline: Any) -> LinearParts | None:
    """Unroll ``vectorizer -> CalibratedClassifierCV(scaler -> LogisticRegression)``.

    Returns ``None`` for other model shapes (then reasons are not computed). Sigmoid calibration
    maps the decision value ``f`` to ``expit(-(a*f + b))``, so the calibrated log-odds are linear
    in the scaled features: each feature's contribution is ``-a * coef_j * z_j``.
    """
    try:
        vec = pipeline.steps[0][1]
        if getattr(vec, "missing", "zero") != "zero":
            return None  # the unrolled model fills missing columns with 0.0
        cal = pipeline.steps[-1][1]
        names = tuple(str(n) for n in vec.get_feature_names_out())
        cc = cal.calibrated_classifiers_
        if len(cc) != 1:
            return None
        inner = cc[0].estimator
        scaler = inner.named_steps["scale"]
        clf = inner.named_steps["clf"]
        calib = cc[0].calibrators[0]
        a, b = float(calib.a_), float(calib.b_)
        classes = list(cal.classes_)
        sign = 1.0 if classes.index(1) == 1 else -1.0
        coef = -a * sign * np.asarray(clf.coef_[0], dtype=float)
        intercept = -(a * sign * float(clf.intercept_[0]) + b)
        scale = np.where(np.asarray(scaler.scale_) == 0, 1.0, np.asarray(scaler.scale_))
        steps = [name for name, _ in inner.steps]
        if steps not in (["scale", "clf"], ["compress", "scale", "clf"]):
            return None
        transform = inner.named_steps.get("compress")
        return LinearParts(names, np.asarray(scaler.mean_, dtype=float), scale, coef, intercept,
                           transform)
    except (AttributeError, KeyError, IndexError, ValueError, TypeError):
        return None


@dataclass
class TrainedModel:
    """The shipped pipeline behind the scorer's ``CredibilityModel`` protocol."""

    name: str
    version: str
    thresholds: Thresholds
    pipeline: Any
    card: Mapping[str, Any]
    path: Path | None = None
    parts: LinearParts | None = field(default=None, repr=False)
    max_reasons: int = 8
    min_reason_weight: float = 0.05  # log-odds; smaller pushes are noise to a reader

    def __post_init__(self) -> None:
        from scorer.explain_model import column_index

        if self.parts is None:
            self.parts = linear_parts(self.pipeline)
        self._low_index: int | None = None
        self._index = None
        if self.parts is not None:
            # A column is explained only when its learned push agrees with its own direction
            # (sign of its correlation with the label on the training data, from the card).
            directions = self.card.get("feature_directions") or {}
            expl = [directions.get(n, 0) == 0 or (c != 0 and np.sign(c) == directions[n])
                    for n, c in zip(self.parts.names, self.parts.coef)]
            self._index = column_index(self.parts.names, expl)

    @property
    def feature_names(self) -> list[str]:
        return list(self.card.get("feature_names", []))

    def predict_p_low(self, rows: Sequence[Mapping[str, float]]) -> np.ndarray:
        if not rows:
            return np.zeros(0)
        if self._low_index is None:
            self._low_index = list(self.pipeline.classes_).index(1)
        return np.asarray(self.pipeline.predict_proba(list(rows))[:, self._low_index])

    def logit_terms(self) -> tuple[float, dict[str, tuple[tuple[str, float, float, float], ...]]]:
        """The unrolled model split by detector, for provisional scores that add up detector
        by detector (the filter's cascade): ``(constant, {detector: ((feature, mean, scale,
        coef), ...)})``. The calibrated log-odds of a row are ``constant`` plus, for every
        detector, :meth:`detector_logit` of its result. Needs the linear parts."""
        cached = getattr(self, "_terms", None)
        if cached is not None:
            return cached  # type: ignore[no-any-return]
        if self.parts is None:
            raise ValueError(f"model {self.name} is not an unrolled linear model")
        transform = self.parts.transform
        if transform is not None and getattr(transform, "func", None) is not compress:
            raise ValueError(f"model {self.name}: unknown feature transform {transform!r}")
        terms: dict[str, list[tuple[str, float, float, float]]] = {}
        for j, name in enumerate(self.parts.names):
            detector, _, feature = name.partition("__")
            terms.setdefault(detector, []).append(
                (feature, float(self.parts.mean[j]), float(self.parts.scale[j]),
                 float(self.parts.coef[j])))
        out = (float(self.parts.intercept), {k: tuple(v) for k, v in terms.items()})
        object.__setattr__(self, "_terms", out)
        return out

    def detector_logit(self, name: str, result: DetectorResult) -> float:
        """One detector's share of the calibrated log-odds of P(low) (see :meth:`logit_terms`).

        A feature missing from ``result`` counts as 0.0, as the vectorizer does. Equal to the
        pipeline's log-odds up to floating-point summation order (tested).
        """
        terms = self.logit_terms()[1].get(name)
        if not terms:
            return 0.0
        get = result.features.get
        total = 0.0
        if self.parts is not None and self.parts.transform is not None:  # signed log1p
            copysign, log1p = math.copysign, math.log1p
            for feature, mean, scale, coef in terms:
                x = float(get(feature, 0.0))
                x = copysign(log1p(abs(x)), x) if x else 0.0
                total += coef * ((x - mean) / scale)
            return total
        for feature, mean, scale, coef in terms:
            total += coef * ((float(get(feature, 0.0)) - mean) / scale)
        return total

    def detector_logits(self, name: str, results: Sequence[DetectorResult]) -> list[float]:
        """:meth:`detector_logit` of many results of one detector, as one matrix product (the
        same values up to floating-point summation order)."""
        plan = getattr(self, "_logit_arrays", None)
        if plan is None:
            plan = {}
            for detector, terms in self.logit_terms()[1].items():
                plan[detector] = (tuple(t[0] for t in terms),
                                  *(np.array([t[k] for t in terms], dtype=float)
                                    for k in (1, 2, 3)))
            object.__setattr__(self, "_logit_arrays", plan)
        found = plan.get(name)
        if found is None or not results:
            return [0.0] * len(results)
        feats, mean, scale, coef = found
        k = len(feats)
        X = np.fromiter(chain.from_iterable(map(r.features.get, feats, repeat(0.0))
                                            for r in results),
                        dtype=np.float64, count=len(results) * k).reshape(len(results), k)
        if self.parts is not None and self.parts.transform is not None:
            X = compress(X)
        return (((X - mean) / scale) @ coef).tolist()  # type: ignore[no-any-return]

    def probabilities(self, rows: Sequence[Mapping[str, float]]) -> np.ndarray:
        """P(low credibility) per row, without reasons (the cheap path of ``predict``)."""
        if self.parts is None or not rows:
            return self.predict_p_low(rows)
        X = rows_matrix(self.parts.names, list(rows))
        z = self.parts.intercept + (self.parts.z(X) * self.parts.coef).sum(axis=1)
        return np.asarray(1.0 / (1.0 + np.exp(-z)))

    def predict(self, rows: Sequence[Mapping[str, float]],
                results: Sequence[Mapping[str, DetectorResult]]
                ) -> list[tuple[float, list[Reason]]]:
        """P(low credibility) and the signed reasons that moved each document's score most."""
        if self.parts is None:
            return [(float(v), []) for v in self.predict_p_low(rows)]
        if not rows:
            return []
        return self._predict_matrix(rows_matrix(self.parts.names, list(rows)), results)

    def predict_results(self, results: Sequence[Mapping[str, DetectorResult]]
                        ) -> list[tuple[float, list[Reason]]]:
        """:meth:`predict` on detector results, without the named rows in between (the
        vectorizer reads each result's features into the matrix: the same values)."""
        if self.parts is None:
            return self.predict([flatten(r) for r in results], results)
        if not results:
            return []
        return self._predict_matrix(results_matrix(self.parts.names, results), results)

    def _predict_matrix(self, X: np.ndarray, results: Sequence[Mapping[str, DetectorResult]]
                        ) -> list[tuple[float, list[Reason]]]:
        from scorer.explain_model import reasons_many

        assert self.parts is not None
        # The unrolled linear model gives the pipeline's calibrated probability exactly (tested)
        # at a fraction of predict_proba's per-call overhead, plus the per-feature pushes.
        Z = self.parts.z(X)
        contrib = Z * self.parts.coef
        p = 1.0 / (1.0 + np.exp(-(self.parts.intercept + contrib.sum(axis=1))))
        assert self._index is not None
        reasons = reasons_many(self._index, X, Z, contrib, results, self.min_reason_weight,
                               self.max_reasons)
        return list(zip(p.tolist(), reasons))


# -- save ---------------------------------------------------------------------------------------
def save_model(pipeline: Any, card: dict[str, Any], out_root: Path, *, force: bool = False
               ) -> Path:
    """Write ``<out_root>/<name>-<version>/model.joblib`` and its card (with the file's sha256)."""
    import joblib

    name, version = card["name"], card["version"]
    if not re.fullmatch(r"[A-Za-z0-9_.+-]+", f"{name}-{version}"):
        raise ValueError(f"bad model name/version {name!r} {version!r}")
    out = out_root / f"{name}-{version}"
    if out.exists() and not force:
        raise FileExistsError(f"{out} exists: pass --force to overwrite it")
    out.mkdir(parents=True, exist_ok=True)
    model_path = out / MODEL_FILE
    joblib.dump(pipeline, model_path, compress=3)
    card = dict(card)
    parts = linear_parts(pipeline)
    if parts is not None:
        card["linear"] = linear_card(parts, list(pipeline.classes_).index(1))
    card["format"] = CARD_FORMAT
    card["model_file"] = MODEL_FILE
    card["model_sha256"] = sha256_file(model_path)
    card["model_bytes"] = model_path.stat().st_size
    card.update({"versions": {**runtime_versions(), **card.get("versions", {})}})
    (out / CARD_FILE).write_text(json.dumps(card, indent=2, sort_keys=False) + "\n",
                                 encoding="utf-8")
    return out


# -- load ---------------------------------------------------------------------------------------
def _resolve(path: Path) -> tuple[Path, Path]:
    """(model.joblib, model_card.json) for a model folder, a model file or a card file."""
    if path.is_dir():
        return path / MODEL_FILE, path / CARD_FILE
    if path.name == CARD_FILE:
        return path.parent / MODEL_FILE, path
    return path, path.parent / CARD_FILE


def read_card(card_path: Path) -> dict[str, Any]:
    try:
        card = json.loads(card_path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ModelLoadError(f"model card {card_path} is missing: a model folder needs "
                             f"{MODEL_FILE} and {CARD_FILE}; {RETRAIN_HINT}") from None
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ModelLoadError(f"model card {card_path} is not valid JSON ({exc}); "
                             f"{RETRAIN_HINT}") from None
    if not isinstance(card, dict) or card.get("format") != CARD_FORMAT:
        raise ModelLoadError(f"{card_path} is not a credscore model card (format "
                             f"{CARD_FORMAT!r}); {RETRAIN_HINT}")
    for key in ("name", "version", "model_sha256", "feature_names", "thresholds", "versions"):
        if key not in card:
            raise ModelLoadError(f"model card {card_path} lacks {key!r}; {RETRAIN_HINT}")
    return card


class _LazyPipeline:
    """Stands in for a model's sklearn pipeline until something reads it: the first attribute
    access unpickles the file and runs :func:`load_model`'s checks on it (a failure raises
    :class:`ModelLoadError` then). Thread-safe."""

    def __init__(self, model_path: Path, card: Mapping[str, Any]) -> None:
        self._model_path = model_path
        self._card = card
        self._real: Any = None
        self._lock = threading.Lock()

    def __getstate__(self) -> dict[str, Any]:  # picklable (the lock is not): reload on read
        return {"model_path": self._model_path, "card": self._card}

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__init__(state["model_path"], state["card"])  # type: ignore[misc]

    def __getattr__(self, name: str) -> Any:
        if name.startswith("_"):
            raise AttributeError(name)
        with self._lock:
            if self._real is None:
                self._real = _unpickle(self._model_path, self._card)
        return getattr(self._real, name)


def _unpickle(model_path: Path, card: Mapping[str, Any]) -> Any:
    """The checked pipeline of a model file whose card and checksum were already checked."""
    import joblib
    from sklearn.exceptions import InconsistentVersionWarning

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", InconsistentVersionWarning)
            pipeline = joblib.load(model_path)
    except InconsistentVersionWarning as exc:
        raise ModelLoadError(f"model {model_path} was pickled by another scikit-learn version "
                             f"({exc}); {RETRAIN_HINT}") from None
    except Exception as exc:  # noqa: BLE001 - unpickling arbitrary bytes raises anything
        raise ModelLoadError(f"{model_path} is not a loadable model ({type(exc).__name__}: "
                             f"{exc}); {RETRAIN_HINT}") from None
    steps = getattr(pipeline, "steps", None)
    if not steps or not hasattr(pipeline, "predict_proba") or 1 not in list(
            getattr(pipeline, "classes_", [])):
        raise ModelLoadError(f"{model_path} is not a credscore pipeline (a fitted sklearn "
                             f"Pipeline with classes 0/1); {RETRAIN_HINT}")
    try:
        names = [str(n) for n in steps[0][1].get_feature_names_out()]
    except Exception:  # noqa: BLE001 - any failure here means "not our vectorizer"
        names = []
    if names != list(card["feature_names"]):
        raise ModelLoadError(f"{model_path}: the pipeline's feature columns differ from its "
                             f"card's; {RETRAIN_HINT}")
    return pipeline


def load_model(path: str | Path, *, check_detectors: bool = True,
               lazy: bool = False) -> TrainedModel:
    """Load and check one model (folder, ``model.joblib`` or ``model_card.json``).

    With ``lazy``, a linear model whose card carries its unrolled coefficients (``linear``,
    with their checksum) is scored from the card: the file's checksum and the versions are
    checked now, the pickle is only opened (and checked) when something reads
    ``model.pipeline``. Scoring then never imports scikit-learn (about 1.5 s of start-up).
    """
    path = Path(path)
    if not path.exists():
        raise ModelLoadError(f"model {path} does not exist: give an existing model folder "
                             f"(models/<name>-<version>/) or {RETRAIN_HINT}")
    model_path, card_path = _resolve(path)
    card = read_card(card_path)
    if not model_path.is_file():
        raise ModelLoadError(f"model file {model_path} is missing; {RETRAIN_HINT}")
    now = runtime_versions()
    for key in ("credscore", "sklearn"):
        made = card["versions"].get(key)
        if made != now[key]:
            raise ModelLoadError(
                f"model {model_path.parent.name} was built with {key} {made} but {now[key]} is "
                f"installed: install {key}=={made} or {RETRAIN_HINT}")
    digest = sha256_file(model_path)
    if digest != card["model_sha256"]:
        raise ModelLoadError(
            f"model file {model_path} has sha256 {digest[:12]}... but its card says "
            f"{str(card['model_sha256'])[:12]}...: the file was changed or corrupted; restore "
            f"the shipped file or {RETRAIN_HINT}")
    parts = parts_from_card(card["linear"]) if lazy and "linear" in card else None
    if parts is not None and list(parts.names) == [str(n) for n in card["feature_names"]]:
        pipeline: Any = _LazyPipeline(model_path, card)
        names = list(parts.names)
    else:
        parts = None
        pipeline = _unpickle(model_path, card)
        names = [str(n) for n in pipeline.steps[0][1].get_feature_names_out()]
    if check_detectors:
        _check_detectors(names, model_path)
    t = card["thresholds"]
    thresholds = Thresholds(high=float(t["high"]), low=float(t["low"]),
                            accept=float(t["accept"]), reject=float(t["reject"]))
    return TrainedModel(str(card["name"]), str(card["version"]), thresholds, pipeline, card,
                        model_path.parent, parts)


def _check_detectors(names: Sequence[str], model_path: Path) -> None:
    from features.registry import default_detectors, feature_columns

    available = set(feature_columns(default_detectors()))
    missing = [n for n in names if n not in available]
    if missing:
        shown = ", ".join(missing[:5]) + (" ..." if len(missing) > 5 else "")
        raise ModelLoadError(
            f"model {model_path.parent.name} needs {len(missing)} feature column(s) that the "
            f"installed detectors no longer produce ({shown}): a detector changed version; "
            f"{RETRAIN_HINT}")


def _version_key(name: str) -> tuple[Any, ...]:
    m = re.search(r"-(\d+(?:\.\d+)*)$", name)
    return tuple(int(x) for x in m.group(1).split(".")) if m else ()


def find_default() -> Path | None:
    """``$CREDSCORE_MODEL`` or the newest ``models/<name>-<version>/`` folder with a card."""
    env = os.environ.get(ENV_VAR)
    if env:
        return Path(env)
    root = models_dir()
    if not root.is_dir():
        return None
    found = [p for p in root.iterdir() if p.is_dir() and (p / CARD_FILE).exists()]
    if not found:
        return None
    return max(found, key=lambda p: (_version_key(p.name), p.stat().st_mtime, p.name))


def load_default(model_path: str | Path | None = None) -> TrainedModel | None:
    """The model at ``model_path``, else ``$CREDSCORE_MODEL``, else the newest shipped model.

    ``None`` only when no path was given and none is shipped (the scorer then falls back to its
    heuristic). A named path that is missing or fails a check raises ``ModelLoadError``.
    """
    if model_path is not None:
        return load_model(model_path, lazy=True)
    found = find_default()
    if found is None:
        return None
    return load_model(found, lazy=True)
