"""The keys import matching compares people on: a name, a LinkedIn profile, an email, a
phone (see `bulk_match`'s docstring for the rules that use them)."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence

from netrack.domain.name_folding import fold


def url_key(url: str) -> str:
    """`https://www.linkedin.com/in/ana/` and `linkedin.com/in/ana` are one profile."""
    key = url.strip().casefold()
    if key.startswith("http"):
        key = key.partition("://")[2] or key
    if key.startswith("www."):
        key = key[4:]
    return key.rstrip("/")


def email_key(email: str) -> str:
    return email.strip().casefold()


def phone_key(phone: str) -> str:
    """Digits only: `+34 600 123 456` and `+34-600-123-456` are one number."""
    return "".join(char for char in phone if char.isdigit())


def printable(text: str) -> str:
    """`text` without control characters and U+FFFD: the vCard export writes each
    control character as U+FFFD, so what it wrote is compared without either."""
    if text.isprintable() and "\ufffd" not in text:  # rare: most names skip the loop
        return text
    return "".join(c for c in text if c != "\ufffd" and (c.isprintable() or c.isspace()))


def name_key(name: str) -> str:
    """The form names are matched in on import: case, accents, spacing and unprintable
    characters aside (see `bulk_match`'s docstring)."""
    return fold(printable(name))


def given_name_first(name: str) -> str | None:
    """ "Tanaka, Mei" (Outlook's and Exchange's way, family name first) as "Mei Tanaka";
    None for a name without exactly one comma between two parts."""
    family, comma, given = name.partition(",")
    if not comma or "," in given or not family.strip() or not given.strip():
        return None
    return f"{given.strip()} {family.strip()}"


LETTERS = re.compile(r"[^\W\d_]+")  # runs of letters


def name_words(name: str) -> set[str]:
    """The words of two letters or more of a name, folded as names are compared: "Anand
    K. Rao" → {"anand", "rao"}. Two names that share none are two people, whatever
    profile URL they came with (a renamed contact keeps a word: "Anand Rao"). One
    Hangul syllable or Chinese character is a word ("김"), not an initial."""
    folded = fold(name)
    if folded.isascii():
        return {word for word in LETTERS.findall(folded) if len(word) > 1}
    return {
        word
        for word in _words_with_their_marks(folded)
        if len(word) > 1 or unicodedata.east_asian_width(word) == "W"
    }


def _words_with_their_marks(text: str) -> list[str]:
    """Runs of letters and the marks written on them: "प्रिया" is one word, which
    `LETTERS` (a pattern's word characters have no marks) cut at its virama and vowels."""
    words: list[str] = []
    word = ""
    for char in text:
        if char.isalpha() or (word and unicodedata.category(char).startswith("M")):
            word += char
        elif word:
            words.append(word)
            word = ""
    return [*words, word] if word else words


def identity(emails: Sequence[str], urls: Sequence[str], phones: Sequence[str]) -> set[str]:
    """The values that may tell two records of one name apart or together."""
    keys = {f"email:{email_key(e)}" for e in emails if e.strip()} if emails else set()
    if urls:  # most records have no phone, many no email: no set made for them
        keys |= {f"url:{url_key(u)}" for u in urls if u.strip()}
    if phones:
        keys |= {f"phone:{k}" for p in phones if len(k := phone_key(p)) >= 6}
    return keys


def profiles(keys: set[str]) -> set[str]:
    """The LinkedIn profile URLs among identity keys: each is one person's."""
    return {key for key in keys if key.startswith(PROFILE)}


PROFILE = "url:linkedin.com/in/"


def profile_of(key: str) -> str | None:
    """The LinkedIn profile a `url_key` names (`linkedin.com/in/ana-lopez`), without
    what a shared link adds (`?utm_source=share…`, `#…`, a language like `/en`);
    None for any other address."""
    head = PROFILE.removeprefix("url:")
    if not key.startswith(head):
        return None
    slug = key[len(head) :].split("?")[0].split("#")[0].split("/")[0]
    return f"{head}{slug}" if slug else None
