"""A contact's tags through every way in: each tag one line, commas separate tags (as the
form shows them), at most 100 characters, the same rule from the CLI, the form's Repo
call and `import json`."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from netrack.data.repo import Repo
from netrack.domain.errors import InputError
from netrack.interop import api
from tests.cli.conftest import database_dump

Run = Callable[..., Any]


def _tags(db: Path, name: str) -> tuple[str, ...]:
    repo = Repo.open(db, clock=lambda: date(2026, 11, 27))
    try:
        return next(c.tags for c in repo.contacts.all() if c.name == name)
    finally:
        repo.close()


def test_cli_tags_are_one_line_each_and_commas_separate_them(run: Run, db: Path) -> None:
    added = run(
        "contact", "add", "Cy", "--tag", "two\nlines", "--tag", "a, b,,c", "--tag", "  spaced   out "
    )  # fmt: skip
    assert (added.code, added.err) == (0, "")
    assert _tags(db, "Cy") == ("a", "b", "c", "spaced out", "two lines")

    shown = run("contact", "show", "Cy")
    assert "tags    a, b, c, spaced out, two lines\n" in shown.out

    assert run("contact", "edit", "Cy", "--tag", "z,  y").code == 0
    assert _tags(db, "Cy") == ("y", "z")


def test_a_tag_is_one_tag_in_any_case_when_added_and_when_merged(run: Run, db: Path) -> None:
    """ "Recruiter" and "recruiter" sat side by side on one contact, and a merge joined
    "ML Eng", "Ml Eng" and "ml eng": the first spelling given is kept, the kept
    contact's in a merge."""
    added = run("contact", "add", "K", "--tag", "Recruiter", "--tag", "ML  Eng", "--tag", "ml eng")
    assert added.code == 0
    assert _tags(db, "K") == ("ML Eng", "Recruiter")
    other = ("--tag", "recruiter", "--tag", "Ml Eng", "--tag", "python")
    assert run("contact", "add", "O", *other).code == 0
    assert run("contact", "merge", "K", "O").code == 0
    assert _tags(db, "K") == ("ML Eng", "Recruiter", "python")
    # Case twins an older netrack kept on one contact: the first spelling comes over
    assert run("contact", "add", "Kim", "--tag", "Data Eng").code == 0
    repo = Repo.open(db, clock=lambda: date(2026, 11, 27))
    try:
        kim = next(c.id for c in repo.contacts.all() if c.name == "Kim")
        from netrack.data import tables as t

        with repo.store.bound():
            t.ContactTag.create(contact=kim, tag="data eng")
    finally:
        repo.close()
    assert run("contact", "merge", "K", "Kim").code == 0
    assert _tags(db, "K") == ("Data Eng", "ML Eng", "Recruiter", "python")


def test_a_tag_too_long_is_one_line_and_writes_nothing(run: Run, db: Path) -> None:
    assert run("contact", "add", "Cy", "--tag", "kept").code == 0
    before = database_dump(db)

    for argv in (("contact", "add", "Dee"), ("contact", "edit", "Cy")):
        result = run(*argv, "--tag", "ok", "--tag", "x" * 120)
        assert result.code == 2
        # quoted and closed however it is cut ('xxx…' : it read 'xxx… unclosed)
        assert result.err == f"netrack: tag '{'x' * 57}…' is too long (100 characters at most)\n"

    assert database_dump(db) == before
    assert run("contact", "add", "Dee", "--tag", "x" * 100).code == 0


def test_the_forms_repo_call_applies_the_same_rule(repo: Repo) -> None:
    cy = repo.contacts.add("Cy", tags=["one, two"])
    assert cy.tags == ("one", "two")
    with pytest.raises(InputError, match=r"is too long \(100 characters at most\)$"):
        repo.contacts.update(cy.id, tags=["y" * 101])
    assert repo.contacts.get(cy.id).tags == ("one", "two")


def test_import_json_stores_tags_as_the_cli_does(repo: Repo, tmp_path: Path) -> None:
    long = "r" * 150  # stored before tags had a limit: a restore brings it back whole
    doc: dict[str, Any] = {
        "format": "netrack",
        "schema_version": 1,
        "contacts": [
            {"ref": 1, "name": "Ana", "met_on": "2026-09-01", "tags": ["two\nlines", "a,b"]},
            {"ref": 2, "name": "Raj", "met_on": "2026-09-02", "tags": ["ok", long]},
            {"ref": 3, "name": "Zed", "met_on": "2026-09-02", "tags": ["z" * 10_001]},
        ],
    }
    path = tmp_path / "in.json"
    path.write_text(json.dumps(doc), encoding="utf-8")

    summary = api.import_file(repo, "json", path)

    assert "  skipped contacts[2].tags: tag 'zzzz" in summary
    assert "is too long (10000 characters at most)" in summary
    assert [(c.name, c.tags) for c in repo.contacts.all()] == [
        ("Ana", ("a", "b", "two lines")),
        ("Raj", ("ok", long)),  # tags sort: "o" before "r"
    ]
