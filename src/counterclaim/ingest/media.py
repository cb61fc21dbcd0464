"""The media table (``data/words/media.txt``, with user data folders): known outlets, their aliases and web domains.

Below extract and resolve so that both can ask whether a name is an outlet: extract to
put an outlet in a chain ("told Reuters", "AFP reported"), resolve to type it MEDIA, ingest
to name a publisher from a URL's domain (``reuters.com`` -> Reuters).
"""

from __future__ import annotations

import fnmatch
import re
import unicodedata

from counterclaim import lexicon

#: Marks an alias that is a web domain (``@reuters.com``) rather than a name.
DOMAIN_MARK = "@"
#: Outlets that are wire agencies: their text is copied by others (an origin shared).
AGENCY_PATTERNS = ("* news agency", "* press agency", "* agency")


def fold(word: str) -> str:
    """Lower-case ``word``, strip accents, quotes, edge punctuation and a possessive."""
    word = unicodedata.normalize("NFKD", word.replace("’", "'"))
    word = "".join(c for c in word if not unicodedata.combining(c)).lower()
    word = word.strip(".,;:!?\"“”()[]'")
    return re.sub(r"'s?$", "", word)


def media_key(name: str) -> str:
    """Comparison key of an outlet name: folded words, a leading "the" dropped."""
    words = [fold(w) for w in name.split()]
    return " ".join(words[1:] if len(words) > 1 and words[0] == "the" else words)


@lexicon.cached
def _media_table() -> tuple[dict[str, str], tuple[str, ...], dict[str, str]]:
    names: dict[str, str] = {}
    patterns: list[str] = []
    domains: dict[str, str] = {}
    for line in lexicon.entries("media"):
        if "*" in line:
            patterns.append(line.lower())
            continue
        aliases = [a.strip() for a in line.split("|") if a.strip()]
        for alias in aliases:
            if alias.startswith(DOMAIN_MARK):
                domains[alias[1:].lower()] = aliases[0]
            names[media_key(alias.removeprefix(DOMAIN_MARK))] = aliases[0]
    return names, tuple(patterns), domains


def media_name(name: str) -> str | None:
    """The canonical outlet name if ``name`` is a known outlet or fits a pattern, else None."""
    names, patterns, _ = _media_table()
    key = media_key(name)
    if key in names:
        return names[key]
    if any(fnmatch.fnmatchcase(key, p) for p in patterns):
        return name.strip()
    return None


def outlet_of_domain(host: str) -> str | None:
    """The outlet a web host belongs to (``www.reuters.com``, ``edition.cnn.com``), or None."""
    _, _, domains = _media_table()
    host = host.lower().removeprefix("www.")
    parts = host.split(".")
    for i in range(len(parts) - 1):
        found = domains.get(".".join(parts[i:]))
        if found:
            return found
    return None


def same_outlet(a: str | None, b: str | None) -> bool:
    """Whether two names (or domains) name one outlet: ``AFP`` / ``Agence France-Presse``."""
    if not a or not b:
        return False
    ka = media_name(a) or outlet_of_domain(a) or a
    kb = media_name(b) or outlet_of_domain(b) or b
    return media_key(ka) == media_key(kb)
