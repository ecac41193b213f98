"""What the boxes of a contact's page say, as rich Text: the profile (with the keep-in-touch
rhythm and when it falls due), strength with its rubric and history, follow-ups,
campaigns and referrals.

Pure functions of the records the page loaded, apart from the screen (contact_detail.py),
which reads them and acts on keys. An empty list names the key that adds to it, unless
the contact is archived (`invite`).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date

from rich.console import Group, RenderableType
from rich.style import Style
from rich.table import Table
from rich.text import Text

from netrack.domain import cadence
from netrack.domain.describe import NO_LABELS
from netrack.domain.entries import FollowUp, Referral
from netrack.domain.models import STRENGTH_RUBRIC, Campaign
from netrack.domain.people import Contact, StrengthChange
from netrack.screens.log_prefill import BRING_BACK
from netrack.widgets.last_column import ellipsized
from netrack.widgets.literal import literal
from netrack.widgets.urgency import DUE_TODAY, LATE

# What an empty box invites, each naming the key that fills it on the screen it names
# (tests/ui/test_keys.py holds each key to its screen's bindings).
NO_FOLLOW_UPS = "none. Add one with fu:DATE in the quick log (l)."
# Linked from the campaign's side, where the role is chosen too: `n` there (`C` only
# lists the linked, which this hint once named).
NO_CAMPAIGNS = "none. n on a campaign's page (1, ⏎) links a contact."
NO_REFERRALS = "none. Press r to add one."


def profile(
    contact: Contact, today: date, introduced_by: str = "", introduced: Sequence[str] = ()
) -> Group:
    """The contact's details; `introduced_by`: the introducer as told apart from a
    namesake (their stored name otherwise); `introduced`: the people they introduced,
    named likewise (history that keeps them from being deleted, shown here as such)."""
    head = literal(contact.name, style="bold")
    role = " · ".join(p for p in (contact.title, contact.organization) if p)
    if role:
        head.append("\n")
        head.append_text(literal(role))
    rows = [
        ("function", contact.function),
        ("industry", contact.effective_industry),
        ("location", contact.effective_location),
        ("org size", contact.size_band),
        ("email", contact.email),
        ("phone", contact.phone),
        ("url", contact.url),
        ("met", contact.met_on.isoformat() if contact.met_on else ""),
        ("via", contact.channel.value if contact.channel else ""),
        ("introduced by", introduced_by or contact.introduced_by),
        ("introduced", ", ".join(introduced)),
        ("tags", ", ".join(contact.tags)),
    ]
    # Label and value in columns of a grid: a value too long for the box's width wraps
    # (or, one long word like an email address, folds) within its own column. Flowed as
    # one text, "email" sat alone with the address on the next line, under the labels.
    table = Table.grid(expand=True)
    table.add_column(no_wrap=True, style="dim")
    table.add_column(overflow="fold", ratio=1)  # the width the labels leave
    shown = [(label, literal(value)) for label, value in rows if value]
    for label, value in [*shown, *keep_in_touch_rows(contact, today)]:
        table.add_row(f"{label:>13}  ", value)
    parts: list[RenderableType] = [head, table]
    if contact.archived:
        parts.append(Text("archived", style="bold red").append(f" ({BRING_BACK})", "dim"))
    return Group(*parts)


def next_touch(contact: Contact) -> date | None:
    """When the contact falls due on their keep-in-touch rhythm: the last interaction (or
    met_on, if none) plus the cadence; None without a cadence or a date to count from."""
    return cadence.next_touch(contact.last_touch, contact.met_on, contact.keep_in_touch)


def keep_in_touch_rows(contact: Contact, today: date) -> list[tuple[str, Text]]:
    """Profile rows: the rhythm, then when it falls due ("due today", "overdue by N
    days", or the date)."""
    every = contact.keep_in_touch
    if not every:
        return [("keep in touch", Text("no rhythm set (e to set one)", style="dim"))]
    rows = [("keep in touch", Text(cadence.every_text(every)))]
    due = next_touch(contact)
    if due is None:
        return rows
    late = (today - due).days
    if late > 0:
        when = Text(f"overdue by {late} day{'s' if late != 1 else ''}", style=LATE)
        when.append(f" (due {due:%a %Y-%m-%d})", style="dim")
    elif late == 0:
        when = Text("due today", style=DUE_TODAY)
    else:
        when = Text(f"{due:%a %Y-%m-%d} (in {-late} day{'s' if late != -1 else ''})")
    return [*rows, ("next touch", when)]


def strength(contact: Contact, history: list[StrengthChange]) -> Text:
    """The rubric with the current level marked, then the whole history, newest first:
    date → strength (the box scrolls: see `ScrollBox`)."""
    text = Text()
    for level, words in STRENGTH_RUBRIC.items():
        mark = "●" if contact.strength and level <= contact.strength else "○"
        style = "bold yellow" if level == contact.strength else "dim"
        text.append(f"{mark} {level} {words}\n", style=style)
    if not contact.strength:
        text.append("not rated: press e to set a strength\n", style="italic")
    if history:
        text.append("history", style="underline")
        if len(history) > 1:
            text.append(f" ({len(history)}, newest first)", style="dim")
        for change in reversed(history):
            text.append(f"\n{change.on} → {change.strength or 'none'}")
    text.rstrip()  # no blank line at the end of the box
    return text


def follow_up_text(items: list[FollowUp], today: date, invite: bool = True) -> Group:
    """`invite`: an empty box names the key that adds one (not an archived contact's)."""
    if not items:
        words = NO_FOLLOW_UPS if invite else "none."
        return Group(Text(words, style="dim"))
    pending = [f for f in items if f.done_on is None]
    done = [f for f in items if f.done_on is not None][::-1]  # newest first, every one
    # One line each, the note cut with "…" as the Timeline cuts it: a 5,000-character
    # note filled the box with sixty lines and pushed the others out of sight.
    lines: list[RenderableType] = []
    for item in pending:
        style = LATE if item.due < today else (DUE_TODAY if item.due == today else Style())
        # In words too, as the Agenda says it: a colour alone tells nothing to some.
        late = " overdue" if item.due < today else (" today" if item.due == today else "")
        line = Text().append(f"○ {item.due:%a %Y-%m-%d}{late}", style=style)
        lines.append(_with_origin(line, item))
    if pending:  # above the done ones, however many: in sight as the box opens
        lines.append(Text("d marks every pending follow-up done", style="italic dim"))
    # The done ones with where they came from too, as `contact show` lists them: two
    # dates alone did not tell one follow-up from another.
    for item in done:
        line = Text(f"✓ {item.due:%Y-%m-%d} done {item.done_on}", style="dim")
        lines.append(_with_origin(line, item))
    return Group(*lines)


def _with_origin(line: Text, item: FollowUp) -> Text:
    """`line`, then the interaction it came from and its note, on one line cut with "…"."""
    line.append(f"  from {item.kind.label} {item.origin_on}", style="dim")
    if item.note:
        line.append("  ")
        line.append_text(literal(item.note))
    return ellipsized(line)


def campaigns_text(
    campaigns: list[Campaign],
    contact_id: int,
    names: Mapping[int, str] = NO_LABELS,
    invite: bool = True,
) -> Text:
    """One line per campaign the contact is linked to: its name (`names` telling twins
    apart, "Acme Eng [id:2]", as the Timeline and the Referrals beside it do), stage and
    the contact's role; `invite`: as `follow_up_text`'s."""
    text = Text()
    if not campaigns:
        words = NO_CAMPAIGNS if invite else "none."
        text.append(words, style="dim")
    for campaign in campaigns:
        role = next(
            (link.role for link in campaign.contacts if link.contact_id == contact_id), None
        )
        text.append_text(literal(names.get(campaign.id, campaign.display_name)))
        text.append(f"  [{campaign.stage.value}]", style="cyan")
        if role:
            text.append(f"  {role.value}", style="dim")
        text.append("\n")
    text.rstrip()  # no blank line at the end of the box (the Referrals box beside it grew)
    return text


def referrals_text(
    referrals: list[Referral], campaigns: Mapping[int, str] = NO_LABELS, invite: bool = True
) -> Text:
    """One line per referral: its day, direction, campaign ("for Acme Eng", `campaigns`
    naming twins "Acme Eng [id:2]") and note; `invite`: as `follow_up_text`'s."""
    text = Text()
    if not referrals:
        text.append(NO_REFERRALS if invite else "none.", style="dim")
    for ref in referrals:
        arrow = "← referred you" if ref.direction.value == "in" else "→ you helped"
        text.append(f"{ref.on}  {arrow}  ")
        if ref.campaign_id is not None:
            text.append("for ", style="dim")
            text.append_text(literal(campaigns.get(ref.campaign_id, ref.campaign_name)))
            text.append(" · " if ref.note else "", style="dim")
        text.append_text(literal(ref.note))
        text.append("\n")
    return text
