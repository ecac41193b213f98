"""Reading the records of a netrack JSON export: each read whole and checked through
`netrack.domain.validate`, as the CLI checks what is typed; references stay positions
(`ref`) for the merge to resolve, since only it knows which records were skipped."""

from __future__ import annotations

from datetime import date
from typing import Any

from netrack.data.repo.goals import check_metric, check_since, check_target, check_until
from netrack.domain import validate
from netrack.domain.errors import InputError
from netrack.domain.models import (
    CampaignRole,
    Comparator,
    ContactChannel,
    Direction,
    GoalPeriod,
    Kind,
    SourceChannel,
    Stage,
    TimeCategory,
)
from netrack.domain.records import OrgRecord, Person
from netrack.interop.json_campaign_history import check_history
from netrack.interop.json_fields import (
    Bookkeeping,
    ControlledUrls,
    Horizon,
    IdLikeNames,
    Item,
    RecordError,
)


def read_goal(item: Item, since: date) -> dict[str, Any]:
    """Goal columns; `since` is for a file written before goals had one. A file from
    before schema 17 has no `until`: no end, as the upgrade gives every goal."""
    comparator = item.choice("comparator", Comparator) or Comparator.AT_LEAST
    period = item.choice("period", GoalPeriod) or GoalPeriod.WEEK
    metric = item.checked("metric", check_metric, item.text("metric"))
    # A day some card can show, as `goal add --since` checks it (0001 never would)
    first = item.checked("since", check_since, item.day("since") or since)
    return {
        "since": first,
        # Not before `since`, as `goal end` checks it
        "until": item.checked("until", check_until, item.day("until"), first),
        "metric": metric,
        # Checked against the metric's own range, as `goal add` does: a focus_ratio of 5
        # is refused there, so here too, with the same words (a negative one too).
        # As stored: an export of an older netrack's 1.5 interviews must come back whole
        "target": item.checked("target", check_target, item.finite("target"), metric, True),
        "comparator": comparator.value,
        "period": period.value,
        "note": item.text("note"),
    }


def read_org(item: Item, names: IdLikeNames) -> OrgRecord:
    return OrgRecord(
        # "none" is no organization wherever one is named (`--org none`)
        name=item.checked(
            "name",
            validate.organization_name,
            names.read(item, "name", "organization name"),
            True,
        ),
        line=0,
        **{key: item.text(key) for key in ("industry", "location", "notes")},
        size_band=item.checked("size_band", validate.size_band, item.text("size_band")),
        uid=item.uid(),
    )


def read_person(
    item: Item, line: int, horizon: Horizon, names: IdLikeNames, urls: ControlledUrls
) -> Person:
    channel = item.choice("channel", ContactChannel)
    return Person(
        name=names.read(item, "name"),
        line=line,
        organization=item.optional_name("organization", "organization name"),
        title=item.text("title"),
        function=item.text("function"),
        industry=item.text("industry"),
        location=item.text("location"),
        emails=[item.text("email")],
        phones=[item.text("phone")],
        urls=[item.url("url", urls)],
        notes=item.text("notes"),
        met_on=item.past("met_on", horizon, "met on"),
        channel=channel.value if channel else None,
        tags=item.tags("tags"),
        strength=item.whole("strength", 1, 5),
        archived=item.flag("archived"),
        uid=item.uid(),
    )


def read_step(step: Item, horizon: Horizon) -> dict[str, Any]:
    """One stage change of a campaign's history, as StageChange columns."""
    to_stage = step.choice("to", Stage, optional=False, what="stage")
    from_stage = step.choice("from", Stage, what="stage")
    reason = step.checked("reason", validate.loss_reason, step.text("reason"))
    if reason and to_stage != Stage.LOST:
        raise step.fail("reason", "a loss reason is only for a change to lost")
    return {
        "to_stage": to_stage.value if to_stage else None,
        "on": step.past("on", horizon, "stage change"),
        "from_stage": from_stage.value if from_stage else None,
        "note": step.text("note"),
        "reason": reason,
    }


