"""The keyboard, read from a terminal that may not speak UTF-8.

Textual's Linux driver decodes what the terminal sends as strict UTF-8, on a thread of
its own: one "é" typed on a Latin-1 terminal (the byte 0xE9) raised UnicodeDecodeError
there, the app ended with a traceback, the draft typed so far was lost, and the exit
status was 0 (Textual shows such a crash but leaves the status alone).

Here a byte that is not UTF-8 is read as Latin-1: the one encoding it can have come
from that gives every byte a character, and the character the user typed ("café", not
"caf\ufffd", which they would have to find and type again on a terminal that cannot
type it). Any other failure of that thread ends the app with exit status 1 and one line.

Only the terminal's own driver changes: `run_test()` and `run(headless=True)` use
Textual's headless driver, untouched.
"""

from __future__ import annotations

import codecs
import os
import selectors
from contextlib import suppress

from textual._loop import loop_last
from textual._parser import ParseError
from textual._xterm_parser import XTermParser
from textual.drivers.linux_driver import LinuxDriver

READ_SIZE = 4096  # bytes read at a time, as Textual reads them
WAIT_SECONDS = 0.1  # a pause in the typing: Textual's own wait between reads
# What the UTF-8 decoder makes of a byte that is not UTF-8 ("surrogateescape"): the
# character U+DC00 + byte. `str.translate` maps each back to the byte's Latin-1 one.
_ESCAPED_AS_LATIN_1 = {0xDC80 + byte: 0x80 + byte for byte in range(0x80)}


class TerminalDecoder:
    """The terminal's bytes as text: UTF-8, and a byte that is not UTF-8 as Latin-1.

    A character's first bytes are held until its last comes (in the same read on a
    UTF-8 terminal); `flush` lets go of bytes held when no more came, as Latin-1: on a
    Latin-1 terminal "é" (0xE9) opens a three-byte UTF-8 character, and without it the
    "é" typed last would not show until the next key.
    """

    def __init__(self) -> None:
        self._utf8 = codecs.getincrementaldecoder("utf-8")(errors="surrogateescape")

    def decode(self, data: bytes, final: bool = False) -> str:
        return self._utf8.decode(data, final).translate(_ESCAPED_AS_LATIN_1)

    @property
    def holding(self) -> bool:
        held, _ = self._utf8.getstate()
        return bool(held)

    def flush(self) -> str:
        return self.decode(b"", final=True)


class KeyboardDriver(LinuxDriver):
    """Textual's Linux driver, reading keys with `TerminalDecoder`; a crash of its input
    thread ends the app with exit status 1 (Textual's ended it with status 0)."""

    _stopped_by = ""  # why the input thread crashed, said once the app has ended

    def run_input_thread(self) -> None:
        """Textual's loop (LinuxDriver.run_input_thread, textual 8.2.8) with this
        module's decoder for its strict UTF-8 one, and held bytes let go in a pause."""
        selector = selectors.SelectSelector()
        selector.register(self.fileno, selectors.EVENT_READ)
        parser = XTermParser(self._debug)
        decoder = TerminalDecoder()

        def dispatch(text: str) -> None:
            for event in parser.feed(text):
                self.process_message(event)

        def process(ready: list[tuple[selectors.SelectorKey, int]], final: bool = False) -> None:
            for last, (_key, mask) in loop_last(ready):
                if mask & selectors.EVENT_READ:
                    text = decoder.decode(os.read(self.fileno, READ_SIZE), final and last)
                    if not text:  # a piped standard input's end, or bytes held back
                        break
                    dispatch(text)
            if not ready and decoder.holding:
                dispatch(decoder.flush())
            for event in parser.tick():
                self.process_message(event)

        try:
            while not self.exit_event.is_set():
                process(selector.select(WAIT_SECONDS))
            selector.unregister(self.fileno)
            process(selector.select(WAIT_SECONDS), final=True)
        finally:
            selector.close()
            # Textual ends its parser the same way, ignoring what it says then.
            with suppress(EOFError, ParseError):
                for _event in parser.feed(""):
                    pass

    def _run_input_thread(self) -> None:
        # Textual's version shows a traceback through `App.panic`, which leaves the exit
        # status at 0: a script or a wrapper saw a crash as a quit.
        try:
            self.run_input_thread()
        except BaseException as problem:
            self._stop_the_app(problem)

    def _stop_the_app(self, problem: BaseException) -> None:
        if self.exit_event.is_set() or self._app.return_code is not None:
            return  # the app was ending already (q, a signal): its status stands
        trace = None
        if os.environ.get("NETRACK_DEBUG"):  # the trace on request, as the CLI gives it
            import rich.traceback

            trace = rich.traceback.Traceback()
        self._stopped_by = f"{type(problem).__name__}: {problem}"
        self._app.call_later(self._app.exit, None, 1, trace)

    def close(self) -> None:
        """The terminal is itself again: say why the app stopped, if it was this thread.
        Not through `App.exit`'s message, which Rich cuts into lines at the width."""
        super().close()
        if self._stopped_by and self._file is not None:
            with suppress(OSError):  # the terminal is gone: nobody to tell
                self._file.write(
                    f"netrack: stopped: cannot read the keyboard: {self._stopped_by}\n"
                )
                self._file.flush()
