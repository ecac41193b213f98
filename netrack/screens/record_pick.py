"""Mending or taking back a referral or a time entry from the palette ("Edit a
referral…", "Delete a time entry…", …): the TUI could add them, but only the CLI could
change or remove one logged by mistake. Pick it among the newest; edit it in the form
that adds one, filled in, or confirm, and it goes as `referral delete` and `time delete`
take it away, in their words."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from rich.text import Text
from textual.app import App

from netrack.data.repo import Repo
from netrack.domain.describe import (
    Named,
    describe_referral_deleted,
    describe_time_entry_deleted,
    time_spent_text,
)
from netrack.domain.entries import Referral, TimeEntry
from netrack.screens.as_asked import as_asked
from netrack.screens.busy_writes import run_write
from netrack.screens.host import announce, host

# The newest this many are offered (typing narrows them): a mistake is a recent one.
OFFERED = 300


@dataclass(frozen=True, slots=True, kw_only=True)
class Picked:
    """A kind of record the palette mends or takes back, and its words."""

    what: str  # "a referral": the pick's title is "Edit a referral" or "Delete a referral"
    command: str  # the CLI's: `netrack referral edit ID` reaches one older than offered
    which: str
    none_yet: str
    # The newest OFFERED and one more (to know there are more), newest first
    newest: Callable[[Repo], Sequence[Any]]
    now: Callable[[Repo, int], Sequence[Any]]  # that record as it is now ([] when gone)
    delete: Callable[[Repo, int], Any]  # the record removed
    # How the records offered name their people ("Sam Lee (Acme)" beside a namesake)
    named: Callable[[Repo, Sequence[Any]], Named]
    label: Callable[[Any, Named], str]  # its row in the list
    question: Callable[[Any, Named], str]
    gone: Callable[[Repo, Any], str]  # what was done, as the CLI says it
    form: Callable[[Repo, Any], Any]  # the form that edits one


def _about(record: Referral | TimeEntry, what: str, named: Named) -> str:
    """Its row: day, what, then campaign · note as `time list` and the Agenda give them
    (two alike but for their campaign looked the same without it)."""
    campaign = ""
    if record.campaign_id is not None:
        campaign = named.campaign(record.campaign_id, record.campaign_name)
    about = " · ".join(part for part in (campaign, record.note) if part)
    return f"{record.on}  {what}" + (f" · {about}" if about else "")


REFERRAL = Picked(
    what="a referral",
    command="referral",
    which="Which referral?",
    none_yet="no referrals yet",
    newest=lambda repo: repo.referrals.all(limit=OFFERED + 1),
    now=lambda repo, rid: repo.referrals.all(referral_id=rid),
    delete=lambda repo, rid: repo.referrals.delete(rid),
    named=lambda repo, found: repo.told_apart(
        [r.contact_id for r in found], [r.campaign_id for r in found]
    ),
    label=lambda r, named: _about(
        r, f"{r.direction.value}  {named.person(r.contact_id, r.contact_name)}", named
    ),
    question=lambda r, named: (
        f"Delete the referral of {r.on} "
        f"({r.direction.value}, {named.person(r.contact_id, r.contact_name)})?"
    ),
    gone=lambda repo, r: describe_referral_deleted(
        r, repo.told_apart([r.contact_id], [r.campaign_id])
    ),
    form=lambda repo, r: _referral_form(repo, r),
)
TIME_ENTRY = Picked(
    what="a time entry",
    command="time",
    which="Which time entry?",
    none_yet="no time entries yet",
    newest=lambda repo: repo.time.all(limit=OFFERED + 1),
    now=lambda repo, eid: repo.time.all(entry_id=eid),
    delete=lambda repo, eid: repo.time.delete(eid),
    named=lambda repo, found: repo.told_apart(campaign_ids=[e.campaign_id for e in found]),
    label=lambda e, named: _about(e, f"{e.minutes}m  {e.category.value}", named),
    question=lambda e, named: f"Delete the {time_spent_text(e)} of {e.on}?",
    gone=lambda repo, e: describe_time_entry_deleted(
        e, repo.told_apart(campaign_ids=[e.campaign_id])
    ),
    form=lambda repo, e: _time_form(repo, e),
)


# The forms load when one opens: the palette lists these commands whenever it opens.
def _referral_form(repo: Repo, referral: Referral) -> Any:
    from netrack.screens.modal.referral_form import ReferralForm

    return ReferralForm(repo, referral=referral)


def _time_form(repo: Repo, entry: TimeEntry) -> Any:
    from netrack.screens.modal.time_form import TimeForm

    return TimeForm(repo, entry=entry)


def pick_then_edit(app: App[Any], kind: Picked) -> None:
    """Offer the newest records of `kind`; the one picked opens in its form."""

    def edit(record: Any) -> None:
        host(app).open_form(kind.form(host(app).repo, record))

    _pick(app, kind, "edit", edit)


def pick_then_delete(app: App[Any], kind: Picked) -> None:
    """Offer the newest records of `kind`; the one picked goes once confirmed."""
    from netrack.screens.modal.confirm import Confirm

    repo = host(app).repo

    def picked(record: Any) -> None:
        record_id = record.id
        named = kind.named(repo, [record])

        def now() -> str | None:
            found = kind.now(repo, record_id)
            return kind.label(found[0], named) if found else None

        def answered(yes: bool | None) -> None:
            if yes:
                run_write(
                    app,
                    repo,
                    # the record asked about, not one given its id since (see as_asked)
                    as_asked(
                        repo,
                        f"that {kind.what.split()[-1]}",
                        kind.label(record, named),
                        now,
                        lambda: kind.gone(repo, kind.delete(repo, record_id)),
                    ),
                    lambda summary: announce(app, summary),
                    lambda error: app.notify(str(error), severity="error", timeout=8),
                )

        app.push_screen(Confirm(kind.question(record, named)), answered)

    _pick(app, kind, "delete", picked)


def _pick(app: App[Any], kind: Picked, verb: str, then: Callable[[Any], None]) -> None:
    """Offer the newest records of `kind` to `verb` ("edit"); `then` the one picked."""
    from netrack.screens.modal.pick import Pick

    found = kind.newest(host(app).repo)
    records = {record.id: record for record in found[:OFFERED]}
    if not records:
        app.notify(kind.none_yet, timeout=4)
        return

    def picked(record_id: int | None) -> None:
        if record_id is not None:
            then(records[record_id])

    named = kind.named(host(app).repo, list(records.values()))
    choices = [(record_id, kind.label(record, named)) for record_id, record in records.items()]
    question = kind.which
    if len(found) > OFFERED:  # the rest were out of reach without a word
        question += f" (the newest {OFFERED}; an older one: netrack {kind.command} {verb} ID)"
    title = f"{verb.capitalize()} {kind.what}"
    app.push_screen(Pick(title, Text(question), choices), picked)
