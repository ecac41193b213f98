"""What a write did, in the words the CLI prints and the TUI shows: one wording for both."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from types import MappingProxyType
from typing import TYPE_CHECKING

from netrack.domain.models import Direction, TimeCategory
from netrack.domain.validate import cents

# The quick-log grammar loads with the first log, and what writes report and the
# entries with the first write, not with the TUI's first screen (their records: ~20 M
# instructions of start-up)
if TYPE_CHECKING:
    from netrack.domain.entries import FollowUp, Interaction, Referral, TimeEntry
    from netrack.domain.quicklog import Logged
    from netrack.domain.write_effects import ClosedLater, Edited, MetLater, SizeBandChanged

NO_LABELS: Mapping[int, str] = MappingProxyType({})  # every name as it is


def sentence(text: str) -> str:
    """`text` ended as a sentence: its full stop, unless a name last ends it already
    ("… then removes Ana L.. A backup…" read as a typo; "Yahoo!" needs none either)."""
    return text if text.endswith((".", "!", "?", "…")) else f"{text}."


def plural(count: int, word: str) -> str:
    """ "1 referral", "2 referrals", "2 time entries": `count` of `word`, which is the
    last word's plural that changes ("time entry", "contact link")."""
    if count == 1:
        return f"{count} {word}"
    # A consonant before the y: "entries"; a vowel keeps it: "days", "keys"
    if word.endswith("y") and word[-2:-1] not in tuple("aeiou"):
        return f"{count} {word[:-1]}ies"
    return f"{count} {word}s"


@dataclass(frozen=True, slots=True)
class Named:
    """How a confirmation names the people and campaigns it mentions: id → "Sam Lee
    (Acme)" or "Acme Eng [id:2]" for those that share their name with another
    (`repo.told_apart`); the rest by their name."""

    people: Mapping[int, str] = field(default_factory=lambda: NO_LABELS)
    campaigns: Mapping[int, str] = field(default_factory=lambda: NO_LABELS)

    def person(self, contact_id: int, name: str) -> str:
        return self.people.get(contact_id, name)

    def campaign(self, campaign_id: int, name: str) -> str:
        return self.campaigns.get(campaign_id, name)


AS_THEY_ARE = Named()  # every name as it is


def spent(cost: float) -> str:
    """'$8.50': an amount as it is stored, in whole cents, half a cent up
    (`validate.cents`); "" for less than half a cent. Formatting the float itself showed
    1.005 as $1.00 (it is 1.00499… in binary) where $1.01 was written."""
    whole = cents(cost)
    return f"${whole // 100}.{whole % 100:02d}" if whole else ""


def already_done(closed_on: date) -> str:
    """What a back-dated entry's follow-up is, a touch logged since having closed it."""
    return f"already done: a later touch on {closed_on.isoformat()} closed it"


def already_marked(done_on: date) -> str:
    """What a follow-up marked done by hand is, to a write that would mark it again."""
    return f"already marked done on {done_on.isoformat()}"


def marked_done(done_on: date, interaction_id: int) -> str:
    """What an edited entry's follow-up is, marked done by hand: a new due day does not
    bring it back, so the way to have it pending again is named."""
    return f"{already_marked(done_on)} (netrack followup reopen {interaction_id} to be reminded)"


def done_before(follow_up: FollowUp, labels: Mapping[int, str] = NO_LABELS) -> str:
    """'follow-up with Ana López due 2026-11-24 already marked done on 2026-11-23' (or
    '… already done: a later touch on 2026-11-25 closed it'): why marking it done, from
    a list shown before that, marks nothing (its day would have been overwritten)."""
    whom = f"follow-up with {people(follow_up.contact_ids, follow_up.contact_names, labels)}"
    done_on = follow_up.done_on or follow_up.due  # only a done one is said to be
    marked = follow_up.marked_on
    how = (
        already_marked(marked)
        if marked is not None and marked == done_on
        else already_done(done_on)
    )
    return f"{whom} due {follow_up.due.isoformat()} {how}"


def closed_by_later(closed_on: date) -> str:
    """What a follow-up whose done mark was taken back is, a later interaction having
    closed it: done still, not pending."""
    return f"it is done on {closed_on.isoformat()}, when a later interaction closed it"


