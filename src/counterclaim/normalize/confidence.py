"""How far to trust a claim (and so a casualty figure): a calibrated probability.

A claim is right when its attribution is right (the source said it) and the claim reads
what was said correctly (type, arguments, value). So its confidence is the attribution's
own calibrated confidence (:mod:`counterclaim.extract.confidence`) times the precision
observed, on annotated news, for claims of right attributions that share its evidence
(:func:`basis`):

- ``statement``: the content kept as a statement (no type fits);
- typed claims: whether the trigger's arguments were read from the dependency parse
  (``parse``) or by position in the clause (``position``); whether every argument is
  the content's own (``own``) or the place was taken from the paragraph (``context``);
  whether every argument names a resolved entity (``named``) or some are descriptions
  or missing (``described``).

``bench/calibration.py claims`` counts those precisions on the VOA dev gold and the
example (``fit`` writes ``data/claim_confidence.json``) and prints the reliability table
(cross-validated by story, and on the project's own test corpus as held data). The gold
annotates claims in reported speech only: a narrator claim (the publisher's own sentence,
attribution confidence 1.0) gets the rate of speech claims with its evidence, which is
not observed for narrator sentences as such.

A key with few observations is pulled towards its family's rate (additive smoothing, as
for attributions), so no claim gets an extreme probability from a handful of examples.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from functools import cache
from importlib import resources

from counterclaim.extract.confidence import probability
from counterclaim.records import Entity

TABLE = "data/claim_confidence.json"
#: Arguments that are words, not entities ("action": "take control").
FREE_ROLES = frozenset({"action"})


def basis(
    kind: str,
    args: Mapping[str, str | tuple[str, ...]],
    entities: Mapping[str, Entity],
    *,
    parsed: bool = False,
    context_place: bool = False,
) -> str:
    """The calibration key of a claim's evidence (see the module doc):
    ``"statement"`` or ``"typed|parse|own|named"``."""
    if kind == "statement":
        return "statement"
    values = [v for role, x in args.items() if role not in FREE_ROLES
              for v in (x if isinstance(x, tuple) else (x,))]  # fmt: skip
    named = bool(values) and all(
        v in entities and entities[v].type != "UNNAMED" for v in values if isinstance(v, str)
    )
    return "|".join(
        ("typed", "parse" if parsed else "position", "context" if context_place else "own",
         "named" if named else "described")
    )  # fmt: skip


@cache
def table() -> dict[str, object]:
    """The fitted table (``data/claim_confidence.json``): per key hits and totals (claims
    of right attributions), per family the overall rate."""
    path = resources.files("counterclaim").joinpath(TABLE)
    try:
        return json.loads(path.read_text("utf-8"))
    except FileNotFoundError:
        return {}


def confidence(
    key: str, attribution_confidence: float, fitted: Mapping[str, object] | None = None
) -> float:
    """P(claim right) = P(attribution right) x P(claim read right | attribution right, key)."""
    rate = probability(key, dict(table() if fitted is None else fitted))
    return round(attribution_confidence * rate, 3)
