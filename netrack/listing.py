"""The read side of the command line as plain tables and text (the JSON documents:
`netrack.listing_json`; the agenda's text: `netrack.listing_agenda`)."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from datetime import date
from types import MappingProxyType

from netrack.cli_output import as_stdout_prints
from netrack.domain.entries import FollowUp, Goal, Interaction, Referral, TimeEntry
from netrack.domain.facts import UNSPECIFIED
from netrack.domain.goal_words import goal_target
from netrack.domain.models import Campaign, Stage
from netrack.domain.people import Contact, Organization
from netrack.domain.visible import is_emoji, visible
from netrack.listing_json import day, enum_value

NULL = "—"


_JOINER, _EMOJI_STYLE = "\u200d", "\ufe0f"
_SKIN_TONES = ("\U0001f3fb", "\U0001f3ff")
# Hangul vowel and final-consonant jamo: a decomposed (NFD) syllable draws them into the
# leading consonant's two cells, so they take none (as wcswidth and Rich count them).
_JAMO_IN_SYLLABLE = (("\u1160", "\u11ff"), ("\ud7b0", "\ud7ff"))


# Characters of one cell that nothing before or after changes (no wide, combining,
# format or joining one among them): Latin with its accents and the dash a blank cell
# shows (—), Greek, Cyrillic, typographic punctuation, currency signs. Written out, not
# worked out at import (start-up); tests/unit/test_cli_table_cells.py checks each
# against the walk below. A text of these alone is as wide as it is long: most names
# and notes beyond ASCII, where walking each character was half of `interaction list`.
_ONE_CELL_EACH = re.compile(
    "[\u0020-\u007e\u00a0-\u00ac\u00ae-\u02ff\u0370-\u0377\u037a-\u037f\u0384-\u038a"
    "\u038c\u038e-\u03a1\u03a3-\u0482\u048a-\u052f\u2010-\u2027\u202f-\u205e"
    "\u20a0-\u20c0]*"
)


def cell_width(text: str) -> int:
    """Terminal cells `text` takes: East Asian wide characters two; combining marks,
    format characters, skin tones and the vowels and finals of a decomposed Hangul
    syllable none; an emoji joined to the one before it (👩‍👧)
    none; a narrow symbol in emoji style (🏳️) two."""
    if text.isascii():  # one cell each (control characters are shown as pictures first)
        return len(text)
    if _ONE_CELL_EACH.fullmatch(text):
        return len(text)
    return walked_width(text)


def walked_width(text: str) -> int:
    """`cell_width`, character by character."""
    width = last = 0
    joined = after_emoji = False
    for ch in text:
        if ch == _JOINER:
            joined = True
        elif ch == _EMOJI_STYLE:
            if last == 1:
                width, last = width + 1, 2
        elif (
            unicodedata.category(ch) in ("Mn", "Me", "Cf")
            or _SKIN_TONES[0] <= ch <= _SKIN_TONES[1]
            or any(low <= ch <= high for low, high in _JAMO_IN_SYLLABLE)
        ):
            continue
        else:
            emoji = is_emoji(ch)
            if joined and emoji and after_emoji:
                joined = False  # drawn into the emoji before the joiner
                continue
            # a joiner between letters ("Zero\u200dWidth", 日本\u200d語) joins nothing
            joined, after_emoji = False, emoji
            last = 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1
            width += last
    return width


def table(headers: Sequence[str], rows: Iterable[Sequence[object]]) -> str:
    """Columns padded to their widest cell (in terminal cells); None shows as a dash. A
    cell is one line whatever its text holds: a note's newline shows as ␊ (and every
    control character as its stand-in, measured as it will be printed)."""
    body = [[NULL if v is None or v == "" else visible(str(v)) for v in row] for row in rows]
    # Each cell measured once: `interaction list` on five years prints 100,000 rows. As
    # it will be printed: a terminal that is not UTF-8 shows "ë" as `\xeb`, four cells.
    printed = as_stdout_prints()
    measured = [
        [(shown, cell_width(shown)) for shown in map(printed, row)]
        for row in [list(headers), *body]
    ]
    widths = [
        max(column) for column in zip(*([w for _, w in row] for row in measured), strict=True)
    ]

    def line(cells: Sequence[tuple[str, int]]) -> str:
        padded = [c + " " * (w - n) for (c, n), w in zip(cells, widths, strict=True)]
        return "  ".join(padded).rstrip()

    return "\n".join(line(row) for row in measured)


def fields_block(pairs: Iterable[tuple[str, object]]) -> str:
    """`label  value` lines for the fields that are set, labels aligned. A value of
    several lines (notes, documents) keeps them, each under the first: at the start of
    the line, the second read as if it were a label of its own."""
    shown = [(k, str(v)) for k, v in pairs if v not in (None, "", (), [])]
    width = max((cell_width(k) for k, _ in shown), default=0)
    lines: list[str] = []
    for label, value in shown:
        first, *rest = value.split("\n")
        lines.append(f"{label}{' ' * (width - cell_width(label))}  {first}")
        lines.extend(f"{' ' * (width + 2)}{line}" if line else "" for line in rest)
    return "\n".join(lines)


def orgs_table(rows: Sequence[tuple[Organization, int, int, int]]) -> str:
    """`rows`: an organization, its active contacts, its archived ones, its campaigns."""
    return table(
        ("id", "organization", "industry", "size", "location", "contacts", "campaigns"),
        (
            (
                *(o.id, o.name, o.industry or None, o.size_band or None, o.location or None),
                f"{n} (+{gone} archived)" if gone else n,
                m,
            )
            for o, n, gone, m in rows
        ),
    )


def contacts_table(contacts: Sequence[Contact], met: bool = False) -> str:
    """The contacts, one a row; `met`: with the day each was met (listed by it), before
    the channel they were met through."""
    head = ("id", "name", "organization", "strength", "last touch", "channel")
    rows = [
        [
            c.id,
            c.name + (" (archived)" if c.archived else ""),
            c.organization,
            c.strength,
            day(c.last_touch),
            enum_value(c.channel),
        ]
        for c in contacts
    ]
    if not met:
        return table(head, rows)
    return table(
        (*head[:5], "met", head[5]),
        ([*row[:5], day(c.met_on), row[5]] for row, c in zip(rows, contacts, strict=True)),
    )


def campaigns_table(campaigns: Sequence[Campaign], closed: bool = False) -> str:
    """The campaigns, one a row; `closed`: with why each lost one was lost (the
    scorecard's `unspecified` where no reason was given), which the JSON had alone."""
    head = ("id", "organization", "title", "stage", "since", "source", "next follow-up")
    rows = [
        [
            c.id,
            c.organization,
            c.title,
            c.stage.value,
            day(c.stage_since),
            enum_value(c.source),
            day(c.next_follow_up),
        ]
        for c in campaigns
    ]
    if not closed:
        return table(head, rows)
    reasons = [(c.lost_reason or UNSPECIFIED) if c.stage == Stage.LOST else None for c in campaigns]
    return table(
        (*head[:4], "reason", *head[4:]),
        ([*row[:4], reason, *row[4:]] for row, reason in zip(rows, reasons, strict=True)),
    )


# Contact id → "Name (Org)" for the contacts that share a name with another; the rest
# are shown by name (`repo.contacts.labels(shared_only=True)`).
Labels = Mapping[int, str]
NO_LABELS: Labels = MappingProxyType({})


def people(ids: Sequence[int], names: Sequence[str], labels: Labels) -> str:
    """Who, each one told apart from a namesake by their organization."""
    return ", ".join(labels.get(i, name) for i, name in zip(ids, names, strict=False))


def campaign_named(campaigns: Labels, campaign_id: int | None, name: str) -> str:
    """A record's campaign as a row shows it: "Acme Eng [id:2]" for one of two of that
    name (`campaigns`: `Campaigns.told_apart`), else its name; "" for none."""
    return campaigns.get(campaign_id, name) if campaign_id is not None else ""


def interaction_row(e: Interaction, labels: Labels, campaigns: Labels) -> tuple[object, ...]:
    """An interaction as `interaction list` and the Agenda's "Logged today" show it: id,
    day, kind ("!" when meaningful), with whom, minutes, campaign, note."""
    return (
        e.id,
        e.on.isoformat(),
        e.kind.value + (" !" if e.meaningful else ""),
        people(e.contact_ids, e.contact_names, labels),
        e.minutes or None,
        campaign_named(campaigns, e.campaign_id, e.campaign_name),
        e.note,
    )


def interactions_table(
    entries: Sequence[Interaction], labels: Labels = NO_LABELS, campaigns: Labels = NO_LABELS
) -> str:
    """`campaigns`: "Org Title [id:N]" of the campaigns that share their name with another."""
    return table(
        ("id", "on", "kind", "with", "min", "campaign", "note"),
        (interaction_row(e, labels, campaigns) for e in entries),
    )


def referrals_table(
    referrals: Sequence[Referral], labels: Labels = NO_LABELS, campaigns: Labels = NO_LABELS
) -> str:
    """Referrals as `referral list` shows them, with the id `referral edit` takes; a
    contact's page and a campaign's show the same columns."""
    return table(
        ("id", "on", "direction", "contact", "campaign", "note"),
        (
            (
                r.id,
                r.on.isoformat(),
                r.direction.value,
                labels.get(r.contact_id, r.contact_name),
                campaign_named(campaigns, r.campaign_id, r.campaign_name),
                r.note,
            )
            for r in referrals
        ),
    )


def time_kind(entry: TimeEntry) -> str:
    """A time entry's kind cell in "Logged today": "time: search"."""
    return f"time: {entry.category.value}"


def referral_kind(referral: Referral) -> str:
    """A referral's kind cell in "Logged today": "referral in"."""
    return f"referral {referral.direction.value}"


def follow_ups_table(items: Sequence[FollowUp], today: date, labels: Labels = NO_LABELS) -> str:
    return table(
        ("id", "due", "with", "from", "kind", "note"),  # id: the interaction's
        (
            (
                f.interaction_id,
                _due_text(f, today),
                people(f.contact_ids, f.contact_names, labels),
                f.origin_on.isoformat(),
                f.kind.value,
                f.note,
            )
            for f in items
        ),
    )


def _due_text(item: FollowUp, today: date) -> str:
    """The due day and its state, as the contact page says it: "2026-11-20 overdue", or
    "2026-10-22 done 2026-10-21"."""
    if item.done_on is not None:
        return f"{item.due.isoformat()} done {item.done_on.isoformat()}"
    return item.due.isoformat() + (" overdue" if item.due < today else "")


def goals_table(goals: Sequence[Goal], stored: bool = True) -> str:
    """`stored` False: goals no database holds yet (a new one's defaults): no ids."""
    return table(
        ("id", "metric", "target", "period", "since", "until", "note"),
        (
            (
                g.id if stored else None,
                g.metric,
                goal_target(g),
                g.period.value,
                day(getattr(g, "since", None)),
                day(g.until),
                g.note,
            )
            for g in goals
        ),
    )
