"""A wrong password on a real server, as the CLI says it: one readable line, exit 2,
and no password in it, however short."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from urllib.parse import parse_qs, urlsplit

import pytest

from tests import pg, pgserver

from .helpers import env

pytestmark = pytest.mark.postgresql


@pytest.fixture
def url() -> Iterator[str]:
    made = pg.fresh_database(None)
    yield made
    pg.drop_database(made)


@pytest.mark.parametrize("wrong", ["e", "4", "Wr0ng-Secret-Pass"])
@pytest.mark.parametrize("given_in", ["the URL", "PGPASSWORD"])
def test_a_wrong_password_of_any_length_is_one_readable_line(
    url: str, wrong: str, given_in: str
) -> None:
    """A one-character password was blanked in every word it was part of: "conn***ction
    fail***d … us***r", and `4` made port 49941 read `***99***1`, telling the password
    by its gaps; libpq's "connection to server at "127.0.0.1", port N failed:" was left
    in front of the server's reason."""
    port = parse_qs(urlsplit(url).query)["port"][0]
    name = urlsplit(url).path
    shown = f"postgresql://{pgserver.PASSWORD_ROLE}@127.0.0.1:{port}{name}"
    extra = {"PGPASSWORD": wrong}
    given = shown
    if given_in == "the URL":
        extra = {}
        given = f"postgresql://{pgserver.PASSWORD_ROLE}:{wrong}@127.0.0.1:{port}{name}"
    done = subprocess.run(
        [sys.executable, "-m", "netrack", "contact", "list", "--db", given],
        capture_output=True,
        text=True,
        env=env(**extra),
        timeout=60,
    )
    assert (done.returncode, done.stdout) == (2, "")
    assert done.stderr == (
        f"netrack: cannot use {shown}: password authentication failed for user "
        f'"{pgserver.PASSWORD_ROLE}"\n'
    )
    if len(wrong) > 1:
        assert wrong not in done.stderr
