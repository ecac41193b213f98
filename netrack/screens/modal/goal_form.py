"""Add or edit a goal: the CLI's `goal add` fields, the same validation."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from netrack.data.repo.goals import check_metric, check_target
from netrack.domain import validate
from netrack.domain.entries import Goal
from netrack.domain.goals import number_text
from netrack.domain.models import Comparator, GoalPeriod
from netrack.domain.parsing import parse_date
from netrack.domain.registry import GOAL_METRICS
from netrack.screens.modal.form import Check, FormScreen, text_check
from netrack.screens.modal.form_fields import Field

if TYPE_CHECKING:
    from netrack.data.repo import Repo


class GoalForm(FormScreen):
    def __init__(self, repo: Repo, goal: Goal | None = None) -> None:
        self.repo = repo
        self.goal = goal
        g = goal
        self.form_title = f"Edit goal {g.metric}" if g else "New goal"
        super().__init__(
            [
                Field("metric", "Metric", g.metric if g else "", choices=GOAL_METRICS),
                Field("target", "Target", number_text(g.target) if g else "", "a number"),
                Field(
                    "comparator",
                    "Comparator",
                    g.comparator.value if g else "at_least",
                    choices=[c.value for c in Comparator],
                ),
                Field(
                    "period",
                    "Period",
                    g.period.value if g else "week",
                    choices=[p.value for p in GoalPeriod],
                ),
                Field("since", "Counts from", g.since.isoformat() if g else "", "today"),
                Field("until", "Last day", g.until.isoformat() if g and g.until else "", "no end"),
                Field("note", "Why it matters", g.note if g else ""),
            ]
        )

    def checks(self) -> dict[str, Check]:
        # The target's range is the metric's: the one typed, if it is one.
        typed = self.values()["metric"].strip().lower()
        metric = typed if typed in GOAL_METRICS else None
        return {
            "metric": check_metric,
            "target": lambda text: check_target(text, metric),
            "comparator": lambda text: (
                text.strip() and validate.choice(Comparator, text, "comparator")
            ),
            "period": lambda text: text.strip() and validate.choice(GoalPeriod, text, "period"),
            "since": self._since,
            "until": self._until,
            "note": text_check("note"),
        }

    def _since(self, text: str) -> date | None:
        """The first (or last) day the goal counts, read as `goal add --since` reads it
        (either side of today: a goal may start next month)."""
        return parse_date(text, self.repo.today(), "nearest") if text.strip() else None

    def _until(self, text: str) -> date | None:
        """The last day, read as `goal add --until` reads it: a weekday the next one."""
        return parse_date(text, self.repo.today(), "end") if text.strip() else None

    def save(self, values: dict[str, str]) -> str:
        if self.goal is None:
            goal = self.repo.goals.add(
                values["metric"],
                values["target"],
                comparator=values["comparator"] or "at_least",
                period=values["period"] or "week",
                note=values["note"],
                since=self._since(values["since"]),
                until=self._until(values["until"]),
            )
            return f"added goal {goal.metric}"
        # Blank counts from today, as the field's placeholder says (and as when added).
        since = self._since(values["since"]) or self.repo.today()
        # Blank: no end (the end taken away, as `goal edit --until none`).
        until = self._until(values["until"])
        fields = self.changed_only({**values, "since": since, "until": until})
        opened = self.goal
        with self.repo.writing():  # checked and saved in one transaction
            now = next((g for g in self.repo.goals.all() if g.id == opened.id), None)
            self.still_as_opened("goal", _which(opened), None if now is None else _which(now))
            self.not_changed_elsewhere(opened, now, fields)
            goal = self.repo.goals.update(opened.id, **fields)
        return f"saved goal {goal.metric}"


def _which(goal: Goal) -> str:
    """A goal as told apart from another that took its id: "the week goal on
    interviews"."""
    return f"the {goal.period.value} goal on {goal.metric}"
