"""``translation.mt.v1``: is this English text machine translation?

Signal: content farms launder copied articles by machine-translating them out of English and
back (or publish raw MT of foreign articles). Such copies carry nobody's editorial
responsibility, slip past duplicate detection and garble names, quotes and numbers, so they lower
credibility.

How: two parts combined in one logit.
1. A learned linear model over a function-word / word-shape / punctuation n-gram profile of a
   bounded sample of the text (``features.translation.profile``; weights in
   ``features/data/translation/profile_model.json``, trained by
   ``benchmarks/translation/train.py`` on Apertium round trips, WMT21 neural MT and clean news).
2. Surface artifacts with spans (``features.translation.artifacts``): each code adds a weight per
   hit, counted per 1,000 words and capped, so one typo in a long article cannot decide alone.
``score`` = sigmoid(model logit + artifact logit - offset), the strength of evidence that the text
is machine translated, shifted so that the decision threshold sits at 0.5 (``extras["threshold"]``;
``extras["machine_translated"]`` is ``score >= threshold``). The decision point allows <= 1% false
positives on clean human news from publishers held out of training and on the same news rewritten with learner
(non-native) errors, and above every hand-written non-native fixture (benchmarks/translation/
evaluate.py).

Known false positives: sloppy human copy with several typos of the same kind (stray periods,
"word- word" dashes), texts quoting foreign phrases, and human translations (the profile model
partly learns translationese). Non-English documents get ``score=None``: the model is for English.
Very short texts (< 40 tokens) are scored from artifacts only.

Reason codes: ``broken_hyphenation``, ``split_token``, ``stray_period``, ``calque``,
``untranslated_word``, ``mt_disclaimer`` (spans) and ``mt_profile`` (document level: the learned
profile alone is above the threshold).
"""

from __future__ import annotations

import hashlib
import json
import math
from dataclasses import dataclass, field
from functools import lru_cache

import numpy as np

from scorer.document import Document
from scorer.errors import ModelLoadError
from scorer.evidence import DetectorResult, Evidence, Span

from . import artifacts as A
from . import profile as P

MODEL_FILE = A.DATA_DIR / "profile_model.json"

#: Logit per artifact hit (per 1,000 words) and the cap on the hit density, per code. Hand-set,
#: then checked on held-out clean news (reports/translation.md): a disclaimer is near-decisive, a
#: calque or broken hyphen strong, a stray period or split token weak (typos make them too).
DEFAULT_WEIGHTS: tuple[tuple[str, float, float], ...] = (
    ("mt_disclaimer", 5.0, 1.0),
    ("calque", 1.5, 3.0),
    ("broken_hyphenation", 1.2, 3.0),
    ("stray_period", 0.9, 4.0),
    ("split_token", 0.6, 3.0),
    ("untranslated_word", 0.6, 3.0),
)

#: Model logit used when the text is too short for the profile (a typical clean-news value).
SHORT_TEXT_LOGIT = -4.0
MIN_TOKENS = 40


@dataclass(frozen=True, slots=True)
class ProfileModel:
    """The two trained heads over one profile vocabulary, and how they combine."""

    keys: np.ndarray  # sorted int64 n-gram keys
    weights: np.ndarray  # (len(keys), 2): rt head, neural head
    tables: P.ProfileTables  # profile.dense_tables(keys, weights)
    dense_weights: np.ndarray  # (2, len(DENSE_NAMES))
    biases: tuple[float, float]
    shrink_tokens: float
    shrink_mu: float
    neural_cap: float
    threshold: float
    offset: float  # raw logit of the decision point: scores are shifted so it lands at 0.5


