"""Blanking a password in a server's or the driver's message, where one can stand.

libpq and the server repeat a value they were given in a few places only: inside a URL
(`user:password@`), after a `password=` keyword, and between double quotes (`invalid
percent-encoded token: "a%zz"`, `unexpected spaces found in "a b"`). Their own words are
the same whatever the password: a password that is one of them ("password", "failed
for") was not repeated, and blanking it there garbled the message and told the password
by the gap it left ("password authentication *** user").
"""

from __future__ import annotations

import re
from collections.abc import Collection, Sequence

# Where a password can stand in a driver's message: a URL's `user:password@`, and a
# conninfo string's or a query's `password=value` (quoted, or up to a space or `&`).
_URL_PASSWORD = re.compile(r"(\b[A-Za-z][A-Za-z0-9+.-]*://[^:/?#@\s\"']*):[^/@\s\"']*@")
_PASSWORD_KEYWORD = re.compile(r"(\bpassword\s*=\s*)(?:'(?:[^'\\]|\\.)*'|[^\s&\"]*)")
# A password this long is also blanked wherever else it shows, in case a message echoes
# it some other way, except amid the message's own wording (`_WORD`).
LONG_SECRET = 8
_QUOTED = re.compile(r'"([^"]*)"')
# One word of a message's own text: "password", "FATAL", "Connection"; never a mix such
# as "Wr0ng-Secret-Pass" or "SecretPass", which only a value given to it could be.
_WORD = re.compile(r"[A-Z]?[a-z]+|[A-Z]+")
_PUNCTUATION = ",.:;()"


def blank_passwords(text: str, secrets: Sequence[str], shown: Collection[str]) -> str:
    """`text` with each of `secrets` (longest first) blanked as `***` where libpq or the
    server could have repeated it. `shown`: the address's parts printed anyway (user,
    database, host): a password that is one of them is no secret a blank could keep,
    and `for user "netrack_pw"` stays as the server wrote it."""
    text = _URL_PASSWORD.sub(r"\1@", text)
    text = _PASSWORD_KEYWORD.sub(r"\1***", text)
    for secret in secrets:
        if secret in shown:
            continue
        text = text.replace(f'"{secret}"', '"***"')  # a quoted token, quotes inside it too
        if len(secret) >= LONG_SECRET:
            text = _blank_echoes(text, secret, shown)
    return text


def _blank_echoes(text: str, secret: str, shown: Collection[str]) -> str:
    """Each occurrence of `secret` blanked, but for one inside a quoted part the address
    shows anyway or amid the message's own words."""
    quoted = [(m.start(1), m.end(1), m[1]) for m in _QUOTED.finditer(text)]
    kept: list[str] = []
    done = 0
    at = text.find(secret)
    while at >= 0:
        end = at + len(secret)
        inside = next((value for start, stop, value in quoted if start <= at and end <= stop), None)
        mine = inside in shown if inside is not None else _own_words(text, at, end)
        kept += [text[done:at], secret if mine else "***"]
        done = end
        at = text.find(secret, end)
    return "".join(kept) + text[done:]


def _own_words(text: str, start: int, end: int) -> bool:
    """Whether text[start:end], widened to the whole words it touches, is words of
    letters only, as the fixed text of a message is ("ailed fo" of "failed for")."""
    while start > 0 and not text[start - 1].isspace() and text[start - 1] != '"':
        start -= 1
    while end < len(text) and not text[end].isspace() and text[end] != '"':
        end += 1
    words = [word.strip(_PUNCTUATION) for word in text[start:end].split()]
    return bool(words) and all(_WORD.fullmatch(word) for word in words)
