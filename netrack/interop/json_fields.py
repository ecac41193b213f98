"""Reading a netrack JSON export safely: every value checked, every error located.

Two kinds of error. The file as a whole — not JSON, not a netrack export, too big, nested
too deeply, NaN — is refused with an InputError naming the file. One bad record is a
`RecordError` naming its JSON path (`contacts[3].strength: …`, since a JSON file gives no
useful line): the merge skips that record and reports it, as SPEC asks ("a record the CLI
would refuse is skipped and reported, never stored"). Values go through the same
`netrack.domain.validate` functions as the CLI, so the words are the same too.
"""

from __future__ import annotations

import json
import re
from datetime import date
from enum import StrEnum
from pathlib import Path
from typing import Any, TypeVar

from netrack.data.migrations import LATEST
from netrack.data.repo.goals import check_metric, check_since, check_target
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
from netrack.domain.records import OrgRecord, Person, located
from netrack.interop.json_campaign_history import check_history
from netrack.interop.json_io import FORMAT
from netrack.interop.reading import read_bytes

E = TypeVar("E", bound=StrEnum)

# What netrack exports it must read back (`restore` on a server reads a JSON backup): a
# career-long history of a million interactions exports to ~450 MB (at the demo's
# density ~900 MB). The bound keeps a runaway file from being read until memory runs out.
MAX_BYTES = 2 * 1024 * 1024 * 1024
DAY = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


def _kind_words(kinds: tuple[type, ...]) -> str:
    """What a field holds, in words: a cost said "expected int" of "12.50", where it
    takes 12.5 (a number) just as 12."""
    if float in kinds:
        return "a number"
    return {int: "a whole number", str: "text", bool: "true or false", list: "a list"}.get(
        kinds[0], kinds[0].__name__
    )


class RecordError(InputError):
    """One record of the file is refused: `where` is its JSON path."""

    def __init__(self, where: str, message: str) -> None:
        super().__init__(f"{where}: {message}")
        self.where = where


class _Constant(ValueError):
    """NaN or Infinity: Python's json reads them, JSON does not allow them."""


def _refuse_constant(name: str) -> Any:
    raise _Constant(name)


