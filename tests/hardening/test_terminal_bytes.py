"""SPEC, TUI: the app survives a terminal whose encoding is not UTF-8, and exits
non-zero if it crashed. `netrack` runs as a real process on a pseudo-terminal, which is
sent the bytes a terminal sends."""

from __future__ import annotations

import fcntl
import os
import re
import struct
import subprocess
import sys
import termios
import threading
import time
from pathlib import Path

from .helpers import env, netrack_in_process

ESCAPES = re.compile(r"\x1b(\[[0-?]*[ -/]*[@-~]|[@-Z\\-_])")  # CSI and two-byte ones
WAIT = 30.0  # seconds for what the app shows or does: a slow machine, never a hang
# Starts netrack as `python -m netrack` does, after PRELUDE (a fault to inject) has run.
LAUNCH = "import sys\n{prelude}\nfrom netrack import cli\nsys.exit(cli.main(sys.argv[1:]))\n"
# Typing "!" breaks the reading of the keyboard, as a gone or broken terminal would.
BROKEN_KEYBOARD = """
from textual._xterm_parser import XTermParser
feed = XTermParser.feed
def broken(self, data):
    if "!" in data:
        raise OSError(5, "Input/output error")
    return feed(self, data)
XTermParser.feed = broken
"""


def _terminal_env() -> dict[str, str]:
    """netrack's environment, on a terminal: no CI (it would print the card instead),
    and the terminal's own size, not COLUMNS and LINES (pytest's workers may set them)."""
    outside = ("CI", "COLUMNS", "LINES")
    return {k: v for k, v in env(TERM="xterm-256color").items() if k not in outside}


class Terminal:
    """A pseudo-terminal (100×30) running netrack; all it was sent back is `shown`."""

    def __init__(self, db: Path, prelude: str = "") -> None:
        leader, follower = os.openpty()
        fcntl.ioctl(follower, termios.TIOCSWINSZ, struct.pack("HHHH", 30, 100, 0, 0))
        self.leader = leader
        self.process = subprocess.Popen(
            [sys.executable, "-c", LAUNCH.format(prelude=prelude), "--db", str(db)],
            stdin=follower,
            stdout=follower,
            stderr=follower,
            env=_terminal_env(),
            start_new_session=True,
        )
        os.close(follower)
        self._shown = bytearray()
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    def _read(self) -> None:
        while True:
            try:
                chunk = os.read(self.leader, 65536)
            except OSError:  # every copy of the follower closed: the process has ended
                return
            if not chunk:
                return
            self._shown += chunk

    @property
    def shown(self) -> str:
        return bytes(self._shown).decode("utf-8", errors="replace")

    def send(self, data: bytes) -> None:
        os.write(self.leader, data)

    def wait_for(self, text: str) -> None:
        deadline = time.monotonic() + WAIT
        while text not in self.shown:
            assert self.process.poll() is None, f"ended ({self.process.returncode}): {self.shown}"
            assert time.monotonic() < deadline, f"{text!r} never shown:\n{self.shown[-3000:]}"
            time.sleep(0.05)

    def ended(self) -> int:
        """The exit status; a process still running after WAIT (a test that failed
        half-way) is killed."""
        try:
            code = self.process.wait(timeout=WAIT)
        except subprocess.TimeoutExpired:
            self.process.kill()
            code = self.process.wait()
        self._reader.join(timeout=WAIT)
        os.close(self.leader)
        return code


def _notes(db: Path) -> list[str]:
    import json

    listed = netrack_in_process("interaction", "list", "--format", "json", "--db", str(db))
    return [entry["note"] for entry in json.loads(listed.stdout)["interactions"]]


def test_an_e_acute_from_a_latin_1_terminal_is_typed_as_one(populated: Path) -> None:
    """ "é" typed on a Latin-1 terminal is the byte 0xE9, not UTF-8: Textual's reading of
    the keyboard raised UnicodeDecodeError, a traceback ended the app (exit 0) and the
    line being typed was lost. It is read as the Latin-1 "é" it is; typed last, it
    shows without waiting for the next key."""
    terminal = Terminal(populated)
    try:
        terminal.wait_for("Pipeline")
        terminal.send(b"l")
        terminal.wait_for("Quick log")
        terminal.send(b"@ana #call 30m caf\xe9")
        terminal.wait_for("caf\u00e9")  # the byte alone, let go in the pause after it
        terminal.send(b" bar \xe0 mi-temps")
        terminal.wait_for("caf\u00e9 bar \u00e0 mi-temps")
        terminal.send(b"\r")
        terminal.wait_for("logged call with Ana")
        terminal.send(b"q")
    finally:
        code = terminal.ended()
    assert "Traceback" not in terminal.shown and "Error" not in terminal.shown
    assert code == 0
    assert "caf\u00e9 bar \u00e0 mi-temps" in _notes(populated)


def test_a_crash_of_the_keyboard_reading_exits_1_with_one_line(populated: Path) -> None:
    """Textual shows a crash of its keyboard-reading thread with a traceback and leaves
    the exit status at 0: a script saw a quit. netrack exits 1 and says one line."""
    terminal = Terminal(populated, prelude=BROKEN_KEYBOARD)
    try:
        terminal.wait_for("Pipeline")
        terminal.send(b"!")
    finally:
        code = terminal.ended()
    assert code == 1, terminal.shown[-3000:]
    assert "Traceback" not in terminal.shown
    # What the app said after leaving the alternate screen, its escape sequences taken out.
    said = ESCAPES.sub("", terminal.shown.rsplit("\x1b[?1049l", 1)[-1])
    lines = [line for line in said.splitlines() if line.strip()]
    assert lines == [
        "netrack: stopped: cannot read the keyboard: OSError: [Errno 5] Input/output error"
    ], said
