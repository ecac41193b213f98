"""What the hardening tests share: running netrack as a real process, faults to inject,
and hostile text (also meant for the TUI's tests: see `HOSTILE` and `hostile_text`)."""

from __future__ import annotations

import ctypes
import hashlib
import io
import os
import subprocess
import sys
import textwrap
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import strategies as st

TODAY = "2026-11-27"
PR_CAPBSET_DROP = 24
# CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH, CAP_FOWNER: what lets root ignore file modes.
DAC_CAPABILITIES = (1, 2, 3)

# Names and notes a user (or an imported file) may bring: markup, escapes, controls.
HOSTILE: tuple[str, ...] = (
    "[bold]Ana[/bold]",
    "[link=https://evil.example]click[/link]",
    "[/]",
    "[red",
    "\x1b[31mred\x1b[0m",
    "\x1b]8;;https://evil.example\x1b\\link\x1b]8;;\x1b\\",
    "\x1b[2J\x1b[H cleared",
    "bell\x07 back\x08space del\x7f c1\x9b",  # NUL: refused (tests/cli/test_json_import_edges)
    ":smile: $(rm -rf ~) `id` %s {0} {{}}",
    '=HYPERLINK("http://evil.example")',
    "\u202eevil\u202c rtl override",
    "Zoë 🧭 שלום",
)


def hostile_text(min_size: int = 1) -> st.SearchStrategy[str]:
    """Arbitrary text biased towards markup, escapes and control characters."""
    pieces = st.sampled_from(HOSTILE) | st.text(min_size=1, max_size=20)
    return st.lists(pieces, min_size=min_size, max_size=4).map("".join)


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def env(**extra: str) -> dict[str, str]:
    out = {k: v for k, v in os.environ.items() if not k.startswith(("NETRACK_", "COV"))}
    out.update(NETRACK_TODAY=TODAY, CI="1", **extra)
    return out


def netrack(
    *args: str,
    extra_env: dict[str, str] | None = None,
    preexec: Callable[[], None] | None = None,
    timeout: float = 60,
) -> subprocess.CompletedProcess[str]:
    """`python -m netrack ARGS` as a separate process (put `--db` after the command)."""
    return subprocess.run(
        [sys.executable, "-m", "netrack", *args],
        capture_output=True,
        text=True,
        env=env(**(extra_env or {})),
        preexec_fn=preexec,
        timeout=timeout,
        stdin=subprocess.DEVNULL,
    )


def netrack_in_process(*args: str, today: str = TODAY) -> subprocess.CompletedProcess[str]:
    """`netrack ARGS` as `netrack` answers it, run by `cli.main` in this process: for a
    test of what a command says and does to the files, not of the process itself
    (signals, streams, start-up, another user, locks between processes: `netrack`).
    The environment is `netrack`'s (`env()`, "today" `today`), standard input empty,
    standard output and error pipes' (UTF-8, no terminal, read back as `text=True`
    reads them). A new interpreter costs ~0.1 s of CPU, most of such a test."""
    from netrack import cli

    raw = {name: io.BytesIO() for name in ("stdin", "stdout", "stderr")}
    streams = {name: io.TextIOWrapper(data, encoding="utf-8") for name, data in raw.items()}
    umask = os.umask(0o077)  # this process's, given back after (`cli.main` sets its own)
    os.umask(umask)
    try:
        with pytest.MonkeyPatch.context() as patch:
            for name in [n for n in os.environ if n.startswith(("NETRACK_", "COV"))]:
                patch.delenv(name)
            patch.setenv("NETRACK_TODAY", today)
            patch.setenv("CI", "1")
            for name, stream in streams.items():
                patch.setattr(sys, name, stream)
            code = cli.main(list(args))
    finally:
        os.umask(umask)
    said = []
    for name in ("stdout", "stderr"):
        streams[name].flush()
        said.append(io.TextIOWrapper(io.BytesIO(raw[name].getvalue()), encoding="utf-8").read())
    return subprocess.CompletedProcess(["netrack", *args], code, said[0], said[1])


def assert_one_clear_line(result: subprocess.CompletedProcess[str], *words: str) -> str:
    """Exit 2, nothing on stdout, exactly one `netrack: …` line on stderr."""
    err = result.stderr
    assert "Traceback" not in err, err
    assert result.returncode == 2, (result.returncode, err)
    lines = err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("netrack: "), err
    for word in words:
        assert word in lines[0], (word, lines[0])
    return lines[0]


def _drop_dac() -> None:
    libc = ctypes.CDLL(None, use_errno=True)
    for cap in DAC_CAPABILITIES:
        if libc.prctl(PR_CAPBSET_DROP, cap, 0, 0, 0) != 0:
            os._exit(97)


def as_ordinary_user() -> Callable[[], None] | None:
    """A `preexec_fn` that makes file modes bind the child, even when tests run as root.

    chmod 0400 does not stop root: it has CAP_DAC_OVERRIDE. Switching to another user
    would need the interpreter to be reachable by that user (often under /root), so the
    child stays root but drops the DAC capabilities from its bounding set before exec —
    then the kernel checks modes for it as for anyone. Skips if that is not allowed.
    """
    if os.geteuid() != 0:
        return None
    probe = subprocess.run([sys.executable, "-c", "pass"], preexec_fn=_drop_dac, check=False)
    if probe.returncode == 97:
        pytest.skip("cannot drop CAP_DAC_OVERRIDE here (no CAP_SETPCAP): root ignores modes")
    return _drop_dac


def no_network_dir(tmp_path: Path) -> Path:
    """A folder with a `sitecustomize` that makes any IP socket or DNS lookup fail loudly.

    Unix-domain sockets stay (asyncio's self-pipe uses a socketpair); put the folder on
    PYTHONPATH and check the marker file stays absent.
    """
    folder = tmp_path / "no_network"
    folder.mkdir()
    marker = tmp_path / "network-was-used"
    (folder / "sitecustomize.py").write_text(
        textwrap.dedent(
            f"""
            import socket

            _MARKER = {str(marker)!r}
            _Socket = socket.socket

            def _refuse(what):
                with open(_MARKER, "a") as handle:
                    handle.write(what + "\\n")
                raise OSError("network disabled by the netrack test: " + what)

            class _NoIPSocket(_Socket):
                def __init__(self, family=-1, type=-1, proto=-1, fileno=None):
                    if fileno is None and family in (-1, socket.AF_INET, socket.AF_INET6):
                        _refuse("socket(%r)" % (family,))
                    super().__init__(family, type, proto, fileno)

            socket.socket = _NoIPSocket
            socket.create_connection = lambda *a, **k: _refuse("create_connection%r" % (a,))
            socket.getaddrinfo = lambda *a, **k: _refuse("getaddrinfo%r" % (a,))
            socket.gethostbyname = lambda *a, **k: _refuse("gethostbyname%r" % (a,))
            """
        )
    )
    return folder


def linkedin_csv(path: Path, rows: int) -> Path:
    lines = ["First Name,Last Name,URL,Email Address,Company,Position,Connected On"]
    lines += [
        f"First{i},Last{i},https://www.linkedin.com/in/p{i},,Company {i % 500},Engineer,14 Oct 2026"
        for i in range(rows)
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path
