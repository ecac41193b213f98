"""A throwaway PostgreSQL server for the tests and CI: found, started, stopped.

`python -m tests.pgserver start DIR` prints the URL of a new server whose files, socket
and log live in DIR; `python -m tests.pgserver stop DIR` stops it. The tests start one
themselves (tests/pg.py) when NETRACK_TEST_PG_URL is not set.

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


def start(folder: Path) -> str:
    """Start a server in `folder` (created); returns the superuser's URL (socket)."""
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
    if uid is not None:
        for path in (folder, run):
            os.chown(path, uid, gid or -1)
    os.chmod(folder, 0o755)
    os.chmod(run, 0o755)
    if not data.exists():
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
    bindir = find_bindir()
    data = folder / "data"
    if bindir is None or not data.exists():
        return
    prefix, _, _ = _runner()
    subprocess.run(
        [*prefix, str(bindir / "pg_ctl"), "-D", str(data), "-m", "immediate", "-w", "stop"],
        capture_output=True,
        cwd="/",
    )


def main(argv: list[str]) -> int:
    if len(argv) != 2 or argv[0] not in ("start", "stop"):
        print("usage: python -m tests.pgserver start|stop DIR", file=sys.stderr)
        return 2
    folder = Path(argv[1])
    if argv[0] == "stop":
        stop(folder)
        return 0
    try:
        print(start(folder))
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