def describe_taken_back(closings: Sequence[date | None], what: str = "") -> str:
    """What taking back done marks did (`closings`: the day a later interaction closed
    each follow-up, None for one pending again; `what`: them in words), as `followup
    reopen` says it: '1 follow-up pending again (with Ana, due 11-30)', or 'took back
    the done mark (with Ana, due 11-30): it is done on 2026-11-27, when a later
    interaction closed it'."""
    said = f" ({what})" if what else ""
    pending = sum(day is None for day in closings)
    days = sorted({day for day in closings if day is not None})
    again = f"{pending} follow-up{'s' if pending != 1 else ''} pending again"
    if not days:
        return f"{again}{said}"
    taken = len(closings) - pending
    if taken == 1 and not pending:
        return f"took back the done mark{said}: {closed_by_later(days[0])}"
    on = ", ".join(day.isoformat() for day in days)
    closed = (
        f"{taken} done on {on}, when a later interaction closed {'it' if taken == 1 else 'them'}"
    )
    return f"took back {len(closings)} done marks{said}: " + (
        f"{again}, {closed}" if pending else closed
    )


def people(ids: Sequence[int], names: Sequence[str], labels: Mapping[int, str]) -> str:
    """'Ana López, Sam Lee (Acme)': each name, or its label where `labels` has one (a
    namesake told apart by organization)."""
    return ", ".join(labels.get(i, name) for i, name in zip(ids, names, strict=False))


def describe_closes(closes: Sequence[FollowUp], labels: Mapping[int, str] = NO_LABELS) -> list[str]:
    """'closes follow-up with Ana López due 2026-12-01', one per follow-up."""
    return [
        f"closes follow-up with {people(f.contact_ids, f.contact_names, labels)} due "
        f"{f.due.isoformat()}"
        for f in closes
    ]


def describe_closes_earlier(
    earlier: Sequence[FollowUp], labels: Mapping[int, str] = NO_LABELS
) -> list[str]:
    """'closes follow-up with Ana López due 2026-11-17 earlier (was closed by a touch on
    2026-11-20)', one per follow-up done already that a back-dated entry closes on its
    own day instead: a late one may turn on time."""
    return [
        f"closes follow-up with {people(f.contact_ids, f.contact_names, labels)} due "
        f"{f.due.isoformat()} earlier ({_was_done(f)})"
        for f in earlier
    ]


def _done_by_its_mark(follow_up: FollowUp) -> date | None:
    """The day of its done mark, when that mark (not a touch) is what made it done."""
    marked = follow_up.marked_on
    return marked if marked is not None and marked == follow_up.done_on else None


def _was_done(follow_up: FollowUp) -> str:
    """'was marked done on 2026-11-18' or 'was closed by a touch on 2026-11-20'."""
    marked = _done_by_its_mark(follow_up)
    if marked is not None:
        return f"was marked done on {marked.isoformat()}"
    return f"was closed by a touch on {follow_up.done_on}"


def describe_closes_later(
    later: Sequence[ClosedLater], labels: Mapping[int, str] = NO_LABELS
) -> list[str]:
    """'closes follow-up with Ana López due 2026-11-17 later (on 2026-11-25, was closed by a
    touch on 2026-11-20)', one per follow-up done already that a deleted or moved touch
    leaves to a later one: an on-time one may turn late."""
    return [
        f"closes follow-up with {people(f.now.contact_ids, f.now.contact_names, labels)} due "
        f"{f.now.due.isoformat()} later ({_now_done(f.now)}, {_was_done(f.was)})"
        for f in later
    ]


def _now_done(follow_up: FollowUp) -> str:
    """'on 2026-11-25', or 'as marked done on 2026-11-22' when its mark comes first."""
    marked = _done_by_its_mark(follow_up)
    if marked is not None:
        return f"as marked done on {marked.isoformat()}"
    return f"on {follow_up.done_on}"


def describe_removed(removed: FollowUp, labels: Mapping[int, str] = NO_LABELS) -> str:
    """'removes follow-up with Ana López due 2026-11-10 (was marked done on 2026-11-12)':
    an edit clearing an entry's follow-up, and with it the day it was done (a due day
    set again starts pending, or done by a later touch, but not marked)."""
    said = (
        f"removes follow-up with {people(removed.contact_ids, removed.contact_names, labels)} "
        f"due {removed.due.isoformat()}"
    )
    if removed.done_on is None:
        return said
    marked = removed.marked_on
    if marked is not None and marked != removed.done_on:  # a touch closed it earlier
        # the mark goes too: said, or a touch deleted later would leave it pending
        return f"{said} ({_was_done(removed)}, and marked done on {marked.isoformat()})"
    return f"{said} ({_was_done(removed)})"