def _older_lost_reason(item: Item, history: list[dict[str, Any]]) -> None:
    """A file from before stage changes had reasons: its campaign's `lost_reason` goes
    onto the latest change into lost, as the schema-4 migration does."""
    if any("reason" in step.data for step in item.items("history")):
        return
    code = validate.legacy_loss_reason(item.text("lost_reason"))
    into_lost = [step for step in history if step["to_stage"] == Stage.LOST.value]
    if code and into_lost:
        sorted(into_lost, key=lambda step: step["on"])[-1]["reason"] = code


def read_campaign(
    item: Item, horizon: Horizon, names: IdLikeNames, urls: ControlledUrls
) -> dict[str, Any]:
    """A campaign with its history; `links` are (item, contact position, role)."""
    source = item.choice("source", SourceChannel)
    since = item.day("stage_since")
    if since is not None:
        horizon.happened(item, "stage_since", since, "stage_since")
    opened = item.past("opened_on", horizon, "opened on")
    stage = item.choice("stage", Stage)
    history = [read_step(step, horizon) for step in item.items("history")]
    check_history(item, history, opened, stage, since)
    _older_lost_reason(item, history)
    links = []
    for link in item.items("contacts"):
        role = link.choice("role", CampaignRole)
        links.append((link, link.ref("contact", required=True), role.value if role else None))
    organization = item.name("organization", "organization name")
    item.checked("organization", validate.no_campaign_without_organization, organization)
    url, deadline = item.url("url", urls), item.day("deadline")
    return {
        "uid": item.uid(),
        "organization": organization,
        "opened_on": opened,
        "stage": (stage or Stage.RESEARCH).value,
        "stage_since": since,
        "values": {
            "title": names.read(item, "title", "campaign title"),
            "source": source.value if source else None,
            "priority": item.whole("priority", 1, 5),
            "url": url,
            "notes": item.text("notes"),
            **{key: item.text(key) for key in ("location", "compensation", "documents")},
            # As stored, like a goal's target: an older netrack took any year (0001), and
            # its export must import whole (SPEC: the same export again); add and edit
            # refuse one now.
            "deadline": deadline,
        },
        "history": history,
        "links": links,
        "refused_now": _refused_now(item, deadline),
    }


def _refused_now(item: Item, deadline: date | None) -> list[str]:
    """What a campaign holds that `campaign edit` refuses now, kept as stored (an older
    netrack's export imports whole: restoring a backup must not lose the campaign) and
    said, so that it is mended rather than shown as "46720d past due". Only a harmless
    value is kept so: a URL with a control character is left out (`Item.url`)."""
    try:
        if deadline:
            validate.deadline(deadline)
    except InputError as error:
        return [f"{item.record} as stored, though netrack refuses it now: {error}"]
    return []


def one_role_each(
    links: list[tuple[Item, int | None, str | None]], notes: list[str]
) -> list[tuple[int | None, str | None]]:
    """A campaign's (contact, role) links, the first of each contact's: a link holds one
    role, so a later entry naming a contact linked already is left out, and said in
    `notes` when its role is another: the summary says which role was not kept."""
    first: dict[int | None, tuple[Item, str | None]] = {}
    for link, contact, role in links:
        if contact not in first:
            first[contact] = (link, role)
            continue
        kept, kept_role = first[contact]
        if role != kept_role:
            notes.append(
                f"{link.record} without {_in_record(link)} ({_as(role)}): "
                f"{_in_record(kept)} links the same contact {_as(kept_role)}, "
                "and a link holds one role"
            )
    return [(contact, role) for contact, (_, role) in first.items()]


def _in_record(item: Item) -> str:
    """An item's path inside its top-level record ("contacts[1]")."""
    return item.where.split(".", 1)[-1]


def _as(role: str | None) -> str:
    """A role as `campaign link` says one ("as hiring manager")."""
    return f"as {role.replace('_', ' ')}" if role else "with no role"


