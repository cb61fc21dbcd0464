"""Evaluation: the pipeline's output scored against gold ledgers and PolNeAR.

Takes gold files (GOLD_FORMAT.md) with their articles, or a PolNeAR split folder; gives
reports whose last printed line is the headline score.

Modules: :mod:`.scoring` (the matching rule), :mod:`.mentions` (gold mentions to predicted
entities), :mod:`.gold` (attributions, entities, spans), :mod:`.claims` (claims, disputes,
one-sided figures, cross-document entities), :mod:`.polnear` (PolNeAR), :mod:`.run`
(running them with a model).
"""
