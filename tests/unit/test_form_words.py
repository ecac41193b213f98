"""How a form names a stored value it refuses to save over ("… changed elsewhere since
this form opened (now 9)"): as the screens show it, not as Python prints it."""

from __future__ import annotations

from datetime import date

from netrack.domain.models import Stage
from netrack.screens.modal.edit_guard import _as_said


def test_values_are_said_as_the_screens_show_them() -> None:
    assert _as_said(9.0) == "9"  # a goal's target: "now 9.0" beside "≥ 9" in the list
    assert _as_said(0.25) == "0.25"
    assert _as_said(None) == _as_said("") == _as_said(()) == "blank"
    assert _as_said(("recruiter", "ml")) == "recruiter, ml"
    assert _as_said(date(2026, 12, 5)) == "2026-12-05"
    assert _as_said(Stage.APPLIED) == "applied"
    assert _as_said("150k EUR agreed") == "'150k EUR agreed'"
