"""Compare claims across documents (no I/O): disputes, corroboration, figures, timelines.

The inputs are :class:`LedgerClaim` records: a claim, what was said around it
(:class:`Said`: speaker, side, chain, dates, sentence) and its arguments as global entity
ids. ``pipeline`` builds them from the ledger; tests build them by hand.
"""

from counterclaim.compare.disputes import Dispute, conflict, find_disputes, implied_denials
from counterclaim.compare.figures import (
    Figure,
    Silence,
    Tally,
    Unanswered,
    fatalities,
    find_silences,
    unanswered,
)
from counterclaim.compare.model import (
    FIGURE_TYPES,
    KEY_ROLES,
    NOT_DISPUTED,
    LedgerClaim,
    Said,
    describe,
    event_time,
    parse_when,
    proposition_key,
)
from counterclaim.compare.sources import (
    Corroboration,
    Independence,
    Origin,
    SideIndependence,
    corroborations,
    independence,
    origins,
    side_independence,
)
from counterclaim.compare.timeline import Entry, timeline

__all__ = [
    "FIGURE_TYPES",
    "KEY_ROLES",
    "NOT_DISPUTED",
    "Corroboration",
    "Dispute",
    "Entry",
    "Figure",
    "Independence",
    "LedgerClaim",
    "Said",
    "Silence",
    "Tally",
    "Unanswered",
    "conflict",
    "corroborations",
    "describe",
    "event_time",
    "fatalities",
    "find_disputes",
    "find_silences",
    "implied_denials",
    "independence",
    "Origin",
    "SideIndependence",
    "origins",
    "side_independence",
    "parse_when",
    "proposition_key",
    "timeline",
    "unanswered",
]
