"""The fast JSON writer is `json.dumps(indent=2, ensure_ascii=False)` byte for byte, and
the text-safety fast paths change nothing."""

from __future__ import annotations

import json
import math
import sys

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from netrack.domain import visible as v
from netrack.domain.json_text import Rows, dumps


def reference(value: object) -> str:
    return json.dumps(value, indent=2, ensure_ascii=False)


# What `visible` promised as translation tables before it was written as one pattern and
# a function: every replaced code point and its stand-in, spelled out independently.
SINGLE_LINE: dict[int, str] = {code: chr(0x2400 + code) for code in range(0x20)}
SINGLE_LINE[0x09] = " "
SINGLE_LINE[0x7F] = "␡"
SINGLE_LINE.update({code: f"\\x{code:02x}" for code in range(0x80, 0xA0)})
_BIDI = (0x061C, 0x200E, 0x200F, *range(0x202A, 0x202F), *range(0x2066, 0x206A))
# Characters nobody sees that join nothing (zero-width space, word joiner, invisible
# operators, soft hyphen, …): a name would look like another.
_INVISIBLE = (
    *(0x00AD, 0x034F, 0x115F, 0x1160, 0x17B4, 0x17B5, *range(0x180B, 0x1810), 0x200B),
    *(*range(0x2060, 0x2066), *range(0x206A, 0x2070), 0x3164, 0xFEFF, 0xFFA0),
    *range(0xFFF9, 0xFFFC),
)
SINGLE_LINE.update({code: f"\\u{code:04x}" for code in (*_BIDI, *_INVISIBLE, 0x2028, 0x2029)})
SINGLE_LINE.update({code: f"\\u{code:04x}" for code in range(0xD800, 0xE000)})
SINGLE_LINE.update({code: f"\\x{code - 0xDC00:02x}" for code in range(0xDC80, 0xDD00)})
_TAGS = range(0xE0000, 0xE0080)  # "Tag" + U+E0069 … printed as "Tag": a hidden word
_ASTRAL = (*range(0x13430, 0x13440), *range(0x1BCA0, 0x1BCA4), *range(0x1D173, 0x1D17B))
SINGLE_LINE.update({code: f"\\U{code:08x}" for code in (*_TAGS, *_ASTRAL)})
MULTI_LINE = {**SINGLE_LINE, 0x0A: "\n"}


def _json_escape(code: int) -> str:
    if code <= 0xFFFF:
        return f"\\u{code:04x}"
    high, low = divmod(code - 0x10000, 0x400)
    return f"\\u{0xD800 + high:04x}\\u{0xDC00 + low:04x}"


JSON_ESCAPES = {code: _json_escape(code) for code in SINGLE_LINE if code != 0x0A}


# Every kind of text: control characters, bidi marks, lone surrogates, astral planes.
texts = st.text(
    st.characters(codec=None, min_codepoint=0, max_codepoint=0x10FFFF)
    | st.sampled_from(["\ud800", "\udc9b", "\u2028", "\x9b", "\x7f", "\t"]),
    max_size=8,
)
floats = st.floats(allow_nan=True, allow_infinity=True)
scalars = st.none() | st.booleans() | st.integers() | floats | texts
keys = texts | st.integers() | floats | st.booleans() | st.none()
values = st.recursive(
    scalars,
    lambda inner: (
        st.lists(inner, max_size=5)
        | st.lists(inner, max_size=4).map(tuple)
        | st.dictionaries(keys, inner, max_size=5)
    ),
    max_leaves=40,
)


@settings(max_examples=200, deadline=None)
@given(values)
def test_dumps_is_json_dumps_byte_for_byte(value: object) -> None:
    assert dumps(value) == reference(value)


# Lists of rows of plain values: the going-cold and stalled lists' shape, written in one
# call of the C encoder (rows whose text holds "}," "{" or newlines included).
rows = st.lists(
    st.dictionaries(keys | st.sampled_from(["}", "{", "},\n    {"]), scalars, min_size=1),
    min_size=1,
    max_size=6,
)


@settings(max_examples=150, deadline=None)
@given(rows, st.integers(0, 3))
def test_rows_at_any_depth_are_json_dumps_byte_for_byte(value: object, depth: int) -> None:
    for _ in range(depth):
        value = {"nested": [value]}
    assert dumps(value) == reference(value)


