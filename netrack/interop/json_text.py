"""The export's JSON text written piece by piece, byte for byte what
`json.dumps(document, ensure_ascii=False, indent=2) + "\\n"` gives for the whole
document, without holding it: a history of a million interactions made a 435 MB text
and took 4 GB to build at once. A long list comes as chunks of its items (`Chunks`)
and is written a chunk at a time; every other value is written whole."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from typing import Any

_ENCODER = json.JSONEncoder(ensure_ascii=False, indent=2)
_INDENT = "  "  # one level, as `indent=2` writes it
_PIECE = 1 << 20  # characters gathered before they are written


class Chunks:
    """A JSON list given as chunks of its items (lists), read as they are written."""

    def __init__(self, chunks: Iterable[list[Any]]) -> None:
        self.chunks = chunks

    def whole(self) -> list[Any]:
        return [item for chunk in self.chunks for item in chunk]


def document_bytes(members: Iterable[tuple[str, Any]]) -> Iterator[bytes]:
    """The JSON object of `members` (key, value or `Chunks`), indented, ending in a
    newline, as UTF-8 pieces of about a megabyte."""
    gathered: list[str] = []
    size = 0
    for text in _object_text(members):
        gathered.append(text)
        size += len(text)
        if size >= _PIECE:
            yield "".join(gathered).encode("utf-8")
            gathered, size = [], 0
    yield "".join(gathered).encode("utf-8")


def _object_text(members: Iterable[tuple[str, Any]]) -> Iterator[str]:
    separator = "{\n" + _INDENT
    for key, value in members:
        yield f"{separator}{_ENCODER.encode(key)}: "
        if isinstance(value, Chunks):
            yield from _list_text(value)
        else:
            yield _one_level_in(_ENCODER.encode(value))
        separator = ",\n" + _INDENT
    yield "\n}\n"


def _list_text(value: Chunks) -> Iterator[str]:
    """A list one level in, its items written a chunk at a time: each chunk encoded as a
    list of its own, moved one level in, its brackets taken off."""
    closing = "\n" + _INDENT + "]"
    opening = "["
    for chunk in value.chunks:
        if chunk:
            yield opening
            yield _one_level_in(_ENCODER.encode(chunk))[1 : -len(closing)]
            opening = ","
    yield "[]" if opening == "[" else closing


def _one_level_in(text: str) -> str:
    # JSON text holds a newline only between its tokens (a string's is written "\n").
    return text.replace("\n", "\n" + _INDENT)
