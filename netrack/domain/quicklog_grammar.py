"""The quick-log one-liner's grammar as `netrack log --help` lists it (SPEC, Quick-log
one-liner): one table of (examples, meaning), each example a token `quicklog.parse`
reads as said. The parser's tests hold every kind of token it reads to this table, so
the help cannot fall behind the parser. Loaded only when the help is shown."""

from __future__ import annotations

from netrack.domain.models import KIND_ALIASES, Kind


def _kinds() -> str:
    """ "in_person, video, … or an alias: coffee, lunch, meet, f2f (in_person); zoom
    (video) …", spelled from the kinds and aliases the parser takes."""
    aliases: dict[Kind, list[str]] = {}
    for alias, kind in KIND_ALIASES.items():
        aliases.setdefault(kind, []).append(alias)
    spelled = "; ".join(f"{', '.join(words)} ({kind.value})" for kind, words in aliases.items())
    return f"{', '.join(kind.value for kind in Kind)}, or an alias: {spelled}"


GRAMMAR: tuple[tuple[tuple[str, ...], str], ...] = (
    (("@ana", '@"Ana López"'), "a contact (at least one; one @ for each person)"),
    (("@ana-lopez", "@ana_lopez"), "in a bare name, - and _ stand for spaces"),
    (("@id:12",), "the contact with that id, as lists show it (for namesakes)"),
    (("+acme", '+"acme platform"'), "the campaign it advances (one)"),
    (("#coffee",), f"the kind (default other): {_kinds()}"),
    (("45m", "1h30m", "1.5h", "90"), "the time it took (a bare 90 before the note: minutes)"),
    (("!",), "meaningful: a real conversation (it counts toward meaningful contacts)"),
    (("fu:fri", 'fu:"dec 5"'), "when to follow up (fri: the next one)"),
    (("on:yesterday", "on:2026-11-20"), "when it happened (default today)"),
    (("$12.50",), "what it cost"),
    (("talked about the team",), "anything else: the note, in the order typed"),
)
GRAMMAR_NOTE = (
    'Quote a word ("#hiring") to keep it as note text; a date or name with a space in '
    'quotes (fu:"dec 5", @"Ana López").'
)
