"""Item 6: owner-only files whatever the umask, and no network connection, ever."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
import textwrap
from pathlib import Path

from .helpers import env, linkedin_csv, netrack, no_network_dir

CHILD = textwrap.dedent(
    """
    import os, sys
    from pathlib import Path
    os.umask(0)
    from netrack.data.repo import Repo
    from netrack.data.backup import backup_database
    path = Path(sys.argv[1])
    repo = Repo.open(path)          # the library path, without the CLI's umask
    repo.contacts.add("Ana")
    backup_database(repo.store.db, path)
    # -wal and -shm exist while a connection is open: report their modes now
    for p in sorted(path.parent.rglob("*")):
        print(p.relative_to(path.parent.parent), oct(os.stat(p).st_mode & 0o777))
    repo.close()
    """
)


def _modes(root: Path) -> dict[str, int]:
    return {str(p.relative_to(root)): stat.S_IMODE(p.stat().st_mode) for p in root.rglob("*")}


def test_files_are_owner_only_under_umask_zero(tmp_path: Path) -> None:
    path = tmp_path / "deep" / "data" / "netrack.db"
    result = subprocess.run(
        [sys.executable, "-c", CHILD, str(path)], capture_output=True, text=True, env=env()
    )
    assert result.returncode == 0, result.stderr
    seen = dict(line.rsplit(" ", 1) for line in result.stdout.splitlines())
    assert any(name.endswith("netrack.db-wal") for name in seen), seen
    assert any(name.endswith("netrack.db-shm") for name in seen), seen
    for name, mode in seen.items():
        folder = (tmp_path / "deep" / name).is_dir()
        assert int(mode, 8) == (0o700 if folder else 0o600), (name, mode)
    assert stat.S_IMODE((tmp_path / "deep").stat().st_mode) == 0o700


def test_cli_files_backups_and_exports_are_owner_only_under_umask_zero(tmp_path: Path) -> None:
    path = tmp_path / "data" / "netrack.db"
    csv = linkedin_csv(tmp_path / "Connections.csv", 3)

    def umask_zero() -> None:
        os.umask(0)

    for command in (
        ("contact", "add", "Ana"),
        ("import", "linkedin", str(csv)),
        ("backup",),
        ("export", "json", "--out", str(tmp_path / "out" / "export.json")),
        ("export", "csv", "--out", str(tmp_path / "out" / "csv")),
        ("export", "ics", "--out", str(tmp_path / "out" / "f.ics")),
        ("export", "vcard", "--out", str(tmp_path / "out" / "c.vcf")),
    ):
        result = netrack(*command, "--db", str(path), preexec=umask_zero)
        assert result.returncode == 0, (command, result.stderr)
    modes = _modes(tmp_path)
    created = {k: v for k, v in modes.items() if k.startswith(("data", "out"))}
    assert any(k.startswith("data/backups/") for k in created), created
    for name, mode in created.items():
        wanted = 0o700 if (tmp_path / name).is_dir() else 0o600
        assert mode == wanted, (name, oct(mode))


def test_cli_opens_no_network_connection(tmp_path: Path) -> None:
    folder = no_network_dir(tmp_path)
    marker = tmp_path / "network-was-used"
    path = tmp_path / "netrack.db"
    extra = {"PYTHONPATH": os.pathsep.join([str(folder), os.environ.get("PYTHONPATH", "")])}
    # The guard works: a deliberate connection attempt is caught.
    probe = subprocess.run(
        [sys.executable, "-c", "import socket; socket.create_connection(('127.0.0.1', 9))"],
        capture_output=True,
        text=True,
        env=env(**extra),
    )
    assert probe.returncode != 0 and marker.exists()
    marker.unlink()
    csv = linkedin_csv(tmp_path / "Connections.csv", 3)
    for command in (
        ("demo", "--no-tui"),
        ("import", "linkedin", str(csv)),
        ("log", "@first0 #coffee 45m ! fu:fri talked"),
        ("scorecard", "--format", "json"),
        ("export", "ics", "--out", str(tmp_path / "f.ics")),
        ("backup",),
        ("doctor",),
    ):
        result = netrack(*command, "--db", str(path), extra_env=extra)
        assert result.returncode == 0, (command, result.stderr)
    assert not marker.exists(), marker.read_text()


async def test_tui_opens_no_network_connection(tmp_path: Path, monkeypatch) -> None:
    """The TUI in-process (Pilot) with IP sockets and DNS replaced by raisers."""
    import socket

    from netrack.app import create_app
    from netrack.data.repo import Repo

    used: list[str] = []
    real = socket.socket

    class NoIP(real):  # type: ignore[misc,valid-type]
        def __init__(self, family: int = -1, *args: object, **kwargs: object) -> None:
            if kwargs.get("fileno") is None and family in (-1, socket.AF_INET, socket.AF_INET6):
                used.append(f"socket({family})")
                raise OSError("network disabled by the test")
            super().__init__(family, *args, **kwargs)  # type: ignore[arg-type]

    def refuse(*args: object, **kwargs: object) -> None:
        used.append(f"call{args}")
        raise OSError("network disabled by the test")

    monkeypatch.setattr(socket, "socket", NoIP)
    for name in ("create_connection", "getaddrinfo", "gethostbyname"):
        monkeypatch.setattr(socket, name, refuse)
    repo = Repo.open(tmp_path / "netrack.db")
    repo.contacts.add("Ana López")
    app = create_app(repo)
    async with app.run_test(size=(120, 40)) as pilot:
        for key in ("1", "2", "3", "4", "5", "l"):
            await pilot.press(key)
            await pilot.pause()
        for key in "@ana #call hi":
            await pilot.press(key if key != " " else "space")
        await pilot.press("enter")
        await pilot.pause()
    repo.close()
    assert used == []
