"""Reading a netrack JSON export safely: every value checked, every error located.

A JSON file gives no useful line for "contacts[3].strength is 9", so content errors name
the JSON path instead (`file: contacts[3].strength: …`); a syntax error names the line.
"""

from __future__ import annotations

import json
from datetime import date
from enum import StrEnum
from pathlib import Path
from typing import Any, TypeVar

from netrack.data.migrations import LATEST
from netrack.domain import validate
from netrack.domain.errors import InputError
from netrack.interop.files import read_text
from netrack.interop.json_io import FORMAT
from netrack.interop.records import located

E = TypeVar("E", bound=StrEnum)


def load(path: Path) -> dict[str, Any]:
    """The parsed document, after checking it is a netrack export this netrack can read."""
    try:
        document = json.loads(read_text(path))
    except json.JSONDecodeError as error:
        raise located(path, error.lineno, f"not valid JSON ({error.msg})") from None
    if not isinstance(document, dict) or document.get("format") != FORMAT:
        raise located(path, 1, f'not a netrack JSON export (no "format": "{FORMAT}")')
    version = document.get("schema_version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise InputError(f"{path}: schema_version must be a whole number")
    if version > LATEST:
        raise InputError(
            f"{path} was written by a newer netrack (schema {version}, this one knows "
            f"{LATEST}); upgrade netrack to import it"
        )
    return document


class Item:
    """One object of the document, with typed, validated getters."""

    def __init__(self, path: Path, where: str, data: object) -> None:
        self.path, self.where = path, where
        if not isinstance(data, dict):
            raise self.fail("", "expected an object")
        self.data: dict[str, Any] = data

    def fail(self, key: str, message: str) -> InputError:
        where = f"{self.where}.{key}" if key else self.where
        return InputError(f"{self.path}: {where}: {message}")

    def _get(self, key: str, kinds: tuple[type, ...], default: Any) -> Any:
        value = self.data.get(key, default)
        if value is None:
            return default
        if isinstance(value, bool) and bool not in kinds:
            raise self.fail(key, f"expected {kinds[0].__name__}, found {value!r}")
        if not isinstance(value, kinds):
            raise self.fail(key, f"expected {kinds[0].__name__}, found {value!r}")
        return value

    def checked(self, key: str, check: Any, *args: Any) -> Any:
        """Run a `validate` function on a value, re-raising its error with the path."""
        try:
            return check(*args)
        except InputError as error:
            raise self.fail(key, str(error)) from None

    def text(self, key: str) -> str:
        return str(self.checked(key, validate.text, self._get(key, (str,), ""), key))

    def name(self, key: str, what: str = "name") -> str:
        return str(self.checked(key, validate.name, self._get(key, (str,), ""), what))

    def optional_text(self, key: str) -> str | None:
        value = self._get(key, (str,), None)
        return None if value is None else self.text(key)

    def day(self, key: str, required: bool = False) -> date | None:
        value = self._get(key, (str,), None)
        if value is None:
            if required:
                raise self.fail(key, "a date is required")
            return None
        try:
            return date.fromisoformat(value)
        except ValueError:
            raise self.fail(key, f"bad date {value!r} (expected YYYY-MM-DD)") from None

    def whole(self, key: str, low: int, high: int) -> int | None:
        value = self._get(key, (int,), None)
        return self.checked(key, validate.bounded, value, low, high, key)  # type: ignore[no-any-return]

    def number(self, key: str) -> float:
        value = float(self._get(key, (int, float), 0))
        if value < 0:
            raise self.fail(key, "must not be negative")
        return value

    def flag(self, key: str) -> bool:
        return bool(self._get(key, (bool,), False))

    def choice(self, key: str, enum: type[E], optional: bool = True) -> E | None:
        value = self._get(key, (str,), None)
        if value is None and not optional:
            raise self.fail(key, "a value is required")
        return self.checked(key, validate.optional_choice, enum, value, key)  # type: ignore[no-any-return]

    def ref(self, key: str, refs: dict[int, int], required: bool = False) -> int | None:
        """A position in another list, turned into the database id it landed on."""
        value = self._get(key, (int,), None)
        if value is None:
            if required:
                raise self.fail(key, "a reference is required")
            return None
        if value not in refs:
            raise self.fail(key, f"refers to {value}, which is not in the file")
        return refs[value]

    def items(self, key: str) -> list[Item]:
        return [
            Item(self.path, f"{self.where}.{key}[{n}]", v) for n, v in enumerate(self.list(key))
        ]

    def list(self, key: str) -> list[Any]:
        return list(self._get(key, (list,), []))


def section(path: Path, document: dict[str, Any], key: str) -> list[Item]:
    value = document.get(key, [])
    if not isinstance(value, list):
        raise InputError(f"{path}: {key}: expected a list")
    return [Item(path, f"{key}[{n}]", row) for n, row in enumerate(value)]
