"""A throwaway PostgreSQL server for the tests and CI: found, started, stopped.

`python -m tests.pgserver start DIR` prints the URL of a new server whose socket and
log live in DIR, and its data files in RAM where the machine has room (DIR/data links
there; in DIR otherwise); `python -m tests.pgserver stop DIR` stops it and deletes
them. The tests start one themselves (tests/pg.py) when NETRACK_TEST_PG_URL is not set.

PostgreSQL refuses to run as root: as root, the server runs as an unprivileged user
(`postgres` if it exists, else `nobody`) that owns DIR. It listens on a unix socket in
DIR and on 127.0.0.1 (a free port), where a password is asked (the credentials tests).
Durability is switched off: the data is thrown away.
"""

from __future__ import annotations

import contextlib
import glob
import os
import pwd
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

SUPERUSER = "netrack_test"
# A role that must give its password over TCP (tests of credentials).
PASSWORD_ROLE = "netrack_pw"
PASSWORD = "s3cret-Horse-battery"
FAST = (
    "fsync=off",
    "synchronous_commit=off",
    "full_page_writes=off",
    "max_connections=100",
    "shared_buffers=32MB",
)


def find_bindir() -> Path | None:
    """The folder of initdb/pg_ctl: pg_config's, Debian's newest, or the PATH's."""
    candidates: list[Path] = []
    if shutil.which("pg_config"):
        with contextlib.suppress(OSError, subprocess.CalledProcessError):
            out = subprocess.run(
                ["pg_config", "--bindir"], capture_output=True, text=True, check=True
            )
            candidates.append(Path(out.stdout.strip()))
    candidates += sorted(
        (Path(p) for p in glob.glob("/usr/lib/postgresql/*/bin")),
        key=lambda p: int(p.parent.name) if p.parent.name.isdigit() else 0,
        reverse=True,
    )
    initdb = shutil.which("initdb")
    if initdb:
        candidates.append(Path(initdb).parent)
    for folder in candidates:
        if (folder / "initdb").exists() and (folder / "pg_ctl").exists():
            return folder
    return None


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _runner() -> tuple[list[str], int | None, int | None]:
    """The command prefix to run as an unprivileged user, and its uid/gid (as root)."""
    if os.geteuid() != 0:
        return [], None, None
    for name in ("postgres", "nobody"):
        try:
            user = pwd.getpwnam(name)
        except KeyError:
            continue
        return ["runuser", "-u", name, "--"], user.pw_uid, user.pw_gid
    raise RuntimeError("running as root and no unprivileged user (postgres, nobody) exists")


def _ram_folder() -> Path | None:
    """A new folder in RAM (/dev/shm) if the machine has one with room to spare, else
    None. Every PostgreSQL test makes a database of its own: CREATE DATABASE took
    ~150 ms on this machine's ext4 disk (even with fsync off) and ~15 ms in RAM."""
    shm = Path("/dev/shm")
    try:
        room = os.statvfs(shm)
    except OSError:
        return None
    if room.f_bavail * room.f_frsize < 2 * 2**30 or not os.access(shm, os.W_OK | os.X_OK):
        return None
    _sweep(shm)
    return Path(tempfile.mkdtemp(prefix="netrack-pg-", dir=shm))


def _sweep(shm: Path) -> None:
    """Delete the RAM folders of servers that are gone: a session killed outright (no
    `stop`) leaves its files in RAM. A folder is kept while the process its
    postmaster.pid names lives, and for ten minutes after it was made (a server another
    session is still setting up has no postmaster.pid yet)."""
    for folder in shm.glob("netrack-pg-*"):
        with contextlib.suppress(OSError, ValueError):
            if time.time() - folder.stat().st_mtime < 600:
                continue
            pid_file = folder / "data" / "postmaster.pid"
            if pid_file.exists() and _alive(int(pid_file.read_text().split()[0])):
                continue
            shutil.rmtree(folder)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # someone else's: alive
        return True
    return True


