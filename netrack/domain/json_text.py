"""`json.dumps(value, indent=2, ensure_ascii=False)`, byte for byte, several times faster.

With `indent`, the standard library never uses its C encoder: it walks the value through
nested Python generators, and a card on five years of history (a 280 KB object, most of
it going-cold and stalled rows) took a third of `scorecard --format json`'s time there.
Here the layout around nested containers is written by hand, and each container that
holds only plain values (a row of a list, a trend's series) is encoded by the C encoder
in one call: its item separator carries the newline and the indent of its depth, so
only its brackets are laid out here. tests/unit/test_json_text.py checks the output
against `json.dumps` on arbitrary values.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from itertools import chain
from json import encoder as _encoder
from typing import Any

INDENT = 2

_PLAIN = frozenset({str, int, float, bool, type(None)})
_quote = _encoder.encode_basestring  # ensure_ascii=False's string encoder (C when built)
_c_make_encoder: Any = getattr(_encoder, "c_make_encoder", None)
_flat_encoders: dict[int, Callable[[object, int], Any]] = {}
_line_encoder: Any = None  # values one a line, no indent: `_column`


class Rows:
    """A list of objects that all have the same keys, given a column at a time: written
    exactly as `json.dumps` writes the list of dicts, without making the dicts. A card on
    years of history lists thousands of rows (going cold, stalled) of plain values."""

    __slots__ = ("columns", "keys")

    def __init__(self, keys: tuple[str, ...], columns: list[list[Any]]) -> None:
        self.keys = keys
        self.columns = columns

    def as_dicts(self) -> list[dict[str, Any]]:
        """The rows as the list of dicts they stand for."""
        return [dict(zip(self.keys, row, strict=True)) for row in zip(*self.columns, strict=True)]


def dumps(value: object) -> str:
    """Exactly `json.dumps(value, indent=2, ensure_ascii=False)` (its errors included:
    anything else falls back to it)."""
    if _c_make_encoder is None:  # a Python built without the C accelerator
        return _library(value)
    try:
        return _text(value, 0)
    except (TypeError, ValueError, RecursionError):
        # Not JSON data (an unknown type, a bad key, a cycle): the library's own error.
        return _library(value)


def _library(value: object) -> str:
    """`value` written by the library itself, a `Rows` as the list of dicts it stands
    for; anything else it cannot write refused in its own words."""
    return json.dumps(value, indent=INDENT, ensure_ascii=False, default=_rows_default)


def _rows_default(value: object) -> object:
    if type(value) is Rows:
        return value.as_dicts()
    raise TypeError(f"Object of type {type(value).__name__} is not JSON serializable")


def _flat_encoder(depth: int) -> Callable[[object, int], Any]:
    """The C encoder for a container of plain values at `depth`: items on lines of their
    own, indented one level deeper."""
    found = _flat_encoders.get(depth)
    if found is None:
        found = _c_make_encoder(
            None,  # no cycle check: plain values hold no containers
            _no_default,
            _quote,
            None,  # no indent of its own: the separator carries it
            ": ",
            ",\n" + " " * (INDENT * (depth + 1)),
            False,  # sort_keys
            False,  # skipkeys
            True,  # allow_nan
        )
        _flat_encoders[depth] = found
    return found


def _no_default(value: object) -> object:
    raise TypeError(f"Object of type {type(value).__name__} is not JSON serializable")


def _text(value: object, depth: int) -> str:
    kind = type(value)
    if kind in _PLAIN:
        return "".join(_flat_encoder(depth)(value, 0))
    if kind is Rows:
        return _table(value, depth)  # type: ignore[arg-type]
    if kind is dict:
        items: Any = value.values()  # type: ignore[attr-defined]
    elif kind is list or kind is tuple:
        items = value
    else:  # subclasses and anything unknown: the library knows what to do
        raise TypeError(kind.__name__)
    if not items:
        return "{}" if kind is dict else "[]"
    plain = _PLAIN
    inner = " " * (INDENT * (depth + 1))
    if all(type(item) in plain for item in items):
        flat = "".join(_flat_encoder(depth)(value, 0))
        # "{a,\n  b}" → "{\n  a,\n  b\n}": the brackets on lines of their own.
        return f"{flat[0]}\n{inner}{flat[1:-1]}\n{inner[:-INDENT]}{flat[-1]}"
    if kind is not dict and _rows_of_plain_values(items):
        return _rows(items, depth)
    separator = ",\n" + inner
    if kind is dict:
        body = separator.join(
            f"{_key(key)}: {_text(item, depth + 1)}"
            for key, item in value.items()  # type: ignore[attr-defined]
        )
        return f"{{\n{inner}{body}\n{inner[:-INDENT]}}}"
    body = separator.join(_text(item, depth + 1) for item in items)
    return f"[\n{inner}{body}\n{inner[:-INDENT]}]"


def _key(key: object) -> str:
    """A key as `json.dumps` writes it: text quoted, plain values as JSON text."""
    if type(key) is str:
        return _quote(key)  # type: ignore[no-any-return]
    if key is None or type(key) in (bool, int, float):
        # As the library does: the value's JSON text, quoted as text.
        return _quote("".join(_flat_encoder(0)(key, 0)))  # type: ignore[no-any-return]
    raise TypeError(type(key).__name__)


def _rows_of_plain_values(items: Any) -> bool:
    """Whether `items` are all non-empty dicts of plain values (a card's going-cold and
    stalled lists: thousands of rows)."""
    return all(type(item) is dict and item for item in items) and _PLAIN.issuperset(
        map(type, chain.from_iterable(map(dict.values, items)))
    )


def _rows(items: Any, depth: int) -> str:
    """A list of rows of plain values at `depth`, in one call of the C encoder.

    Encoded with the separator of the rows' members, a row's members and the rows
    themselves are joined alike; but a row's next member starts with its key's quote
    and the next row with "{", and an encoded string never holds a raw newline, so
    every separator followed by "{" is one between rows: those get the layout of the
    list's depth, and each row's braces lines of their own.
    """
    row = " " * (INDENT * (depth + 1))
    member = row + " " * INDENT
    flat = "".join(_flat_encoder(depth + 1)(items, 0))
    between = flat.replace("},\n" + member + "{", f"\n{row}}},\n{row}{{\n{member}")
    # "[{a, b}, {c}]" → "[\n  {\n    a,\n    b\n  },\n  {\n    c\n  }\n]"
    return f"[\n{row}{{\n{member}{between[2:-2]}\n{row}}}\n{row[:-INDENT]}]"


def _table(rows: Rows, depth: int) -> str:
    """`rows` at `depth`, as `_rows` lays out a list of dicts: each column's values
    encoded in one call of the C encoder, then each row filled into one template of its
    keys (no dict is made). Plain values only, or the library's own error."""
    columns = rows.columns
    if not columns or not columns[0]:
        return "[]"
    if not rows.keys or any(not _PLAIN.issuperset(map(type, column)) for column in columns):
        raise TypeError("rows of plain values only")
    row = " " * (INDENT * (depth + 1))
    member = row + " " * INDENT
    template = (
        "{\n"
        + ",\n".join(f"{member}{_key(key).replace('%', '%%')}: %s" for key in rows.keys)
        + f"\n{row}}}"
    )
    encoded = [_column(column) for column in columns]
    body = f",\n{row}".join([template % values for values in zip(*encoded, strict=True)])
    return f"[\n{row}{body}\n{row[:-INDENT]}]"


def _column(values: list[Any]) -> list[str]:
    """Each of `values` (plain) as its JSON text, in one call of the C encoder: written
    one a line, since an encoded value never holds a raw newline."""
    global _line_encoder
    if _line_encoder is None:
        _line_encoder = _c_make_encoder(
            None, _no_default, _quote, None, ": ", "\n", False, False, True
        )
    return "".join(_line_encoder(values, 0))[1:-1].split("\n")
