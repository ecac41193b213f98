"""Item 5: arbitrary text never raises anything but netrack's own errors, and hostile
names and notes are stored as typed (only whitespace is normalised, as for any name)."""

from __future__ import annotations

import contextlib
from datetime import date
from pathlib import Path

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from netrack.data.repo import Repo
from netrack.domain import quicklog, validate
from netrack.domain.errors import NetrackError
from netrack.domain.parsing import is_duration, parse_date, parse_duration, parse_money
from netrack.interop import linkedin, vcard

from .helpers import HOSTILE, hostile_text

TODAY = date(2026, 11, 27)
GRAMMAR = st.sampled_from(
    ["@", '@"', "+", '+"', "#", "!", "fu:", "on:", "$", '"', " ", "-3d", "1h30m", "99999w"]
)
LINES = st.lists(GRAMMAR | st.text(max_size=12), max_size=12).map("".join) | st.text()
FUZZ = settings(max_examples=300, deadline=None)


@FUZZ
@given(LINES, st.dates())
def test_quicklog_parser_raises_only_its_own_errors(line: str, today: date) -> None:
    try:
        parsed = quicklog.parse(line, today)
    except NetrackError:
        return
    assert parsed.contacts


@FUZZ
@given(st.text() | st.from_regex(r"[+-]?\d{1,6}[dw]|\d{4}-\d{1,2}-\d{1,2}"), st.dates())
def test_date_parser_raises_only_its_own_errors(text: str, today: date) -> None:
    for direction in ("past", "future"):
        with contextlib.suppress(NetrackError):
            assert isinstance(parse_date(text, today, direction), date)


@FUZZ
@given(st.text() | st.from_regex(r"\d{0,5}h?\d{0,6}m?(in)?"), st.booleans())
@example("¹", True)  # a digit to str.isdigit that int() refuses: it crashed the parser
def test_duration_and_money_parsers_raise_only_their_own_errors(text: str, bare: bool) -> None:
    with contextlib.suppress(NetrackError):
        assert parse_duration(text, allow_bare_minutes=bare) >= 0
    is_duration(text)
    with contextlib.suppress(NetrackError):
        assert parse_money(text) >= 0


CSV_PIECES = st.sampled_from(
    [
        ",",
        '"',
        "\n",
        "\r\n",
        "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n",
        "14 Oct 2026",
        "Notes:\n",
        "\ufeff",
        "\x00",
    ]
)
VCARD_PIECES = st.sampled_from(
    [
        "BEGIN:VCARD\r\n",
        "END:VCARD\r\n",
        "VERSION:3.0\r\n",
        "VERSION:4.0\n",
        "FN:Ana\r\n",
        "N:;;;;\r\n",
        "KIND:org\n",
        "ORG:Acme;Lab\n",
        "EMAIL;TYPE=work:a@b\n",
        " folded\n",
        "NOTE;ENCODING=QUOTED-PRINTABLE:=C3=A9=\n",
        ":",
        ";",
        "\\n",
        "\x00",
    ]
)


def _files(pieces: st.SearchStrategy[str]) -> st.SearchStrategy[bytes]:
    text = st.lists(pieces | st.text(max_size=10), max_size=20).map("".join)
    return text.map(lambda t: t.encode("utf-8", "surrogatepass")) | st.binary(max_size=300)


@settings(
    max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(_files(CSV_PIECES), _files(VCARD_PIECES))
def test_importer_parsers_raise_only_netrack_errors(tmp_path: Path, csv: bytes, vcf: bytes) -> None:
    for module, content, name in ((linkedin, csv, "in.csv"), (vcard, vcf, "in.vcf")):
        path = tmp_path / name
        path.write_bytes(content)
        with contextlib.suppress(NetrackError):
            module.parse(path)


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.binary(max_size=400) | st.text(max_size=200).map(str.encode))
def test_json_import_raises_only_netrack_errors(tmp_path: Path, content: bytes) -> None:
    from netrack.interop import api

    path = tmp_path / "in.json"
    path.write_bytes(content)
    repo = Repo.open(tmp_path / "fuzz.db", clock=lambda: TODAY)
    try:
        api.import_file(repo, "json", path)
    except NetrackError:
        pass
    finally:
        repo.close()


def test_hostile_names_and_notes_are_stored_unchanged(tmp_path: Path) -> None:
    repo = Repo.open(tmp_path / "netrack.db", clock=lambda: TODAY)
    for index, text in enumerate(HOSTILE):
        name = f"{text} {index}"
        contact = repo.contacts.add(name, organization=text, notes=text, title=text)
        stored = repo.contacts.get(contact.id)
        assert stored.name == validate.name(name)  # whitespace runs become one space
        assert stored.notes == text.strip() and stored.title == text.strip()
        entry = repo.activity.log([contact.id], note=text, value_received=text)
        again = repo.activity.get(entry.id)
        assert again.note == text.strip() and again.value_received == text.strip()
    repo.close()


@settings(
    max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(hostile_text())
def test_any_hostile_text_round_trips(tmp_path: Path, text: str) -> None:
    repo = Repo.open(tmp_path / "rt.db", clock=lambda: TODAY)
    try:
        contact = repo.contacts.add(text, notes=text)
    except NetrackError:
        return  # blank once whitespace is normalised, or too long: refused, not mangled
    finally:
        repo.close()
    repo = Repo.open(tmp_path / "rt.db", clock=lambda: TODAY)
    stored = repo.contacts.get(contact.id)
    repo.close()
    assert stored.name == validate.name(text) and stored.notes == text.strip()
