"""The quick-log one-liner: `#coffee @"Ana López" @raj +acme 45m ! fu:fri on:yesterday $12 note`.

`parse()` is pure: it reads the text into a `ParsedLog` (names still unresolved) or
raises `ParseError` with the character position of the problem. The CLI and the TUI's
quick-log bar share it, so the grammar and its error words are the same in both.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING

from netrack.domain import validate
from netrack.domain.entries import FollowUp, Interaction
from netrack.domain.errors import InputError, ParseError
from netrack.domain.models import KIND_ALIASES, Kind
from netrack.domain.parsing import (
    DATE_FORMS,
    DURATION_FORMS,
    MONTHS,
    Tense,
    is_bare_minutes,
    is_duration,
    is_number_like,
    is_spaced_number,
    is_stuck_unit_word,
    is_unit_word,
    is_whole_hours,
    looks_like_a_stuck_duration,
    looks_like_duration,
    parse_date,
    parse_duration,
    parse_money,
)

if TYPE_CHECKING:
    from netrack.domain.write_effects import MetLater


@dataclass(frozen=True, slots=True)
class NameRef:
    """A name as typed; `bare` names let `-` and `_` stand for spaces."""

    text: str
    bare: bool
    position: int


@dataclass(frozen=True, slots=True)
class ParsedLog:
    """A quick-log line as parsed, names not yet resolved."""

    contacts: tuple[NameRef, ...]
    on: date
    kind: Kind = Kind.OTHER
    minutes: int = 0
    campaign: NameRef | None = None
    meaningful: bool = False
    follow_up_on: date | None = None
    cost: float = 0.0
    note: str = ""
    warnings: tuple[str, ...] = field(default_factory=tuple)


@dataclass(frozen=True, slots=True)
class Token:
    """One whitespace-separated piece of a quick-log line."""

    text: str  # with quotes removed from a quoted value
    raw: str
    position: int
    quoted: bool

    @property
    def literal(self) -> bool:
        """Quoted as a whole (`"@ana"`, `"45m"`): note text, whatever it starts with;
        a quote after a sigil (`@"Ana López"`) only keeps the name's spaces."""
        return self.raw.startswith('"')


def tokenize(line: str) -> list[Token]:
    """Split on whitespace; `"…"` right after a sigil or `fu:`/`on:` (or alone) keeps
    its spaces (`fu:"dec 5"`). Text glued to a closing quote stays in its token: a
    whole-quoted word (`"wow"!`) is note text as typed; after a sigil it is an error."""
    tokens: list[Token] = []
    index, length = 0, len(line)
    while index < length:
        if line[index].isspace():
            index += 1
            continue
        start = index
        prefix = ""
        if line[index] in "@+" and index + 1 < length and line[index + 1] == '"':
            prefix = line[index]
            index += 1
        elif line[index : index + 4].lower() in ('fu:"', 'on:"'):
            prefix = line[index : index + 3]
            index += 3
        if line[index] == '"':
            close = line.find('"', index + 1)
            if close == -1:
                raise ParseError(f"unclosed quote at column {index + 1}", index)
            value = line[index + 1 : close]
            index = close + 1
            tail = index
            while index < length and not line[index].isspace():
                index += 1
            if index == tail:
                tokens.append(Token(prefix + value, line[start:index], start, True))
            elif prefix:  # `@"Ana López",`: the name's end is unclear, so nothing is guessed
                raise ParseError(
                    f"{line[start:index]!r}: text right after the closing quote; "
                    "put a space before it",
                    tail,
                )
            else:  # `"wow"!` is one word of the note, as `great!` is
                tokens.append(Token(line[start:index], line[start:index], start, True))
            continue
        while index < length and not line[index].isspace():
            index += 1
        tokens.append(Token(line[start:index], line[start:index], start, False))
    return tokens


def keep_as_note(message: str) -> str:
    """A refused token's message with the way to keep it as words of the note: a note
    is full of hashtags, salaries and phone numbers that only look like tokens."""
    return f"{message}; quote it to keep it as note text"


def resolve_kind(word: str, position: int = 0) -> Kind:
    key = validate.choice_key(word)
    if key in KIND_ALIASES:
        return KIND_ALIASES[key]
    try:
        return Kind(key)
    except ValueError:
        known = ", ".join([*(k.value for k in Kind), *KIND_ALIASES])
        raise ParseError(f"unknown kind {word!r} (known: {known})", position) from None


