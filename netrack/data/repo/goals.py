"""Goals and settings."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, timedelta
from typing import Any

from netrack.data import tables as t
from netrack.data.repo.base import UNSET, Service, Unset, as_date, must_date
from netrack.domain import validate
from netrack.domain.entries import Goal, Settings
from netrack.domain.errors import InputError
from netrack.domain.goals import number_text
from netrack.domain.models import Comparator, GoalPeriod


def _to_goal(row: t.Goal) -> Goal:
    return Goal(
        id=row.id,
        metric=row.metric,
        target=row.target,
        comparator=Comparator(row.comparator),
        period=GoalPeriod(row.period),
        note=row.note,
        since=must_date(row.since),
        until=as_date(row.until),
    )


def check_metric(metric: str) -> str:
    """The metric key a goal may measure (trimmed, lower case); else InputError."""
    from netrack.domain.registry import GOAL_METRICS  # lazily: not on the quick-log path

    key = metric.strip().lower()
    if not key:  # left blank: what it needs, not "unknown metric ''" and 25 names
        raise InputError("metric is required")
    if key not in GOAL_METRICS:
        raise InputError(f"unknown metric {metric!r} (known: {', '.join(GOAL_METRICS)})")
    return key


def _number(target: float | str, share: bool) -> float:
    """The target as a number; for a share of a whole (`focus_ratio`) `80%` is 0.8, as
    the card shows it."""
    text = str(target).strip()
    # float() also reads "١٢", "1_0" and "1e1": a target is typed as plain digits, as
    # `config` and every other number (`validate.bounded`, `parse_money`) takes it.
    typed = isinstance(target, str)  # a file's number is read as the file has it
    if typed and not text:  # left blank: what it needs, as a blank name is told
        raise InputError("target is required (a number)")
    if typed and not validate.is_plain_number(text.removesuffix("%").strip()):
        raise InputError(f"target must be a number, not {target!r}")
    try:
        if text.endswith("%"):
            if not share:
                from netrack.domain.registry import SHARE_KEYS

                shares = ", ".join(sorted(SHARE_KEYS))
                raise InputError(f"a percentage fits a share only ({shares}), not {target!r}")
            value = float(text[:-1]) / 100
        else:
            value = float(target)
    except (TypeError, ValueError):
        raise InputError(f"target must be a number, not {target!r}") from None
    if value != value:  # NaN: no number at all
        raise InputError(f"target must be a number, not {target!r}")
    return value


def _decimals(metric: str | None) -> int | None:
    """The decimals a goal's target on `metric` may have: as many as its goal line shows
    (`number_text`: 4; a share's percentage: 2, so 4 of the ratio too), none for a count
    (half an interview is no target); None: not known yet."""
    from netrack.domain.registry import BY_KEY, Unit

    known = BY_KEY.get(metric) if metric is not None else None
    if known is None:
        return None
    return 0 if known.unit is Unit.COUNT else 4


def _as_shown(value: float, metric: str | None, typed: object) -> float:
    """`value` as its goal line shows it (-0 as 0); refused when that would read as
    another number than the one measured against (1.00001 shown as 1, never met at 1).
    `typed`: the target as given, quoted back in the refusal."""
    from netrack.domain.registry import SHARE_KEYS

    decimals = _decimals(metric)
    if decimals is None:
        return value + 0.0
    shown = round(value, decimals) + 0.0
    if abs(shown - value) <= 1e-9 * max(1.0, abs(value)):
        return shown
    given = str(typed).strip()
    if decimals == 0:
        low = int(value)
        raise InputError(
            f"{metric} is a count: give a whole number ({low} or {low + 1}), not {given}"
        )
    if metric in SHARE_KEYS:
        raise InputError(
            f"{metric} is shown as a percentage with two decimals: give {number_text(shown * 100)}%, "
            f"not {given}"
        )
    raise InputError(
        f"{metric} target has more decimals than its goal shows: give {number_text(shown)}, "
        f"not {given}"
    )


def check_target(target: float | str, metric: str | None = None, as_stored: bool = False) -> float:
    """`target` as a number within the range the registry gives `metric` (any metric's
    range when it is not known yet), with no more decimals than its goal line shows;
    else InputError. `as_stored`: a target read back from an export, kept as it was
    stored (an older netrack took any decimals; the round trip must give it back)."""
    from netrack.domain.registry import BY_KEY, SHARE_KEYS, TARGET_RANGE

    known = BY_KEY.get(metric) if metric is not None else None
    value = _number(target, metric in SHARE_KEYS)
    low, high = known.target_range if known is not None else TARGET_RANGE
    if (low, high) != TARGET_RANGE:
        # A metric with a range of its own (a ratio from 0 to 1): both ends included.
        if not low <= value <= high:  # NaN too
            raise InputError(f"{metric} target must be from {low:g} to {high:g}, not {value:g}")
    elif value < low:
        raise InputError(
            "target must be zero or more" if low == 0 else f"target must be {low:g} or more"
        )
    elif not value < high:  # infinity too
        raise InputError(f"target must be a number below {high:,.0f}")
    return value + 0.0 if as_stored else _as_shown(value, metric, target)


SAME_GOAL_FIELDS = ("metric", "target", "comparator", "period")  # two alike: one line twice


def already_there(goal: Mapping[str, Any], where: str) -> str:
    """Why a goal equal to one at `where` ("id 1", "goals[0]") is refused, naming it as
    `goal add` and `goal list` do ("focus_ratio ≥ 50% a week", "events ≥ 3/week"): as a
    ratio (at least 0.5) a percentage goal read as another one."""
    from netrack.domain.goal_words import goal_text  # the metric registry: only when refused

    named = Goal(
        id=0,
        metric=goal["metric"],
        target=float(goal["target"]),
        comparator=Comparator(goal["comparator"]),
        period=GoalPeriod(goal["period"]),
    )
    return f"goal {named.metric} {goal_text(named)} already exists ({where})"


def _refuse_same(values: Mapping[str, Any], other_than: int | None = None) -> None:
    """Refuse a goal equal to one there is (metric, target, comparator and period) on
    some of the same days: two would show the same line twice on those cards. One that
    ended before the other counts is no twin (a target raised, then lowered back)."""
    query = t.Goal.select().where(
        *(getattr(t.Goal, name) == values[name] for name in SAME_GOAL_FIELDS),
        t.Goal.until.is_null() | (t.Goal.until >= values["since"]),
    )
    if values.get("until") is not None:
        query = query.where(t.Goal.since <= values["until"])
    if other_than is not None:
        query = query.where(t.Goal.id != other_than)
    same = query.first()
    if same is not None:
        raise InputError(already_there(same.__data__, f"id {same.id}"))


def check_since(day: date) -> date:
    """A goal counts from a day some card can show (0001 or 9999 never would)."""
    from netrack.domain.weeks import CARD_YEARS

    first, last = CARD_YEARS
    if not first <= day.year <= last:  # said in words any form's field fits ("Counts from")
        raise InputError(
            f"a goal cannot count from {day.isoformat()}: a scorecard covers {first} to {last}"
        )
    return day


def check_until(until: date | None, since: date) -> date | None:
    """A goal's last day: none, or a day some card can show, not before its `since`."""
    if until is None:
        return None
    from netrack.domain.weeks import CARD_YEARS

    first, last = CARD_YEARS
    if not first <= until.year <= last:
        raise InputError(
            f"a goal cannot end on {until.isoformat()}: a scorecard covers {first} to {last}"
        )
    if until < since:
        raise InputError(
            f"a goal cannot end on {until.isoformat()}, before it counts from {since.isoformat()}"
        )
    return until


def _stored(goal_id: int) -> t.Goal:
    row = t.Goal.get_or_none(t.Goal.id == goal_id)
    if row is None:
        raise InputError(f"no goal with id {goal_id}")
    return row


def _took_over(stored: t.Goal, until: date) -> int | None:
    """The goal that counts from the day after `stored` ends, on its metric, comparator
    and period (the one a raise added), by id: the one to raise now."""
    row = t.Goal.get_or_none(
        t.Goal.metric == stored.metric,
        t.Goal.comparator == stored.comparator,
        t.Goal.period == stored.period,
        t.Goal.since == until + timedelta(days=1),
    )
    return None if row is None else int(row.id)


class Goals(Service):
    """Goals and settings: `repo.goals`."""

    def all(self) -> list[Goal]:
        return [_to_goal(r) for r in t.Goal.select().order_by(t.Goal.id)]

    def add(
        self,
        metric: str,
        target: float | str,
        comparator: str = "at_least",
        period: str = "week",
        note: str = "",
        since: date | None = None,
        until: date | None = None,
    ) -> Goal:
        """Add a goal counting from `since` (default today) to `until` (None: no end). A
        target outside the metric's range, an end before `since`, or a goal equal to one
        there is on some of the same days (metric, target, comparator and period), is
        refused."""
        key = check_metric(metric)
        first = check_since(since or self.today())
        values = dict(
            metric=key,
            target=check_target(target, key),
            comparator=validate.choice(Comparator, comparator, "comparator").value,
            period=validate.choice(GoalPeriod, period, "period").value,
            note=validate.text(note, "note"),
            since=first,
            until=check_until(until, first),
        )
        with self.writing():
            _refuse_same(values)
            row = t.Goal.create(**values)
        return _to_goal(row)

    def update(
        self, goal_id: int, until: date | Unset | None = UNSET, **fields: str | float | date | None
    ) -> Goal:
        """Change the given fields (metric, target, comparator, period, note, since);
        None leaves a field as it is. `until`: its last day, None for no end (left as
        it is when not given). A new target holds on every card, past ones too: the
        correction of a mistake (`retarget` raises one from a day on)."""
        values: dict[str, object] = {}
        if fields.get("metric") is not None:
            values["metric"] = check_metric(str(fields["metric"]))
        stored = t.Goal.get_or_none(t.Goal.id == goal_id)
        target = fields.get("target")
        if target is None and "metric" in values and stored is not None:
            target = stored.target  # a new metric checks the target kept (a focus ratio of 5)
        if target is not None:
            # The range is the metric's: the new one, else the goal's own (if it exists).
            metric = values.get("metric") or (stored.metric if stored else None)
            values["target"] = check_target(target, str(metric) if metric else None)  # type: ignore[arg-type]
        if fields.get("comparator") is not None:
            values["comparator"] = validate.choice(
                Comparator, str(fields["comparator"]), "comparator"
            ).value
        if fields.get("period") is not None:
            values["period"] = validate.choice(GoalPeriod, str(fields["period"]), "period").value
        if fields.get("note") is not None:
            values["note"] = validate.text(str(fields["note"]), "note")
        since = fields.get("since")
        if isinstance(since, date):
            values["since"] = check_since(since)
        with self.writing():
            stored = _stored(goal_id)
            if isinstance(until, Unset):  # kept: still not before a new `since`
                check_until(as_date(stored.until), must_date(values.get("since") or stored.since))  # type: ignore[arg-type]
            else:
                values["until"] = check_until(until, must_date(values.get("since") or stored.since))  # type: ignore[arg-type]
            if values:
                # What the goal would become must not be a goal there is already; an edit
                # that leaves those fields be (a note) is no new twin, even of a goal an
                # older import stored twice: that is how one of the two is told apart.
                would_be = {**stored.__data__, **values}
                changed = (*SAME_GOAL_FIELDS, "since", "until")
                if any(would_be[name] != stored.__data__[name] for name in changed):
                    _refuse_same(would_be, goal_id)
                t.Goal.update(**values).where(t.Goal.id == goal_id).execute()
        return _to_goal(t.Goal.get_by_id(goal_id))

    def end(self, goal_id: int, on: date | None = None) -> Goal:
        """End a goal on `on` (default today; a later day plans the end): a card whose
        span of it ends after that day no longer lists it (`card_days.on_card`), the
        others keep it as they judged it. A goal that has an end already is refused (`update(until=)` moves
        or removes one), as is a day before it counts."""
        with self.writing():
            stored = _stored(goal_id)
            if stored.until is not None:
                ends = must_date(stored.until).isoformat()
                raise InputError(
                    f"goal #{goal_id} already ends on {ends} "
                    f"(goal edit {goal_id} --until DATE moves the end, --until none removes it)"
                )
            until = check_until(on or self.today(), must_date(stored.since))
            t.Goal.update(until=until).where(t.Goal.id == goal_id).execute()
        return _to_goal(t.Goal.get_by_id(goal_id))

    def retarget(self, goal_id: int, target: float | str, start: date) -> tuple[Goal, Goal]:
        """A new target from `start` on, the cards before it judged as they were: the
        goal ends the day before `start`, and a new one like it (metric, comparator,
        period, note and end) counts from `start` with `target`, in one write. Returns
        (the ended goal, the new one). Refused: a `start` on or before the day the goal
        counts from (nothing would be kept: `update` corrects the target), after its
        end, or the target it has."""
        with self.writing():
            stored = _stored(goal_id)
            since, until = must_date(stored.since), as_date(stored.until)
            value = check_target(target, stored.metric)
            start = check_since(start)
            if start <= since:
                raise InputError(
                    f"goal #{goal_id} counts from {since.isoformat()}: --from must be a later "
                    "day (without --from, --target corrects it from its start)"
                )
            if until is not None and start > until:
                took_over = _took_over(stored, until)
                from netrack.domain.goal_words import ended_before  # as goal_text: refused only

                raise InputError(ended_before(goal_id, until, start, self.today(), took_over))
            if value == stored.target:
                raise InputError(f"goal #{goal_id} has that target already")
            t.Goal.update(until=start - timedelta(days=1)).where(t.Goal.id == goal_id).execute()
            values = {**stored.__data__, "target": value, "since": start, "until": until}
            del values["id"]
            _refuse_same(values)
            row = t.Goal.create(**values)
        return _to_goal(t.Goal.get_by_id(goal_id)), _to_goal(row)

    def delete(self, goal_id: int) -> None:
        with self.writing():
            if not t.Goal.delete().where(t.Goal.id == goal_id).execute():
                raise InputError(f"no goal with id {goal_id}")

    def settings(self) -> Settings:
        """The stored settings; a value `config` would refuse (written by hand or by an
        older import) counts as unset, so the default applies and nothing downstream breaks."""
        stored = {row.key: row.value for row in t.Setting.select()}
        values = {}
        for key in validate.SETTINGS:
            if key in stored:
                try:
                    values[key] = validate.setting(key, stored[key])
                except InputError:
                    continue
        return Settings(**values)

    def configure(self, key: str, text: str) -> Settings:
        """`netrack config KEY VALUE` and the TUI's Settings: check `text` as
        `setting_value` does, store it, return the settings now in force."""
        from netrack.domain.setting_words import setting_value  # config alone

        self.set_setting(key, setting_value(key, text))
        return self.settings()

    def set_setting(self, key: str, value: int | str) -> None:
        number = validate.setting(key, value)
        with self.writing():
            t.Setting.insert(key=key, value=str(number)).on_conflict(
                conflict_target=[t.Setting.key], preserve=[t.Setting.value]
            ).execute()