def start(folder: Path, ram: bool = False) -> str:
    """Start a server in `folder` (created); returns the superuser's URL (socket).
    `ram`: its data files in RAM where the machine has room (a throwaway server for
    tests: `stop` deletes them), else in `folder`."""
    bindir = find_bindir()
    if bindir is None:
        raise RuntimeError("no PostgreSQL server binaries (initdb, pg_ctl) found")
    prefix, uid, gid = _runner()
    folder.mkdir(parents=True, exist_ok=True)
    if uid is not None:  # the server's user must reach its folder
        for parent in folder.parents:
            if parent == Path("/"):
                break
            os.chmod(parent, os.stat(parent).st_mode | 0o011)
    data, run = folder / "data", folder / "run"
    run.mkdir(exist_ok=True)
    memory = _ram_folder() if ram and not data.exists() else None
    if memory is not None:
        os.chmod(memory, 0o711)  # the server's user passes through to its data
        (memory / "data").mkdir(mode=0o700)
        if uid is not None:
            os.chown(memory / "data", uid, gid or -1)
        data.symlink_to(memory / "data")
    if uid is not None:
        for path in (folder, run):
            os.chown(path, uid, gid or -1)
    os.chmod(folder, 0o755)
    os.chmod(run, 0o755)
    if not (data / "PG_VERSION").exists():
        subprocess.run(
            [
                *prefix,
                str(bindir / "initdb"),
                "-D",
                str(data),
                "-U",
                SUPERUSER,
                "--auth-local=trust",
                "--auth-host=scram-sha-256",
                "--no-sync",
                "--locale=C",
                "--encoding=UTF8",
            ],
            check=True,
            capture_output=True,
            cwd="/",
        )
    port = _free_port()
    options = " ".join(
        [f"-c {item}" for item in FAST]
        + [f"-c unix_socket_directories={run}", "-c listen_addresses=127.0.0.1", f"-p {port}"]
    )
    pg_ctl = [*prefix, str(bindir / "pg_ctl"), "-D", str(data), "-l", str(folder / "log")]
    subprocess.run(
        [*pg_ctl, "-o", options, "-w", "-t", "60", "start"],
        check=True,
        capture_output=True,
        cwd="/",
    )
    url = f"postgresql://{SUPERUSER}@/postgres?host={run}&port={port}"
    (folder / "url").write_text(url)
    _create_password_role(url)
    return url


def _create_password_role(url: str) -> None:
    import psycopg

    with psycopg.connect(url, autocommit=True) as connection:
        connection.execute(
            f"CREATE ROLE {PASSWORD_ROLE} LOGIN CREATEDB PASSWORD '{PASSWORD}'"  # test-only
        )


def stop(folder: Path) -> None:
    """Stop the server in `folder`; data files it keeps in RAM are deleted."""
    bindir = find_bindir()
    data = folder / "data"
    if bindir is not None and data.exists():
        prefix, _, _ = _runner()
        subprocess.run(
            [*prefix, str(bindir / "pg_ctl"), "-D", str(data), "-m", "immediate", "-w", "stop"],
            capture_output=True,
            cwd="/",
        )
    if data.is_symlink():
        shutil.rmtree(data.resolve().parent, ignore_errors=True)
        data.unlink()


def main(argv: list[str]) -> int:
    if len(argv) != 2 or argv[0] not in ("start", "stop"):
        print("usage: python -m tests.pgserver start|stop DIR", file=sys.stderr)
        return 2
    folder = Path(argv[1])
    if argv[0] == "stop":
        stop(folder)
        return 0
    try:
        print(start(folder, ram=True))
    except subprocess.CalledProcessError as error:
        detail = (error.stderr or b"").decode(errors="replace").strip().splitlines()
        print(f"cannot start PostgreSQL: {detail[-1] if detail else error}", file=sys.stderr)
        stop(folder)
        return 1
    except (RuntimeError, OSError) as error:
        print(f"cannot start PostgreSQL: {error}", file=sys.stderr)
        stop(folder)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
