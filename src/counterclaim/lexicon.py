"""Word lists and tables as data: one loader, and user data folders laid over the shipped ones.

Shipped data lives in ``counterclaim/data/``:

- ``words/<list>.txt``: one entry a line; ``#`` starts a comment line; an entry may carry
  forms or aliases after ``|`` (``fighter|fighters``, ``Agence France-Presse|AFP``); what the
  fields mean is said in each file's header and by the code that reads it.
- ``<table>.yaml``: structured tables (``actors``, ``claims``, ``places``, ``counts``,
  ``channels``, ``events``).

A user data folder has the same layout and changes the shipped data without replacing whole
files. Folders come from ``$COUNTERCLAIM_DATA`` (several joined with ``os.pathsep``), then
from :func:`use_data` (the CLI's global ``--data DIR``); later folders apply last.

- ``words/<list>.txt``: each line adds an entry; ``-entry`` removes a shipped entry (an entry
  with ``|`` fields is removed by its first field); a first line ``!replace`` starts the list
  from empty.
- ``<table>.yaml``: deep-merged into the shipped table: mappings merge by key (``key: null``
  removes a key; ``"!replace": true`` inside a mapping replaces it instead of merging), lists
  extend (an item ``"-x"`` removes ``x``, or the mapping item whose ``name`` or ``side`` is
  ``x``; a mapping item with the ``name`` of an existing one merges into it; a first item
  ``"!replace"`` replaces the list), scalars override.
- A file that names no shipped list or table is reported with a :class:`DataWarning` (a typo
  must not be ignored silently).

Lists are read lazily: :class:`Words` objects behave as frozensets and reload when the
folders change (:func:`use_data`, :func:`refresh`), so a module may bind one at import time
before the CLI has read ``--data``. :func:`cached` memoises a function per data generation.
"""

from __future__ import annotations

import copy
import difflib
import functools
import os
import warnings
from collections.abc import Callable, Iterable, Iterator, Set
from importlib import resources
from pathlib import Path
from typing import Any, Literal

import yaml

ENV_VAR = "COUNTERCLAIM_DATA"
WORDS_DIR = "words"
REPLACE = "!replace"

type Form = Literal["all", "first", "last"]


class DataWarning(UserWarning):
    """A user data file that changes nothing: unknown list or table name, missing folder."""


class _State:
    generation = 0
    dirs: tuple[Path, ...] = ()  # set by use_data()
    entries: dict[str, tuple[str, ...]] = {}
    tables: dict[str, dict] = {}
    checked = False
    env = os.environ.get(ENV_VAR, "")  # $COUNTERCLAIM_DATA when last (re)loaded


_state = _State()


# ---------------------------------------------------------------- folders


def use_data(dirs: Iterable[str | Path] = (), *, export: bool = False) -> None:
    """Lay the folders ``dirs`` over the shipped data (after ``$COUNTERCLAIM_DATA``).

    With ``export``, ``$COUNTERCLAIM_DATA`` is set to every folder in effect, so processes
    started later (Dask workers) read the same data. Nothing is reloaded when the folders in
    effect are unchanged (a built pipeline is kept).
    """
    new = tuple(Path(d).expanduser() for d in dirs)
    if new != _state.dirs or os.environ.get(ENV_VAR, "") != _state.env:
        _state.dirs = new
        refresh()
    if export:  # the same folders in effect: no reload
        os.environ[ENV_VAR] = _state.env = os.pathsep.join(str(d) for d in data_dirs())
    _check_user_dirs()  # report a misnamed file now, not only once a list is used


def refresh() -> None:
    """Forget loaded lists and tables (re-reads ``$COUNTERCLAIM_DATA`` on next use)."""
    _state.env = os.environ.get(ENV_VAR, "")
    _state.generation += 1
    _state.entries = {}
    _state.tables = {}
    _state.checked = False


def generation() -> int:
    """A number that changes whenever the data in effect may have changed."""
    return _state.generation


def data_dirs() -> tuple[Path, ...]:
    """The user data folders in effect, in the order they apply."""
    env = [Path(p).expanduser() for p in os.environ.get(ENV_VAR, "").split(os.pathsep) if p]
    out: list[Path] = []
    for d in [*env, *_state.dirs]:
        if d not in out:
            out.append(d)
    return tuple(out)