def parse(line: str, today: date) -> ParsedLog:
    """Read a quick-log line; at least one `@contact` is required."""
    contacts: list[NameRef] = []
    campaign: NameRef | None = None
    kind: Kind | None = None
    minutes: int | None = None
    meaningful = False
    follow_up: date | None = None
    follow_up_at = 0
    on: date | None = None
    cost: float | None = None
    note: list[Token] = []  # the note's words, where they were typed
    bare: tuple[int, Token] | None = None  # the first bare number: where in `note`, which

    tokens = tokenize(line)
    read_with_the_number: set[int] = set()  # unit words of `2 hours`, read with the 2
    whole_hours: Token | None = None  # the duration just read, when in hours alone (`1h`)
    for index, token in enumerate(tokens):
        if index in read_with_the_number:
            continue
        following = tokens[index + 1] if index + 1 < len(tokens) else None
        if not note and following is not None and _is_spaced_duration(token, following):
            read_with_the_number.add(index + 1)
            token = _joined(line, token, following)
        _refuse_minutes_apart(token, whole_hours)
        whole_hours = None
        if token.literal:
            note.append(token)
            continue
        text, pos = token.text, token.position
        head, rest = text[:1], text[1:]
        lowered = text.lower()
        if head == "@" and rest:
            contacts.append(NameRef(rest, bare=not token.quoted, position=pos))
        elif (
            head == "+" and rest and not token.quoted and rest[0].isdecimal() and is_date_like(rest)
        ):
            note.append(token)  # "+7d" alone is not a campaign; keep it as words
        elif head == "+" and rest:
            if campaign is not None:
                raise ParseError(keep_as_note("only one +campaign per entry"), pos)
            campaign = NameRef(rest, bare=not token.quoted, position=pos)
        elif head == "#" and rest and not token.quoted:
            if kind is not None:
                raise ParseError(keep_as_note("only one #kind per entry"), pos)
            try:  # `saw their #hiring post`: a hashtag of the note, most likely
                kind = resolve_kind(rest, pos)
            except ParseError as error:
                raise ParseError(keep_as_note(str(error)), pos) from None
        elif text == "!" and not token.quoted:
            meaningful = True
        elif token.raw.lower().startswith(("fu:", "on:")):  # `"fu:x"` is note text
            value = text[3:]
            if not value.strip():  # `decided on: the offer`: a word of the note, most likely
                raise ParseError(
                    f"{text[:3]!r} has no date after it (expected {DATE_FORMS}); "
                    f'quote it ("{text[:3]}") to keep it as note text',
                    pos,
                )
            direction: Tense = "future" if lowered.startswith("fu:") else "past"
            try:
                when = parse_date(value, today, direction)
            except InputError as error:
                hint = ""
                if value.strip().lower() in MONTHS and token.quoted:  # `fu:"dec"`
                    hint = f'; a month needs its day, like {text[:3]}"{value.strip()} 5"'
                elif value.strip().lower() in MONTHS:  # `fu:dec 5`: the day went to the note
                    hint = f'; quote a date with a space, like {text[:3]}"dec 5"'
                raise ParseError(f"{error}{hint}", pos + 3) from None
            if lowered.startswith("fu:"):
                if follow_up is not None:
                    raise ParseError(f"two follow-up dates: {text!r}", pos)
                follow_up, follow_up_at = when, pos + 3
            else:
                if on is not None:
                    raise ParseError(f"two dates: {text!r}", pos)
                on = when
        elif head == "$" and not token.quoted:
            if cost is not None:  # as two durations or two dates are: one must go
                raise ParseError(keep_as_note(f"two costs: {text!r}"), pos)
            try:
                cost = parse_money(rest)
            except InputError as error:  # `$120k base`: a salary in the note's words
                raise ParseError(keep_as_note(str(error)), pos) from None
        elif not token.quoted and text[:1] == "-" and is_duration(text[1:]):
            raise ParseError(f"{text!r} is not a duration: time spent is never negative", pos)
        elif not token.quoted and looks_like_duration(text) and not is_date_like(text):
            if not is_duration(text):  # before "two durations": this one is none
                raise ParseError(
                    keep_as_note(f"{token.raw!r} is not a duration (expected {DURATION_FORMS})"),
                    pos,
                )
            if minutes is not None:
                raise ParseError(f"two durations: {token.raw!r}", pos)
            try:  # too long for a day: said at its column, in the preview before Enter
                minutes = parse_duration(text, allow_bare_minutes=False, typed=token.raw)
            except InputError as error:
                raise ParseError(str(error), pos) from None
            if is_whole_hours(text):
                whole_hours = token
        elif not token.quoted and looks_like_a_stuck_duration(text) and not is_duration(text):
            raise ParseError(
                keep_as_note(
                    f"{text!r} is not a duration (expected {DURATION_FORMS}, standing alone)"
                ),
                pos,
            )
        else:
            # Only among the line's tokens, before its note begins: a number inside the
            # note's words ("talked about 2 roles", "the 2026 summit") is the note's.
            if not note and bare is None and not token.quoted and is_bare_minutes(text):
                bare = len(note), token
            note.append(token)

    if minutes is None and bare is not None and int(bare[1].text) > 0:
        # SPEC's DURATION has `90` (minutes): a bare number before the note's first word
        # is the time spent when no duration with a unit is given; with one ("45m 3
        # roles"), or after the note began, numbers are words of the note. A bare 0 says
        # no time: kept as the word it was typed as.
        at, token = bare
        try:
            minutes = validate.minutes(parse_duration(token.text))
        except InputError as error:  # "2026 minutes is more than a day": a year, likely
            raise ParseError(keep_as_note(str(error)), token.position) from None
        del note[at]
    if not contacts:
        raise ParseError('at least one @contact is needed, like @ana or @"Ana López"', len(line))
    when = on or today
    try:  # the rule the write applies, said at the date in the preview before Enter
        validate.follow_up(follow_up, when)
    except InputError as error:
        raise ParseError(str(error), follow_up_at) from None
    note_text = " ".join(word.raw for word in note)
    try:  # too long to store: said at the note, in the preview before Enter
        validate.text(note_text, "note")
    except InputError as error:
        raise ParseError(str(error), note[0].position) from None
    warnings: list[str] = []
    if follow_up == when:  # allowed, but likely a slip
        warnings.append("follow-up date is not after the interaction")
    return ParsedLog(
        contacts=tuple(contacts),
        on=when,
        kind=kind or Kind.OTHER,
        minutes=minutes or 0,
        campaign=campaign,
        meaningful=meaningful,
        follow_up_on=follow_up,
        cost=cost or 0.0,
        note=note_text,
        warnings=tuple(warnings),
    )