def read_interaction(
    item: Item, horizon: Horizon, dropped: list[str], books: Bookkeeping
) -> dict[str, Any]:
    """Interaction columns, plus `who`: the contacts' positions; `campaign` a position;
    `uid` None in a file without one.
    What was left out of it, for the summary's "kept" lines, goes to `dropped`."""
    on = item.past("on", horizon, "interaction")
    who = item.refs("contacts")
    if not who:
        raise item.fail("contacts", "an interaction needs at least one contact")
    kind = item.choice("kind", Kind) or Kind.OTHER
    due = item.checked("follow_up_on", validate.follow_up, item.day("follow_up_on"), on)
    done = item.day("follow_up_done_on")
    if due is None:
        done = None  # a done day without its follow-up: read by nothing
    elif done is not None:
        # Not checked against `on`: an edit could once move an interaction past the day
        # its follow-up was done (refused since), and a server's backup (an export)
        # must restore such a row whole.
        done = _done_on(item, done, horizon, dropped)
    return {
        "uid": item.uid(),
        "on": on,
        "kind": kind.value,
        "minutes": item.whole("minutes", 0, 24 * 60) or 0,
        "campaign": item.ref("campaign"),
        "note": item.text("note"),
        "who": who,
        "meaningful": item.flag("meaningful"),
        "value_received": item.text("value_received"),
        "value_given": item.text("value_given"),
        "cost_cents": validate.cents(item.cost("cost")),
        "follow_up_on": due,
        "follow_up_done_on": done,
        "logged_on": _logged_on(item, horizon, books, missing=on),
    }


def _done_on(item: Item, done: date, horizon: Horizon, dropped: list[str]) -> date | None:
    """The day a follow-up was done, if it has happened here. One done on a later
    "today" than this one's (an export from a netrack whose clock ran ahead) costs only
    that day: the interaction and its follow-up are kept, the follow-up pending."""
    try:
        return horizon.happened(item, "follow_up_done_on", done, "a follow-up done on")
    except RecordError as error:
        why = str(error).removeprefix(f"{item.where}.follow_up_done_on: ")
        dropped.append(f"{item.record} without follow_up_done_on ({why}): its follow-up is pending")
        return None


def _logged_on(
    item: Item, horizon: Horizon, books: Bookkeeping, missing: date | None = None
) -> date | None:
    """The day the entry was typed in, as exported: null for imported history (an
    interaction's) or a row from before schema 16 (a time entry's, a referral's). A file
    from before the schema that keeps it has no such key: `missing`, what the upgrade
    gives existing rows (an interaction's `on`, schema 7; a time entry's or referral's
    NULL, schema 16), so importing an old export never fills "Logged today". Not checked
    against `on`: an entry whose date was edited later may have been logged before it.
    One that cannot be read is null (`Bookkeeping`): the entry is kept, not refused."""
    if "logged_on" not in item.data:
        return missing

    def read() -> date | None:
        day = item.day("logged_on")
        return None if day is None else horizon.happened(item, "logged_on", day, "logged_on")

    return books.read(item, read)


def read_referral(item: Item, horizon: Horizon, books: Bookkeeping) -> dict[str, Any]:
    """Referral columns; `contact` and `campaign` are positions; `uid` may be None."""
    direction = item.choice("direction", Direction, optional=False)
    return {
        "uid": item.uid(),
        "contact": item.ref("contact", required=True),
        "direction": direction.value if direction else None,
        "on": item.past("on", horizon, "referral"),
        "campaign": item.ref("campaign"),
        "note": item.text("note"),
        "logged_on": _logged_on(item, horizon, books),
    }


def read_time_entry(item: Item, horizon: Horizon, books: Bookkeeping) -> dict[str, Any]:
    """Time entry columns; `campaign` is a position; `uid` may be None."""
    category = item.choice("category", TimeCategory, optional=False)
    minutes = item.whole("minutes", 1, 24 * 60)
    if minutes is None:
        raise item.fail("minutes", "a time entry needs a positive duration")
    return {
        "uid": item.uid(),
        "on": item.past("on", horizon, "time entry"),
        "minutes": minutes,
        "category": category.value if category else None,
        "campaign": item.ref("campaign"),
        "note": item.text("note"),
        "logged_on": _logged_on(item, horizon, books),
    }