def _shipped() -> Any:
    return resources.files("counterclaim").joinpath("data")


def list_names() -> tuple[str, ...]:
    """Names of the shipped word lists."""
    folder = _shipped().joinpath(WORDS_DIR)
    return tuple(sorted(p.name[:-4] for p in folder.iterdir() if p.name.endswith(".txt")))


def table_names() -> tuple[str, ...]:
    """Names of the shipped tables."""
    return tuple(sorted(p.name[:-5] for p in _shipped().iterdir() if p.name.endswith(".yaml")))


def _check_user_dirs() -> None:
    """Warn once per generation about user files that name nothing shipped."""
    if _state.checked:
        return
    _state.checked = True
    lists, tables = set(list_names()), set(table_names())
    for folder in data_dirs():
        if not folder.is_dir():
            warnings.warn(f"data folder {folder} does not exist", DataWarning, stacklevel=4)
            continue
        for path in sorted(folder.iterdir()):
            if path.suffix in (".yaml", ".yml") and path.stem not in tables:
                _unknown(path, "table", tables)
        words = folder / WORDS_DIR
        for path in sorted(words.iterdir()) if words.is_dir() else ():
            if path.suffix != ".txt" or path.stem not in lists:
                _unknown(path, "word list", lists)


def _unknown(path: Path, what: str, names: set[str]) -> None:
    close = difflib.get_close_matches(path.stem, names, n=1)
    hint = f"did you mean {close[0]!r}?" if close else f"the {what}s are {', '.join(sorted(names))}"
    warnings.warn(
        f"{path} is ignored: no {what} is named {path.stem!r}; {hint}", DataWarning, stacklevel=2
    )


# ---------------------------------------------------------------- word lists


def _lines(text: str) -> list[str]:
    out = []
    for line in text.splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            out.append(line)
    return out


def _key(entry: str) -> str:
    return entry.split("|", 1)[0].strip().casefold()


def overlay_words(entries: list[str], lines: list[str]) -> list[str]:
    """Apply one user file's ``lines`` to ``entries`` (see the module docstring)."""
    if lines and lines[0] == REPLACE:
        entries, lines = [], lines[1:]
    for line in lines:
        if line.startswith("-") and len(line) > 1:
            gone = line[1:].strip().casefold()
            entries = [e for e in entries if e.casefold() != gone and _key(e) != gone]
        elif line not in entries:
            entries.append(line)
    return entries


def entries(name: str) -> tuple[str, ...]:
    """The entries of the word list ``name`` in file order, user folders applied."""
    found = _state.entries.get(name)
    if found is not None:
        return found
    _check_user_dirs()
    shipped = _shipped().joinpath(WORDS_DIR, f"{name}.txt")
    if not shipped.is_file():
        raise KeyError(f"no word list named {name!r} (lists: {', '.join(list_names())})")
    items = _lines(shipped.read_text("utf-8"))
    for folder in data_dirs():
        path = folder / WORDS_DIR / f"{name}.txt"
        if path.is_file():
            items = overlay_words(items, _lines(path.read_text("utf-8")))
    found = _state.entries[name] = tuple(items)
    return found


def fields(entry: str) -> list[str]:
    """The ``|``-separated fields of an entry, stripped."""
    return [f.strip() for f in entry.split("|") if f.strip()]


def forms(name: str, form: Form = "all") -> frozenset[str]:
    """The words of list ``name``: every field, or only each entry's first or last field."""
    out: set[str] = set()
    for entry in entries(name):
        parts = fields(entry)
        if form == "all":
            out.update(parts)
        elif parts:
            out.add(parts[0] if form == "first" else parts[-1])
    return frozenset(out)


