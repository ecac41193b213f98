"""The `netrack` console script: the command line, and a Ctrl-C that comes while the
program is still loading (its first ~80 ms) said in one line, not a traceback."""

from __future__ import annotations

import sys


def run() -> int:
    try:
        from netrack.cli import run as command
    except KeyboardInterrupt:
        sys.stderr.write("netrack: interrupted before it began; nothing was changed\n")
        return 130
    return command()