def _is_spaced_duration(number: Token, unit: Token) -> bool:
    """`2 hours`, `45 min`, `1.5 h`: one duration written with a space, where a bare
    number would be the time (before the note). Any other number-like token before a
    unit word (`1,5 h`, `.5 h`, `1. h`), or a unit word glued to punctuation (`2 hours,`,
    `3 hours'`), is refused: read apart, the line would keep no time or the number as
    minutes, and the rest as note words."""
    if number.quoted or unit.quoted or not is_number_like(number.text):
        return False
    stuck = is_stuck_unit_word(unit.text)
    if not stuck and not is_unit_word(unit.text):
        return False
    if is_spaced_number(number.text) and not stuck:
        return True
    spaced = f"{number.raw} {unit.raw}"
    alone = ", standing alone" if stuck and is_spaced_number(number.text) else ""
    raise ParseError(
        keep_as_note(f"{spaced!r} is not a duration (expected {DURATION_FORMS}{alone})"),
        number.position,
    )


def _joined(line: str, number: Token, unit: Token) -> Token:
    """One token of a duration written with a space: `2hours`, shown as typed."""
    raw = line[number.position : unit.position + len(unit.raw)]
    return Token(number.text + unit.text, raw, number.position, quoted=False)


def _refuse_minutes_apart(token: Token, whole_hours: Token | None) -> None:
    """`1h 30`: a bare number right after a duration in hours alone is its minutes
    written apart, as `1h 30m` is two durations; taken as a word, the line would keep
    60 minutes and a note starting with "30"."""
    if whole_hours is not None and not token.quoted and is_bare_minutes(token.text):
        raise ParseError(
            keep_as_note(
                f"two durations: {whole_hours.raw!r} then {token.raw!r} (one is written like 1h30)"
            ),
            token.position,
        )


def is_date_like(text: str) -> bool:
    try:
        parse_date(text, date(2000, 1, 1))
    except InputError:
        return False
    return True


@dataclass(frozen=True, slots=True)
class LogPreview:
    """A quick-log line parsed and resolved, not yet written; `closes`: the pending
    follow-ups writing it would close (earliest due first); `closed_on`: the day a touch
    logged since would close its own follow-up (back-dated; None: it stays pending);
    `earlier`: the follow-ups done after its day that it would close on its day instead;
    `told`: those of its people who share a name with another contact, active or
    archived, among the names it was resolved against (named "Name (Org)")."""

    parsed: ParsedLog
    contact_ids: tuple[int, ...]
    contact_names: tuple[str, ...]
    campaign_id: int | None
    campaign_name: str
    closes: tuple[FollowUp, ...] = ()
    closed_on: date | None = None
    earlier: tuple[FollowUp, ...] = ()
    told: frozenset[int] = frozenset()


@dataclass(frozen=True, slots=True)
class Logged:
    """An interaction as written, with the pending follow-ups it closed, those done later
    that it closed on its earlier day (back-dated), and its people met after its day.
    `namesakes`: those of its people who share a name with another contact, active or
    archived, as the write's own read of the names found them; None when it resolved
    against names read before it (the quick-log bar's), which may have changed since."""

    entry: Interaction
    closes: tuple[FollowUp, ...] = ()
    earlier: tuple[FollowUp, ...] = ()
    met_later: tuple[MetLater, ...] = ()
    namesakes: frozenset[int] | None = None
