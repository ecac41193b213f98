"""A wrong password on a real server, as the CLI says it: one readable line, exit 2,
and no password in it, however short. What the command says is what is tested: it runs
by `cli.main` in this process (`netrack_in_process`), its streams and exit code as a
process's."""

from __future__ import annotations

from collections.abc import Iterator
from urllib.parse import parse_qs, urlsplit

import pytest

from tests import pg, pgserver

from .helpers import netrack_in_process

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
    with pytest.MonkeyPatch.context() as patch:
        patch.delenv("PGPASSWORD", raising=False)
        for variable, value in extra.items():
            patch.setenv(variable, value)
        done = netrack_in_process("contact", "list", "--db", given)
    assert (done.returncode, done.stdout) == (2, "")
    assert done.stderr == (
        f"netrack: cannot use {shown}: password authentication failed for user "
        f'"{pgserver.PASSWORD_ROLE}"\n'
    )
    if len(wrong) > 1:
        assert wrong not in done.stderr


@pytest.mark.parametrize("wrong", ["password", "netrack_pw", "failed%20for"])
def test_a_wrong_password_that_is_the_messages_own_words_leaves_them_alone(
    url: str, wrong: str
) -> None:
    """A password of 8 characters or more was blanked anywhere in the message: `password`
    made it read "*** authentication failed", the user's name `for user "***"`, and
    `failed%20for` "password authentication *** user", telling the password by the gap.
    The server's own words are the same whatever the password: none was repeated."""
    port = parse_qs(urlsplit(url).query)["port"][0]
    name = urlsplit(url).path
    role = pgserver.PASSWORD_ROLE
    with pytest.MonkeyPatch.context() as patch:
        patch.delenv("PGPASSWORD", raising=False)
        done = netrack_in_process(
            "contact", "list", "--db", f"postgresql://{role}:{wrong}@127.0.0.1:{port}{name}"
        )
    assert (done.returncode, done.stdout) == (2, "")
    assert done.stderr == (
        f"netrack: cannot use postgresql://{role}@127.0.0.1:{port}{name}: password "
        f'authentication failed for user "{role}"\n'
    )
