"""`export json`'s two follow-up days, as `export csv` names them: `follow_up_done_on`
the day it was marked done, `follow_up_closed_on` the day a later touch closed it; the
listings' `follow_up_done_on` is the earlier of the two. Run through the command line."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from tests.hardening.helpers import netrack_in_process


def _netrack(*args: str | Path, db: Path, today: str) -> str:
    done = netrack_in_process(*map(str, args), "--db", str(db), today=today)
    assert done.returncode == 0, done.stderr
    return done.stdout


def _raj_and_ann(db: Path) -> None:
    """The report's steps: R1 marked done late and closed early by a back-dated reply,
    A1 closed by a reply and never marked."""
    for name in ("Raj", "Ann"):
        _netrack("contact", "add", name, db=db, today="2026-11-02")
    _netrack("log", "@raj fu:2026-11-04 R1", db=db, today="2026-11-02")
    _netrack("log", "@ann fu:2026-11-04 A1", db=db, today="2026-11-02")
    _netrack("followup", "done", "raj", db=db, today="2026-11-08")
    _netrack("log", "@raj on:2026-11-03 back-dated reply", db=db, today="2026-11-08")
    _netrack("log", "@ann on:2026-11-05 reply", db=db, today="2026-11-08")


def _follow_up_days(export: str, *keys: str) -> dict[str, tuple[Any, ...]]:
    return {i["note"]: tuple(i[key] for key in keys) for i in json.loads(export)["interactions"]}


def test_export_json_says_the_day_a_later_touch_closed_a_follow_up(tmp_path: Path) -> None:
    """The export kept only the day a follow-up was marked done: A1, closed by Ann's
    reply, read as never done, and R1 as done late, where every listing and the card
    count it done on the 3rd. The closing day is written beside it, as in the CSV."""
    db = tmp_path / "f2.db"
    _raj_and_ann(db)

    export = _netrack("export", "json", "--out", "-", db=db, today="2026-11-08")
    listed = _netrack("interaction", "list", "--format", "json", db=db, today="2026-11-08")

    keys = ("follow_up_on", "follow_up_done_on", "follow_up_closed_on")
    assert _follow_up_days(export, *keys) == {
        "R1": ("2026-11-04", "2026-11-08", "2026-11-03"),
        "A1": ("2026-11-04", None, "2026-11-05"),
        "back-dated reply": (None, None, None),
        "reply": (None, None, None),
    }
    # The listing's done day is the earlier of the export's two
    assert _follow_up_days(listed, "follow_up_done_on") == {
        "R1": ("2026-11-03",),
        "A1": ("2026-11-05",),
        "back-dated reply": (None,),
        "reply": (None,),
    }
    first = json.loads(export)["interactions"][0]
    assert list(first)[list(first).index("follow_up_done_on") + 1] == "follow_up_closed_on"
    # The CSV's column of the same name says the same days
    _netrack("export", "csv", "--out", tmp_path / "csv", db=db, today="2026-11-08")
    header, r1, a1, *_ = (tmp_path / "csv" / "interactions.csv").read_text().splitlines()
    closed = header.split(",").index("follow_up_closed_on")
    assert (r1.split(",")[closed], a1.split(",")[closed]) == ("2026-11-03", "2026-11-05")


def test_the_closing_day_survives_the_round_trip(tmp_path: Path) -> None:
    """SPEC: `import json` of the export into an empty database gives the same export.
    The closing day is derived (the import closes follow-ups again from the
    interactions), and an older export without it imports the same."""
    db, copy, older_copy = tmp_path / "a.db", tmp_path / "b.db", tmp_path / "c.db"
    _raj_and_ann(db)
    first = tmp_path / "first.json"
    _netrack("export", "json", "--out", first, db=db, today="2026-11-08")
    older = tmp_path / "older.json"
    document = json.loads(first.read_text(encoding="utf-8"))
    for interaction in document["interactions"]:
        del interaction["follow_up_closed_on"]
    older.write_text(json.dumps(document), encoding="utf-8")

    _netrack("import", "json", first, db=copy, today="2026-11-08")
    _netrack("import", "json", older, db=older_copy, today="2026-11-08")

    for imported in (copy, older_copy):
        again = tmp_path / f"{imported.stem}.json"
        _netrack("export", "json", "--out", again, db=imported, today="2026-11-08")
        assert again.read_bytes() == first.read_bytes()