def describe_reopens(
    reopens: Sequence[FollowUp], labels: Mapping[int, str] = NO_LABELS
) -> list[str]:
    """'reopens follow-up with Ana López due 2026-12-01', one per follow-up."""
    return [
        f"reopens follow-up with {people(f.contact_ids, f.contact_names, labels)} due "
        f"{f.due.isoformat()}"
        for f in reopens
    ]


def describe_interaction(
    entry: Interaction,
    verb: str = "logged",
    closes: Sequence[FollowUp] = (),
    reopens: Sequence[FollowUp] = (),
    named: Named = AS_THEY_ARE,
    earlier: Sequence[FollowUp] = (),
    later: Sequence[ClosedLater] = (),
    removed: FollowUp | None = None,
) -> str:
    """'logged in person with Ana López, Raj Patel on 2026-11-26 · 45m · $8.50 · for Acme
    Platform · meaningful · follow up 2026-12-01 · closes follow-up with Ana López due
    2026-11-30' (optional parts only when set). `named`: "Sam Lee (Acme)", "Acme Eng
    [id:2]" for those that share their name (`repo.told_apart`)."""
    labels = named.people
    kind = entry.kind.value.replace("_", " ")
    who = people(entry.contact_ids, entry.contact_names, labels)  # "Sam Lee (Acme), …"
    parts = [f"{verb} {kind} with {who} on {entry.on.isoformat()}"]
    if entry.minutes:
        parts.append(f"{entry.minutes}m")
    if spent(entry.cost):  # as the quick-log bar's preview shows it
        parts.append(spent(entry.cost))
    if entry.campaign_name:
        campaign = entry.campaign_name
        if entry.campaign_id is not None:
            campaign = named.campaign(entry.campaign_id, campaign)
        parts.append(f"for {campaign}")
    if entry.meaningful:
        parts.append("meaningful")
    if entry.follow_up_on:
        odd = " (not after the interaction)" if entry.follow_up_on <= entry.on else ""
        parts.append(f"follow up {entry.follow_up_on.isoformat()}{odd}")  # as the bar warns
        if entry.follow_up_closed_on is not None:
            # Back-dated, with a later touch already logged: done as it is written.
            parts.append(already_done(entry.follow_up_closed_on))
        elif entry.follow_up_done_on is not None and verb != "deleted":
            # A deleted entry has no mark left to take back.
            parts.append(marked_done(entry.follow_up_done_on, entry.id))
    elif removed is not None:
        parts.append(describe_removed(removed, labels))
    parts.extend(describe_closes(closes, labels))
    parts.extend(describe_closes_earlier(earlier, labels))
    parts.extend(describe_reopens(reopens, labels))
    parts.extend(describe_closes_later(later, labels))
    return " · ".join(parts)


def describe_logged(logged: Logged, named: Named = AS_THEY_ARE, in_app: bool = False) -> str:
    """`describe_interaction` of a new interaction, with the follow-ups it closed, and a
    note for each of its people met after it (`describe_met_later`)."""
    entry = logged.entry
    said = describe_interaction(entry, closes=logged.closes, named=named, earlier=logged.earlier)
    return said + _met_later(logged.met_later, entry.on, named, in_app)


def describe_edited(
    edited: Edited, verb: str, named: Named = AS_THEY_ARE, in_app: bool = False
) -> str:
    """`describe_interaction` of an edited interaction, with the follow-ups the edit
    closed, reopened, or moved to a later or an earlier day, its own if it cleared it,
    and a note for each of its people met after it (`describe_met_later`)."""
    said = describe_interaction(
        edited.entry,
        verb,
        edited.closes,
        edited.reopens,
        named,
        earlier=edited.earlier,
        later=edited.later,
        removed=edited.removed,
    )
    return said + _met_later(edited.met_later, edited.entry.on, named, in_app)


def _met_later(met_later: Sequence[MetLater], on: date, named: Named, in_app: bool) -> str:
    """`describe_met.describe_met_later`, loaded only when someone was met after the
    touch: most logs name nobody so, and `netrack log` starts without it."""
    if not met_later:
        return ""
    from netrack.domain.describe_met import describe_met_later

    return describe_met_later(met_later, on, named, in_app)


def describe_referral_added(added: Referral, named: Named = AS_THEY_ARE) -> str:
    """'added referral in (from Sam Lee (Acme)) on 2026-11-24 · for Acme Platform' (its
    campaign when it has one): the day said, as `log` and `time add` say theirs (`--on`
    takes "-3d" and "fri")."""
    way = "from" if added.direction is Direction.IN else "to"
    who = named.person(added.contact_id, added.contact_name)
    said = f"added referral {added.direction.value} ({way} {who}) on {added.on.isoformat()}"
    return said + _for(added, named)


