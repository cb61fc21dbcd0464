"""The resolve stage: mentions to entities, within a document and across the ledger.

Takes an :class:`~counterclaim.records.Analysis` from extract; gives it back with entities
(mentions clustered: titles, short forms, spelling variants, pronouns and roles), each
entity's side in the conflict (:mod:`.sides`, from the actor file), descriptions resolved
to the party they name (:mod:`.parties`) and places geocoded offline (:mod:`.geocode`).
:mod:`.crossdoc` links document entities into global entities across documents.

Modules: :mod:`.document` (within a document), :mod:`.crossdoc`, :mod:`.parties`,
:mod:`.sides`, :mod:`.geocode`.
"""
