"""SPEC, Command line: text is printed with control characters made visible, never sent
raw to the terminal; README: in JSON they arrive as JSON escapes. `export … --out -`
on a terminal (and `--out /dev/tty`) stays valid in its format: JSON is the same
document `--format json` would print, with the same escapes; a pipe gets the bytes as
they are stored (the round trip and the backups read them)."""

from __future__ import annotations

import fcntl
import json
import os
import subprocess
import sys
import termios
import threading
from pathlib import Path

from icalendar import Calendar

from netrack.data import migrations
from tests.cli.conftest import TODAY
from tests.cli.test_standard_streams import netrack, prepared

# DEL, a C1 CSI, a bidi override, ESC: each one something a terminal acts on.
NAME = "A\x7fB\x9bC\u202eD\x1b[31m"
WAIT = 60.0


def on_terminal(
    *argv: str, output_piped: bool = False
) -> tuple[subprocess.CompletedProcess[bytes], str]:
    """`netrack ARGV` with a pseudo-terminal as its standard input and output (a pipe if
    `output_piped`) and controlling terminal (`/dev/tty`), standard error a pipe: its
    result (output piped: its stdout), and the text the terminal was sent, its line ends
    as written (the terminal's CR LF read back as LF)."""
    leader, follower = os.openpty()

    def controlled_by_it() -> None:  # in the child: a session of its own, this terminal
        os.setsid()
        fcntl.ioctl(0, termios.TIOCSCTTY, 0)

    shown = bytearray()

    def read() -> None:  # as it comes: a terminal's buffer full would hold the process
        while True:
            try:
                chunk = os.read(leader, 65536)
            except OSError:  # every copy of the follower closed: the process has ended
                return
            if not chunk:
                return
            shown.extend(chunk)

    reader = threading.Thread(target=read, daemon=True)
    try:
        process = subprocess.Popen(
            [sys.executable, "-m", "netrack", *argv],
            stdin=follower,
            stdout=subprocess.PIPE if output_piped else follower,
            stderr=subprocess.PIPE,
            env={**os.environ, "NETRACK_TODAY": TODAY, "CI": "true"},
            preexec_fn=controlled_by_it,
        )
        os.close(follower)
        reader.start()
        out, err = process.communicate(timeout=WAIT)
        reader.join(timeout=WAIT)
    finally:
        os.close(leader)
    result = subprocess.CompletedProcess(process.args, process.returncode, out or b"", err)
    return result, bytes(shown).decode("utf-8").replace("\r\n", "\n")


def _hostile_database(tmp_path: Path) -> str:
    db = str(tmp_path / "a.db")
    prepared("contact", "add", NAME, "--email", "a@x.example", "--db", db)
    prepared("log", "--with", "id:1", "--follow-up", "+3d", "--note", NAME, "--db", db)
    return db


def test_a_json_export_on_a_terminal_is_the_document_with_json_escapes(tmp_path: Path) -> None:
    """On a terminal the export's DEL was printed as the glyph ␡ (another string) and a
    C1 control as `\\x9b`, which is no JSON escape: the document did not parse. It reads
    back as the export a pipe gets, every string the same, its escapes those of
    `--format json`; a pipe still gets the bytes as stored."""
    db = _hostile_database(tmp_path)
    piped = netrack("export", "json", "--out", "-", "--db", db)
    assert piped.returncode == 0, piped.stderr
    # a pipe: the file as it is, byte for byte (ESC escaped, as JSON has it in a string)
    assert "A\x7fB\x9bC\u202eD\\u001b[31m".encode() in piped.stdout
    shown, text = on_terminal("export", "json", "--out", "-", "--db", db)
    assert shown.returncode == 0, shown.stderr
    assert json.loads(text) == json.loads(piped.stdout)
    escaped = '"A\\u007fB\\u009bC\\u202eD\\u001b[31m"'
    assert f'"name": {escaped}' in text
    listed = netrack("contact", "list", "--format", "json", "--db", db).stdout.decode()
    assert f'"name": {escaped}' in listed  # the escapes --format json prints
    assert not any(ch in text for ch in "\x7f\x9b\u202e\x1b␡")


def test_a_json_export_to_dev_tty_is_shown_as_on_standard_output(tmp_path: Path) -> None:
    """`--out /dev/tty` (standard output a pipe) sent DEL, CSI and the bidi override raw
    to the terminal; it gets what `--out -` on the terminal gets."""
    db = _hostile_database(tmp_path)
    piped = netrack("export", "json", "--out", "-", "--db", db)
    shown, text = on_terminal("export", "json", "--out", "/dev/tty", "--db", db, output_piped=True)
    assert shown.returncode == 0, shown.stderr
    schema = migrations.latest()
    assert shown.stdout == f"exported everything (schema {schema}) to /dev/tty\n".encode()
    assert json.loads(text) == json.loads(piped.stdout)
    assert not any(ch in text for ch in "\x7f\x9b\u202e\x1b")


def test_vcard_and_ics_on_a_terminal_show_control_characters_as_their_own_text(
    tmp_path: Path,
) -> None:
    """`export … --out -` to a terminal sent a name's bidi override (U+202E) and ESC raw
    to it; then showed it as `\\u202e`, an escape neither vCard nor iCalendar has (read
    back as `u202e`). The stand-in is written as text of the format, and reads back as
    it shows; a pipe still gets the bytes as stored."""
    db = _hostile_database(tmp_path)
    piped = netrack("export", "vcard", "--out", "-", "--db", db)
    assert "\u202e".encode() in piped.stdout  # a pipe: the file as it is
    for fmt in ("vcard", "ics"):
        shown, text = on_terminal("export", fmt, "--out", "-", "--db", db)
        assert shown.returncode == 0, shown.stderr
        assert not any(ch in text for ch in "\x7f\x9b\u202e\x1b"), text
    # The file writers show DEL, C1 and ESC already (vCard as U+FFFD); the terminal, the rest
    vcard = on_terminal("export", "vcard", "--out", "-", "--db", db)[1]
    assert "FN:A\ufffdB\ufffdC\\\\u202eD\ufffd[31m\n" in vcard
    copy = str(tmp_path / "b.db")
    read = netrack("import", "vcard", "-", "--db", copy, data=vcard.encode())
    assert read.returncode == 0, read.stderr
    listed = json.loads(netrack("contact", "list", "--format", "json", "--db", copy).stdout)
    assert [c["name"] for c in listed["contacts"]] == ["A\ufffdB\ufffdC\\u202eD\ufffd[31m"]
    ics = on_terminal("export", "ics", "--out", "-", "--db", db)[1]
    (event,) = Calendar.from_ical(ics.replace("\n", "\r\n")).walk("VEVENT")
    assert str(event["SUMMARY"]) == "Follow up: A␡B\\x9bC\\u202eD␛[31m"
