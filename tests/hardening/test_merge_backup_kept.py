"""A merge's "before-merge" copy is kept only when the merge is: a merge that waited for
another writer in vain, or was interrupted, left its full copy in backups/ (and `doctor`
named it the last backup) though it wrote nothing; a Ctrl-C before the copy left an
empty backups/ folder. So is `demo --force`'s "before-demo" copy."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import textwrap
from datetime import date
from pathlib import Path

import pytest

from netrack import cli
from netrack.data import backup
from netrack.data import db as dbmod
from netrack.data.repo import Repo, org_tidy, tidy

from .helpers import TODAY, env

MERGES = {
    "contact": ["contact", "merge", "Ana López", "A. López"],
    "org": ["org", "merge", "Acme", "Acme Corp"],
}


@pytest.fixture
def db(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("NETRACK_TODAY", TODAY)
    path = tmp_path / "netrack.db"
    repo = Repo.open(path, clock=lambda: date.fromisoformat(TODAY))
    repo.contacts.add("Ana López", organization="Acme")
    repo.contacts.add("A. López", organization="Acme Corp")
    repo.close()
    return path


def _rows(path: Path) -> list[tuple[str, str]]:
    with sqlite3.connect(path) as connection:
        query = (
            "SELECT contact.name, organization.name FROM contact"
            " JOIN organization ON organization.id = contact.organization_id ORDER BY contact.id"
        )
        return list(connection.execute(query))


@pytest.mark.parametrize("merge", sorted(MERGES))
def test_a_merge_kept_waiting_in_vain_leaves_no_backup(
    db: Path,
    merge: str,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.setattr(dbmod, "BUSY_TIMEOUT_S", 0.3)
    before = _rows(db)
    holder = sqlite3.connect(db, isolation_level=None)  # another program, writing
    holder.execute("BEGIN IMMEDIATE")
    try:
        code = cli.main([*MERGES[merge], "--db", str(db)])
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert (code, capsys.readouterr().err) == (
        2,
        f"netrack: {db} is busy (another program holds it for too long); try again\n",
    )
    assert _rows(db) == before
    assert not (db.parent / "backups").exists()  # made for the copy: gone with it


def test_an_interrupted_merge_keeps_the_backups_already_there(
    db: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    backups = db.parent / "backups"
    backups.mkdir()
    (backups / "netrack-20261101-090000-000001.db").write_bytes(b"an older backup")

    def ctrl_c(*_args: object) -> None:
        raise KeyboardInterrupt  # inside the merge's write, its copy made

    monkeypatch.setattr(org_tidy.OrgTidy, "_fill", ctrl_c)
    before = _rows(db)
    assert cli.main([*MERGES["org"], "--db", str(db)]) == 130
    assert capsys.readouterr().err == ("netrack: interrupted; the change under way was not saved\n")
    assert _rows(db) == before
    assert [p.name for p in backups.iterdir()] == ["netrack-20261101-090000-000001.db"]


@pytest.mark.parametrize("where", ["before the copy", "inside the write"])
def test_a_contact_merge_interrupted_leaves_no_backups_folder(
    db: Path, where: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def ctrl_c(*_args: object) -> None:
        raise KeyboardInterrupt

    if where == "before the copy":  # its folder made, nothing in it yet
        monkeypatch.setattr(backup, "temp_beside", ctrl_c)
    else:
        monkeypatch.setattr(tidy, "move_history", ctrl_c)
    before = _rows(db)
    assert cli.main([*MERGES["contact"], "--db", str(db)]) == 130
    assert capsys.readouterr().err.startswith("netrack: interrupted")
    assert _rows(db) == before
    assert not (db.parent / "backups").exists()


# The demo stopped inside its write, its copy made: by SIGTERM (which ended the process
# on the spot, the copy left behind), Ctrl-C, or a failed write.
STOPPED_DEMO = textwrap.dedent(
    """
    import os, signal, sys
    from netrack import cli, demo

    def stop(*_args):
        if sys.argv[1] == "SIGTERM":
            os.kill(os.getpid(), signal.SIGTERM)
        if sys.argv[1] == "Ctrl-C":
            raise KeyboardInterrupt
        from netrack.domain.errors import StorageError
        raise StorageError("disk full")

    demo.events = stop
    sys.exit(cli.main(["demo", "--force", "--no-tui", "--db", sys.argv[2]]))
    """
)


@pytest.mark.parametrize(
    ("stopped_by", "code", "said"),
    [
        ("SIGTERM", 128 + signal.SIGTERM, "netrack: stopped; the change under way was not saved"),
        ("Ctrl-C", 130, "netrack: interrupted; the change under way was not saved"),
        ("a failed write", 2, "netrack: disk full"),
    ],
)
def test_a_demo_force_stopped_after_its_copy_leaves_no_backup(
    db: Path, stopped_by: str, code: int, said: str
) -> None:
    before, files = _rows(db), sorted(os.listdir(db.parent))
    done = subprocess.run(
        [sys.executable, "-c", STOPPED_DEMO, stopped_by, str(db)],
        capture_output=True,
        text=True,
        env=env(),
        stdin=subprocess.DEVNULL,
        timeout=60,
    )
    assert (done.returncode, done.stdout, done.stderr) == (code, "", said + "\n")
    assert _rows(db) == before
    assert sorted(os.listdir(db.parent)) == files  # no backups/ folder, nothing hidden