def load(path: Path) -> dict[str, Any]:
    """The parsed document, after checking it is a netrack export this netrack can read."""
    data = read_bytes(path, MAX_BYTES)  # a device, a pipe or a huge file: refused
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise located(path, line, "not UTF-8 text") from None
    try:
        document = json.loads(text, parse_constant=_refuse_constant)
    except json.JSONDecodeError as error:
        raise located(path, error.lineno, f"not valid JSON ({error.msg})") from None
    except _Constant as error:
        raise InputError(f"{path}: not valid JSON ({error} is not a number in JSON)") from None
    except RecursionError:
        raise InputError(f"{path}: nested too deeply to be a netrack JSON export") from None
    except ValueError:  # Python refuses integers of more than 4,300 digits
        raise InputError(f"{path}: holds a number too long to read (over 4,300 digits)") from None
    if not isinstance(document, dict) or document.get("format") != FORMAT:
        raise located(path, 1, f'not a netrack JSON export (no "format": "{FORMAT}")')
    version = document.get("schema_version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise InputError(f"{path}: schema_version must be a whole number")
    if version > LATEST:
        raise InputError(
            f"{path} was written by a newer netrack (schema {version}, this one knows "
            f"{LATEST}); upgrade netrack to import it"
        )
    return document


class Item:
    """One object of the document, with typed, validated getters that raise RecordError."""

    def __init__(self, where: str, data: object) -> None:
        self.where = where
        self.raw = data
        self.data: dict[str, Any] = data if isinstance(data, dict) else {}

    def fail(self, key: str, message: str) -> RecordError:
        return RecordError(f"{self.where}.{key}" if key else self.where, message)

    def _get(self, key: str, kinds: tuple[type, ...], default: Any) -> Any:
        if not isinstance(self.raw, dict):
            raise self.fail("", f"expected an object, found {validate.shown(self.raw)}")
        value = self.data.get(key, default)
        if value is None:
            return default
        if (isinstance(value, bool) and bool not in kinds) or not isinstance(value, kinds):
            raise self.fail(key, f"expected {_kind_words(kinds)}, found {validate.shown(value)}")
        return value

    def checked(self, key: str, check: Any, *args: Any) -> Any:
        """Run a `validate` function on a value, re-raising its error with the path."""
        try:
            return check(*args)
        except InputError as error:
            raise self.fail(key, str(error)) from None

    def text(self, key: str) -> str:
        return str(self.checked(key, validate.text, self._get(key, (str,), ""), key))

    def name(self, key: str, what: str = "name") -> str:
        return str(self.checked(key, validate.name, self._get(key, (str,), ""), what))

    def optional_name(self, key: str, what: str) -> str:
        """A name that may be absent or blank (a contact's organization): "" then."""
        value = self._get(key, (str,), "")
        return self.name(key, what) if value.strip() else ""

    def day(self, key: str, required: bool = False) -> date | None:
        value = self._get(key, (str,), None)
        if value is None:
            if required:
                raise self.fail(key, "a date is required")
            return None
        try:
            if DAY.fullmatch(value):
                return date.fromisoformat(value)
        except ValueError:
            pass
        raise self.fail(key, f"bad date {validate.shown(value)} (expected YYYY-MM-DD)")

    def past(self, key: str, today: date, what: str) -> date:
        """A required date of something that happened: on or before today."""
        day = self.day(key, required=True)
        assert day is not None  # required
        return self.checked(key, validate.happened, day, today, what)  # type: ignore[no-any-return]

    def whole(self, key: str, low: int, high: int) -> int | None:
        value = self._get(key, (int,), None)
        return self.checked(key, validate.bounded, value, low, high, key)  # type: ignore[no-any-return]

    def finite(self, key: str) -> float:
        """A finite number (int or float), of either sign."""
        value = self._get(key, (int, float), 0)
        try:
            number = float(value)
        except OverflowError:  # an integer beyond float: no amount netrack keeps
            raise self.fail(key, f"{validate.shown(value)} is too large") from None
        if number != number or number in (float("inf"), float("-inf")):
            raise self.fail(key, "must be a finite number")
        return number

    def number(self, key: str) -> float:
        """A finite number (int or float) of zero or more."""
        number = self.finite(key)
        if number < 0:
            raise self.fail(key, "must not be negative")
        return number

    def cost(self, key: str) -> float:
        return self.checked(key, validate.cost, self.number(key))  # type: ignore[no-any-return]

    def flag(self, key: str) -> bool:
        return bool(self._get(key, (bool,), False))

    def choice(self, key: str, enum: type[E], optional: bool = True, what: str = "") -> E | None:
        value = self._get(key, (str,), None)
        if value is None and not optional:
            raise self.fail(key, "a value is required")
        return self.checked(key, validate.optional_choice, enum, value, what or key)  # type: ignore[no-any-return]

    def ref(self, key: str, required: bool = False) -> int | None:
        """A position in another list (`ref`, 1-based), as written; the merge resolves it."""
        value = self._get(key, (int,), None)
        if value is None and required:
            raise self.fail(key, "a reference is required")
        return value  # type: ignore[no-any-return]

    def refs(self, key: str) -> list[int]:
        """A list of positions (an interaction's contacts)."""
        values = self.list(key)
        for value in values:
            if not isinstance(value, int) or isinstance(value, bool):
                raise self.fail(key, f"expected positions, found {validate.shown(value)}")
        return values

    def tags(self, key: str) -> list[str]:
        """A contact's tags, as `validate.tags` stores them."""
        values = self.list(key)
        for value in values:
            if not isinstance(value, str):
                raise self.fail(key, f"expected texts, found {validate.shown(value)}")
        # A restore must bring back a database written before tags had MAX_TAG.
        return list(self.checked(key, validate.tags, values, validate.MAX_TEXT))

    def items(self, key: str) -> list[Item]:
        return [Item(f"{self.where}.{key}[{n}]", v) for n, v in enumerate(self.list(key))]

    def list(self, key: str) -> list[Any]:
        return list(self._get(key, (list,), []))

    def own_ref(self, position: int) -> int:
        """The record's own `ref` (its 1-based position when absent)."""
        ref = self.data.get("ref", position)
        if not isinstance(ref, int) or isinstance(ref, bool):
            raise self.fail("ref", f"expected a whole number, found {validate.shown(ref)}")
        return ref


def section(path: Path, document: dict[str, Any], key: str) -> list[Item]:
    """A top-level list; anything else there means the file is not a netrack export."""
    value = document.get(key, [])
    if not isinstance(value, list):
        raise InputError(f"{path}: {key}: expected a list")
    return [Item(f"{key}[{n}]", row) for n, row in enumerate(value)]


# --- records: each read whole and checked; references stay positions (`ref`) for the
# merge to resolve, since only it knows which records were skipped.


def read_goal(item: Item, since: date) -> dict[str, Any]:
    """Goal columns; `since` is for a file written before goals had one."""
    comparator = item.choice("comparator", Comparator) or Comparator.AT_LEAST
    period = item.choice("period", GoalPeriod) or GoalPeriod.WEEK
    metric = item.checked("metric", check_metric, item.text("metric"))
    return {
        # A day some card can show, as `goal add --since` checks it (0001 never would)
        "since": item.checked("since", check_since, item.day("since") or since),
        "metric": metric,
        # Checked against the metric's own range, as `goal add` does: a focus_ratio of 5
        # is refused there, so here too, with the same words (a negative one too).
        # As stored: an export of an older netrack's 1.5 interviews must come back whole
        "target": item.checked("target", check_target, item.finite("target"), metric, True),
        "comparator": comparator.value,
        "period": period.value,
        "note": item.text("note"),
    }


def read_org(item: Item) -> OrgRecord:
    return OrgRecord(
        # "none" is no organization wherever one is named (`--org none`)
        name=item.checked(
            "name", validate.organization_name, item.name("name", "organization name")
        ),
        line=0,
        **{key: item.text(key) for key in ("industry", "location", "notes")},
        size_band=item.checked("size_band", validate.size_band, item.text("size_band")),
    )


def read_person(item: Item, line: int, today: date) -> Person:
    channel = item.choice("channel", ContactChannel)
    return Person(
        name=item.name("name"),
        line=line,
        organization=item.optional_name("organization", "organization name"),
        **{k: item.text(k) for k in ("title", "function", "industry", "location")},
        emails=[item.text("email")],
        phones=[item.text("phone")],
        urls=[item.text("url")],
        notes=item.text("notes"),
        met_on=item.past("met_on", today, "met on"),
        channel=channel.value if channel else None,
        tags=item.tags("tags"),
        strength=item.whole("strength", 1, 5),
        archived=item.flag("archived"),
    )


def read_step(step: Item, today: date) -> dict[str, Any]:
    """One stage change of a campaign's history, as StageChange columns."""
    to_stage = step.choice("to", Stage, optional=False, what="stage")
    from_stage = step.choice("from", Stage, what="stage")
    reason = step.checked("reason", validate.loss_reason, step.text("reason"))
    if reason and to_stage != Stage.LOST:
        raise step.fail("reason", "a loss reason is only for a change to lost")
    return {
        "to_stage": to_stage.value if to_stage else None,
        "on": step.past("on", today, "stage change"),
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


def read_campaign(item: Item, today: date) -> dict[str, Any]:
    """A campaign with its history; `links` are (item, contact position, role)."""
    source = item.choice("source", SourceChannel)
    since = item.day("stage_since")
    if since is not None:
        item.checked("stage_since", validate.happened, since, today, "stage_since")
    opened = item.past("opened_on", today, "opened on")
    stage = item.choice("stage", Stage)
    history = [read_step(step, today) for step in item.items("history")]
    check_history(item, history, opened, stage, since)
    _older_lost_reason(item, history)
    links = []
    for link in item.items("contacts"):
        role = link.choice("role", CampaignRole)
        links.append((link, link.ref("contact", required=True), role.value if role else None))
    organization = item.name("organization", "organization name")
    item.checked("organization", validate.no_campaign_without_organization, organization)
    return {
        "organization": organization,
        "opened_on": opened,
        "stage": (stage or Stage.RESEARCH).value,
        "stage_since": since,
        "values": {
            "title": item.name("title", "campaign title"),
            "source": source.value if source else None,
            "priority": item.whole("priority", 1, 5),
            "url": item.text("url"),
            "notes": item.text("notes"),
            **{key: item.text(key) for key in ("location", "compensation", "documents")},
            # As stored, like a goal's target: an older netrack took any year (0001), and
            # its export must import whole (SPEC: the same export again); add and edit
            # refuse one now.
            "deadline": item.day("deadline"),
        },
        "history": history,
        "links": links,
    }


def read_interaction(item: Item, today: date) -> dict[str, Any]:
    """Interaction columns, plus `who`: the contacts' positions; `campaign` a position."""
    on = item.past("on", today, "interaction")
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
        done = item.checked(
            "follow_up_done_on", validate.happened, done, today, "a follow-up done on"
        )
    return {
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
        "logged_on": _logged_on(item, on, today),
    }


def _logged_on(item: Item, on: date, today: date) -> date | None:
    """The day the entry was typed in, as exported: null for imported history. A file
    from before schema 7 has no such key: `on`, as the upgrade gives existing rows (so
    importing an old export never fills "Logged today"). Not checked against `on`: an
    entry whose date was edited later may have been logged before it."""
    if "logged_on" not in item.data:
        return on
    day = item.day("logged_on")
    if day is None:
        return None
    return item.checked("logged_on", validate.happened, day, today, "logged_on")  # type: ignore[no-any-return]


def read_referral(item: Item, today: date) -> dict[str, Any]:
    """Referral columns; `contact` and `campaign` are positions."""
    direction = item.choice("direction", Direction, optional=False)
    return {
        "contact": item.ref("contact", required=True),
        "direction": direction.value if direction else None,
        "on": item.past("on", today, "referral"),
        "campaign": item.ref("campaign"),
        "note": item.text("note"),
    }


def read_time_entry(item: Item, today: date) -> dict[str, Any]:
    """Time entry columns; `campaign` is a position."""
    category = item.choice("category", TimeCategory, optional=False)
    minutes = item.whole("minutes", 1, 24 * 60)
    if minutes is None:
        raise item.fail("minutes", "a time entry needs a positive duration")
    return {
        "on": item.past("on", today, "time entry"),
        "minutes": minutes,
        "category": category.value if category else None,
        "campaign": item.ref("campaign"),
        "note": item.text("note"),
    }