class Words(Set[str]):
    """A lazily loaded frozenset: the union of some word lists (plus fixed ``extra`` words).

    Membership tests cost one generation check and a frozenset lookup; the set is rebuilt
    when the data folders change.
    """

    __slots__ = ("_extra", "_form", "_gen", "_names", "_set")

    def __init__(self, *names: str, form: Form = "all", extra: Iterable[str] = ()) -> None:
        self._names = names
        self._form = form
        self._extra = frozenset(extra)
        self._gen = -1
        self._set: frozenset[str] = frozenset()

    @property
    def set(self) -> frozenset[str]:
        """The current words as a frozenset."""
        if self._gen != _state.generation:
            words = set(self._extra)
            for name in self._names:
                words |= forms(name, self._form)
            self._set, self._gen = frozenset(words), _state.generation
        return self._set

    def __contains__(self, word: object) -> bool:
        if self._gen != _state.generation:
            return word in self.set
        return word in self._set

    def __iter__(self) -> Iterator[str]:
        return iter(self.set)

    def __len__(self) -> int:
        return len(self.set)

    def __hash__(self) -> int:
        return hash(self.set)

    @classmethod
    def _from_iterable(cls, it: Iterable[str]) -> frozenset[str]:
        return frozenset(it)

    def __repr__(self) -> str:
        return f"Words({', '.join(map(repr, self._names))}, form={self._form!r})"


def aliases(name: str, *, lower: bool = False) -> dict[str, str]:
    """Word list ``name`` as a mapping: each field of an entry -> the entry's first field."""
    out: dict[str, str] = {}
    for entry in entries(name):
        parts = fields(entry)
        for part in parts:
            out[part.lower() if lower else part] = parts[0]
    return out


# ---------------------------------------------------------------- tables


def _item_key(item: Any) -> Any:
    if isinstance(item, dict):
        return item.get("name", item.get("side"))
    return None


def merge(base: Any, over: Any) -> Any:
    """Deep-merge the user value ``over`` into the shipped value ``base`` (a new value)."""
    if isinstance(base, dict) and isinstance(over, dict):
        if over.get(REPLACE):
            return {k: v for k, v in over.items() if k != REPLACE}
        out = dict(base)
        for key, value in over.items():
            if value is None:
                out.pop(key, None)
            elif key in out:
                out[key] = merge(out[key], value)
            else:
                out[key] = value
        return out
    if isinstance(base, list) and isinstance(over, list):
        if over and over[0] == REPLACE:
            return list(over[1:])
        out = list(base)
        for item in over:
            if isinstance(item, str) and item.startswith("-") and len(item) > 1:
                gone = item[1:].strip()
                out = [x for x in out if x != gone and _item_key(x) != gone]
            elif (key := _item_key(item)) is not None and any(_item_key(x) == key for x in out):
                out = [merge(x, item) if _item_key(x) == key else x for x in out]
            elif item not in out:
                out.append(item)
        return out
    return over


def read_table(text: str) -> dict:
    data = yaml.safe_load(text) or {}
    if not isinstance(data, dict):
        raise ValueError("a table file must hold a mapping at the top level")
    return data


def table(name: str, base: Path | None = None) -> dict:
    """The table ``name`` (shipped, or the file ``base``), user folders merged in.

    The result is shared: copy it before changing it.
    """
    cache_key = name if base is None else f"{name}@{base}"
    found = _state.tables.get(cache_key)
    if found is not None:
        return found
    _check_user_dirs()
    if base is not None:
        data = read_table(base.read_text("utf-8"))
    else:
        shipped = _shipped().joinpath(f"{name}.yaml")
        if not shipped.is_file():
            raise KeyError(f"no table named {name!r} (tables: {', '.join(table_names())})")
        data = read_table(shipped.read_text("utf-8"))
    for folder in data_dirs():
        for suffix in (".yaml", ".yml"):
            path = folder / f"{name}{suffix}"
            if path.is_file():
                try:
                    data = merge(data, read_table(path.read_text("utf-8")))
                except (yaml.YAMLError, ValueError) as err:
                    raise ValueError(f"{path}: {err}") from err
    found = _state.tables[cache_key] = copy.deepcopy(data)
    return found


# ---------------------------------------------------------------- derived values


def cached[**P, R](fn: Callable[P, R]) -> Callable[P, R]:
    """Memoise ``fn`` (hashable arguments) for as long as the data in effect is unchanged."""
    memo: dict[Any, Any] = {}
    seen = [-1]

    @functools.wraps(fn)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        if seen[0] != _state.generation:
            memo.clear()
            seen[0] = _state.generation
        key = (args, tuple(sorted(kwargs.items())))
        try:
            return memo[key]
        except KeyError:
            value = memo[key] = fn(*args, **kwargs)
            return value

    wrapper.cache_clear = memo.clear  # type: ignore[attr-defined]
    return wrapper
