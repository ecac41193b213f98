"""Settings (command palette → Settings): `netrack config` as a form, the same checks.

Every value is checked before anything is stored, so a bad one writes nothing; saving
announces the write, and every screen reloads (a new week_start moves week boundaries
on the Scorecard and the Agenda at once).
"""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING, cast

from netrack.domain.setting_words import DAY_NAMES, SETTING_KEYS, setting_text, setting_value
from netrack.screens.modal.form import Check, FormScreen
from netrack.screens.modal.form_fields import Field

if TYPE_CHECKING:
    from netrack.data.repo import Repo
    from netrack.domain.entries import Settings

LABELS = {
    "week_start": ("Week starts on", "a weekday: monday … sunday"),
    "going_cold_days": ("Going cold (days)", "without a touch, for strength ≥ 3"),
    "stalled_days": ("Stalled (days)", "without a stage change or an interaction"),
}


class SettingsForm(FormScreen):
    form_title = "Settings"

    def __init__(self, repo: Repo) -> None:
        self.repo = repo
        settings = repo.goals.settings()
        self.opened = settings
        super().__init__(
            [
                Field(
                    key,
                    LABELS[key][0],
                    setting_text(key, settings),
                    LABELS[key][1],
                    choices=DAY_NAMES if key == "week_start" else (),
                )
                for key in SETTING_KEYS
            ]
        )

    def checks(self) -> dict[str, Check]:
        return {key: partial(setting_value, key) for key in SETTING_KEYS}

    def save(self, values: dict[str, str]) -> str:
        for key in SETTING_KEYS:
            setting_value(key, values[key])  # all checked first: a refusal writes nothing
        changed = [key for key in SETTING_KEYS if not self.unchanged(key)]
        with self.repo.goals.writing():  # one transaction for them all
            # A setting `netrack config` changed while the form was open is not saved
            # over without a word (its 45 became the form's 60), as the edit forms do.
            self.not_changed_elsewhere(
                self.opened,
                self.repo.goals.settings(),
                {key: None for key in changed},
                said=lambda key, now: setting_text(key, cast("Settings", now)),  # "friday", not 4
            )
            for key in changed:
                self.repo.goals.configure(key, values[key])
        if not changed:
            return "settings unchanged"
        settings = self.repo.goals.settings()
        return "settings saved: " + ", ".join(
            f"{key} {setting_text(key, settings)}" for key in changed
        )
