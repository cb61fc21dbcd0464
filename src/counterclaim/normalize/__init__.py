"""The normalize stage: attribution contents to typed claims.

Takes a resolved :class:`~counterclaim.records.Analysis` (with its parse); gives it back
with :class:`~counterclaim.records.Claim` records: territorial control, fatalities and
injuries with low/best/high, losses, whereabouts, fighting, attacks, captures, talks,
intentions, and ``statement`` for the rest, each with polarity, modality, arguments read
from the dependency parse, dates and periods.

Modules: :mod:`.claims` (the stage), :mod:`.claimwindow` (trigger lexicon and windows),
:mod:`.claimtypes` (one builder per claim type), :mod:`.claimargs` (arguments to
entities), :mod:`.syntax` (roles from the parse), :mod:`.numbers` (counts),
:mod:`.periods` (dates and periods).
"""