@lru_cache(maxsize=1)
def load_model() -> ProfileModel:
    """Load the profile model once; refuse a file built for another symbol alphabet."""
    try:
        raw = json.loads(MODEL_FILE.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise ModelLoadError(
            f"cannot read {MODEL_FILE}: {exc}; rebuild it with benchmarks/translation/train.py"
        ) from exc
    sha = hashlib.sha256("\n".join(P.SYMBOLS).encode()).hexdigest()[:16]
    if raw.get("symbols_sha") != sha or list(raw.get("dense_names", [])) != list(P.DENSE_NAMES):
        raise ModelLoadError(
            f"{MODEL_FILE} was trained on another profile alphabet; retrain it "
            "with benchmarks/translation/train.py"
        )
    try:
        rt, nn = raw["heads"]["rt"], raw["heads"]["neural"]
        keys = np.array([int(k) for k in raw["keys"]], dtype=np.int64)
        weights = np.array([rt["weights"], nn["weights"]], dtype=np.float64).T
        order = np.argsort(keys, kind="stable")
        if len(keys) == 0 or weights.shape != (len(keys), 2):
            raise ValueError("empty or mismatched weights")
        keys, weights = keys[order], np.ascontiguousarray(weights[order])
        return ProfileModel(
            keys=keys,
            weights=weights,
            tables=P.dense_tables(keys, weights),
            dense_weights=np.array([rt["dense_weights"], nn["dense_weights"]], dtype=np.float64),
            biases=(float(rt["bias"]), float(nn["bias"])),
            shrink_tokens=float(raw["shrink_tokens"]),
            shrink_mu=float(raw["shrink_mu"]),
            neural_cap=float(raw["neural_cap"]),
            threshold=float(raw.get("threshold", 0.5)),
            offset=float(raw.get("offset", 0.0)),
        )
    except (KeyError, TypeError, ValueError) as exc:
        raise ModelLoadError(f"{MODEL_FILE} is malformed ({exc}); retrain it") from exc


def profile_logit(model: ProfileModel, text: str) -> tuple[float, float, float, int, list[float]]:
    """``(combined, rt head, neural head, tokens, dense features)`` for the text's sample.

    The rt head's logit is shrunk toward the clean-news median by ``n/(n+k)``: a short sample is
    weaker evidence. The neural head is register-sensitive (it partly learns "not AllSides news"),
    so it enters bounded: ``cap * tanh(logit / 4)``.
    """
    rt, nn, n_tok, dense = P.fast_logits(text, model.tables, model.dense_weights, model.biases)
    rt = max(-30.0, min(30.0, rt))
    nn = max(-30.0, min(30.0, nn))
    mu = model.shrink_mu
    shrunk = mu + (rt - mu) * n_tok / (n_tok + model.shrink_tokens)
    return shrunk + model.neural_cap * math.tanh(nn / 4.0), rt, nn, n_tok, dense


def _sigmoid(x: float) -> float:
    if x >= 0:
        return 1.0 / (1.0 + math.exp(-x))
    e = math.exp(x)
    return e / (1.0 + e)


_FEATURES: tuple[str, ...] = (
    "probability",
    "profile_logit",
    "rule_mt_logit",
    "neural_mt_logit",
    "artifact_logit",
    *(f"{code}_per_1k_words" for code in A.CODES),
    *P.DENSE_NAMES,
)


@dataclass(frozen=True, slots=True)
class MachineTranslationDetector:
    """Machine-translation probability from a learned profile plus surface artifacts.

    ``threshold``: decision threshold on ``score``; ``None`` uses the one stored with the model
    (chosen for <= 1% false positives on held-out clean news). ``weights``: per code
    ``(code, logit per hit per 1,000 words, density cap)``. ``use_profile``: turn the learned part
    off (artifacts only).
    """

    name: str = "translation.mt.v1"
    feature_names: tuple[str, ...] = _FEATURES
    threshold: float | None = None
    weights: tuple[tuple[str, float, float], ...] = DEFAULT_WEIGHTS
    use_profile: bool = True
    languages: tuple[str, ...] = field(default=("en", "und"))

    def __call__(self, doc: Document) -> DetectorResult:
        text = doc.text or ""
        if doc.language is not None and doc.language not in self.languages:
            return DetectorResult(
                self.name,
                dict.fromkeys(self.feature_names, 0.0),
                score=None,
                extras={"skipped": f"language {doc.language!r} is not English"},
            )
        model = load_model()
        threshold = model.threshold if self.threshold is None else self.threshold
        if not text or text.isspace():
            return DetectorResult(
                self.name,
                dict.fromkeys(self.feature_names, 0.0),
                score=None,
                extras={"skipped": "empty text"},
            )

        # Learned profile on a bounded sample.
        plogit, rt_logit, nn_logit, n_tok, dense = profile_logit(model, text)
        if not self.use_profile or n_tok < MIN_TOKENS:
            plogit, rt_logit, nn_logit = SHORT_TEXT_LOGIT, 0.0, 0.0

        # Surface artifacts over the whole text.
        found = A.find_all(text)
        n_words = max(len(text) / 6.0, 1.0)  # ~6 characters per English word incl. the space
        per_k = max(n_words / 1000.0, 1.0)  # texts under 1,000 words count raw hits
        strength: dict[str, float] = dict.fromkeys(A.CODES, 0.0)
        for code, _s, _e, _m, w in found:
            strength[code] += w
        alogit = 0.0
        for code, weight, cap in self.weights:
            if code == "mt_disclaimer":
                top = max((w for c, *_r, w in found if c == code), default=0.0) if found else 0.0
                alogit += weight * min(cap, top)
            else:
                alogit += weight * min(cap, strength.get(code, 0.0) / per_k)
        offset = model.offset
        score = _sigmoid(plogit + alogit - offset)

        evidence = [
            Evidence(code, msg, Span(s, e), weight=round(w, 3)) for code, s, e, msg, w in found
        ]
        pprob = _sigmoid(plogit - offset)
        if n_tok >= MIN_TOKENS and self.use_profile and pprob >= threshold:
            evidence.append(
                Evidence(
                    "mt_profile",
                    f"function-word profile typical of machine translation (p={pprob:.2f})",
                    None,
                    weight=round(pprob, 3),
                )
            )

        feats = {
            "probability": score,
            "profile_logit": plogit,
            "rule_mt_logit": rt_logit,
            "neural_mt_logit": nn_logit,
            "artifact_logit": alogit,
        }
        for code, key in _PER_1K:
            feats[key] = strength[code] * 1000.0 / n_words
        for name, x in zip(P.DENSE_NAMES, dense):
            feats[name] = float(x)
        # All values are floats; one sum tells whether any is inf/nan (then clean them one by one).
        if not math.isfinite(sum(feats.values())):
            feats = {k: (float(v) if math.isfinite(v) else 0.0) for k, v in feats.items()}
        if self.feature_names != _FEATURES:
            feats = {f: feats.get(f, 0.0) for f in self.feature_names}
        if found:
            counts = dict.fromkeys(A.CODES, 0)
            for f in found:
                counts[f[0]] += 1
        else:
            counts = dict.fromkeys(A.CODES, 0)
        return DetectorResult(
            self.name,
            feats,
            evidence=tuple(evidence),
            score=score,
            extras={
                "threshold": threshold,
                "machine_translated": score >= threshold,
                "profile_probability": round(pprob, 4),
                "artifact_counts": counts,
            },
        )


_PER_1K: tuple[tuple[str, str], ...] = tuple((code, f"{code}_per_1k_words") for code in A.CODES)