@st.composite
def tables(draw: st.DrawFn) -> Rows:
    """Rows given a column at a time: the card's going-cold and stalled lists as `render`
    hands them over, names that could be mistaken for the layout's text included."""
    odd_names = st.sampled_from(["}", "%s", "%", '"'])
    names = draw(st.lists(texts | odd_names, min_size=1, max_size=5, unique=True))
    count = draw(st.integers(0, 6))
    columns = [draw(st.lists(scalars, min_size=count, max_size=count)) for _ in names]
    return Rows(tuple(names), columns)


@settings(max_examples=150, deadline=None)
@given(tables(), st.integers(0, 3))
def test_rows_given_by_column_are_json_dumps_of_their_dicts(table: Rows, depth: int) -> None:
    value: object = {"going_cold": table, "after": 1}
    expected: object = {"going_cold": table.as_dicts(), "after": 1}
    for _ in range(depth):
        value, expected = {"nested": [value]}, {"nested": [expected]}
    assert dumps(value) == reference(expected)


def test_rows_holding_what_json_cannot_write_fall_back_to_the_library() -> None:
    with pytest.raises(TypeError):
        dumps({"rows": Rows(("a", "b"), [[1, 2], [object(), 3]])})


@settings(max_examples=120, deadline=None)
@given(values)
def test_safe_json_is_json_dumps_translated(value: object) -> None:
    # What safe_json promised before it was made faster: the library's text, translated.
    assert v.safe_json(value) == reference(value).translate(JSON_ESCAPES)


def test_the_card_shapes() -> None:
    """The shapes a scorecard holds: rows of plain values in lists in objects, empty
    containers at every depth, nulls, NaN and ±Infinity, floats that repr long."""
    value = {
        "period": {"kind": "week", "start": "2026-11-23", "complete": False},
        "going_cold": [{"name": "Ana\u202eLópez", "days": 40, "strength": None}] * 3,
        "trend": {"hours": [0.1 + 0.2, 1e-7, 1e22, -0.0], "spend": []},
        "nested": [[], {}, [[]], [{}], {"a": {}}, [1, [2, [3, {"b": [None]}]]]],
        "odd": [math.inf, -math.inf, math.nan, True, False, 10**30],
        "keys": {7: "a", 2.5: "b", True: "c", None: "d", "\x1b": "e"},
    }
    assert dumps(value) == reference(value)
    assert dumps([]) == "[]" and dumps({}) == "{}" and dumps("x\n") == '"x\\n"'


@pytest.mark.parametrize(
    "value",
    [{1: object()}, [object()], {(1, 2): 3}, {"a": {(1,): 1}}, {"a": set()}],
)
def test_what_json_refuses_is_refused_alike(value: object) -> None:
    with pytest.raises(TypeError) as ours:
        dumps(value)
    with pytest.raises(TypeError) as theirs:
        reference(value)
    assert str(ours.value) == str(theirs.value)


def test_a_cycle_is_refused_alike() -> None:
    cycle: list[object] = [1]
    cycle.append([cycle])
    with pytest.raises(ValueError, match="Circular reference"):
        dumps(cycle)


def test_subclasses_are_written_as_the_library_writes_them() -> None:
    from collections import OrderedDict
    from enum import IntEnum, StrEnum

    class Size(IntEnum):
        BIG = 3

    class Colour(StrEnum):
        RED = "red"

    value = {"a": [Size.BIG, Colour.RED], "b": OrderedDict(x=1), "c": (True, 1.5)}
    assert dumps(value) == reference(value)


def test_every_code_point_is_replaced_as_the_tables_say() -> None:
    every = "".join(chr(code) for code in range(sys.maxunicode + 1))
    assert v.visible(every) == every.translate(SINGLE_LINE)
    assert v.visible(every, multiline=True) == every.translate(MULTI_LINE)
    assert v.safe_json(every) == json.dumps(every, ensure_ascii=False).translate(JSON_ESCAPES)
    # Text with nothing to replace comes back as the very same object.
    plain = "Ana López · 30m → ok\n" * 100
    assert v.visible(plain, multiline=True) is plain
    assert v.visible("a\x1bb") == "a␛b" and v.visible("a\nb") == "a␊b"