def describe_referral_deleted(gone: Referral, named: Named = AS_THEY_ARE) -> str:
    who = named.person(gone.contact_id, gone.contact_name)
    shown = f"deleted referral #{gone.id} ({gone.direction.value}, {who}, {gone.on})"
    return shown + _for(gone, named)


def describe_referral_edited(now: Referral, named: Named = AS_THEY_ARE) -> str:
    """'edited referral #3: in, Ana López, 2026-11-20 · for Acme Platform' (its campaign
    when it has one)."""
    who = named.person(now.contact_id, now.contact_name)
    return f"edited referral #{now.id}: {now.direction.value}, {who}, {now.on}" + _for(now, named)


def duration_text(minutes: int) -> str:
    """ "45m", "2h", "1h30m", "24h": minutes as a person says them, in a DURATION form
    `time add` takes back."""
    hours, rest = divmod(minutes, 60)
    if not hours:
        return f"{rest}m"
    return f"{hours}h{rest}m" if rest else f"{hours}h"


def time_spent_text(entry: TimeEntry) -> str:
    """ "2h of time off", "1h30m of search": a time entry's length and category in words
    ("120m of off" before)."""
    category = "time off" if entry.category is TimeCategory.OFF else entry.category.value
    return f"{duration_text(entry.minutes)} of {category}"


def describe_time_entry_added(added: TimeEntry, named: Named = AS_THEY_ARE) -> str:
    """'added 45m of search on 2026-11-20 · for Acme Platform'."""
    return f"added {time_spent_text(added)} on {added.on.isoformat()}" + _for(added, named)


def describe_time_entry_deleted(gone: TimeEntry, named: Named = AS_THEY_ARE) -> str:
    """'deleted time entry #12 (2h of time off, 2026-11-20)'."""
    shown = f"deleted time entry #{gone.id} ({time_spent_text(gone)}, {gone.on})"
    return shown + _for(gone, named)


def describe_time_entry_edited(now: TimeEntry, named: Named = AS_THEY_ARE) -> str:
    """'edited time entry #12: 1h30m of search on 2026-11-20 · for Acme Platform'."""
    shown = f"edited time entry #{now.id}: {time_spent_text(now)} on {now.on}"
    return shown + _for(now, named)


def _for(record: Referral | TimeEntry, named: Named) -> str:
    """' · for Acme Platform': the campaign a record is linked to, or ""."""
    if record.campaign_id is None:
        return ""
    return f" · for {named.campaign(record.campaign_id, record.campaign_name)}"


def describe_size_band_changed(change: SizeBandChanged | None) -> str:
    """ " · Beta's size 1-10 → 5000+ (2 contacts)" after a contact's confirmation: the
    band is the organization's, changed for all its contacts; "" when none changed."""
    if change is None:
        return ""
    count = f"{change.contacts} contact{'' if change.contacts == 1 else 's'}"
    before, after = change.before or "none", change.after or "none"
    return f" · {change.organization}'s size {before} → {after} ({count})"


def describe_new_organization_close(
    name: str, org_id: int | None, close: Sequence[tuple[int, str]]
) -> str:
    """The command line's note after it made organization `name` (`org_id`; None: none
    was made) from a name close to the known ones `close`, (id, name) closest first
    (`similar.close_to_new`), where a form would have asked first. It names the merge
    that joins the new one to the closest; "" when nothing is close."""
    if not close or org_id is None:
        return ""
    from netrack.domain.describe_met import shell_argument

    keep, other = shell_argument(*close[0]), shell_argument(org_id, name)
    joins = "joins them" if len(close) == 1 else "joins it to the first"
    near = " or ".join(f'"{known}"' for _, known in close)
    return (
        f'note: new organization "{name}" is close to {near} '
        f"(netrack org merge {keep} {other} {joins})"
    )


def describe_archived_pending(pending: Sequence[tuple[int, str, int]]) -> str:
    """ "; Sam Lee (Acme), archived, has 1: netrack followup done "Sam Lee (Acme)" marks
    it", after "no pending follow-ups with Sam Lee (Globex)": `pending` holds (id,
    "Name (Org)", how many) of the archived namesakes with pending follow-ups, whom the
    bare name does not reach (archived contacts left name resolution) but their own
    label does, as `followup done` takes an archived contact no active one fits."""
    from netrack.domain.describe_met import shell_argument

    return "".join(
        f"; {named}, archived, has {count}: netrack followup done "
        f"{shell_argument(contact_id, named)} marks {'it' if count == 1 else 'them'}"
        for contact_id, named, count in pending
    )
