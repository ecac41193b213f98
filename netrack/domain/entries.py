"""What is logged, and what it is judged by: interactions and their follow-ups,
referrals and time entries (the entries a user logs each day), and the goals and
settings a scorecard reads them against. Records as `models`' are: frozen, slotted,
keyword-only dataclasses.

Apart from `models` (the people, organizations and campaigns, and the vocabulary) so
that what never shows on the first screen is not made before it: each record class
costs the import ~0.7 ms (dataclasses generates and compiles its methods), and the
Pipeline's first paint is held to 1.3× a one-Static app's (issue 4;
tests/test_import_hygiene.py holds the first screen to `models`).
"""

from dataclasses import dataclass
from datetime import date

from netrack.domain.models import Comparator, Direction, GoalPeriod, Kind, TimeCategory


@dataclass(frozen=True, slots=True, kw_only=True)
class Interaction:
    """A touchpoint with one or more contacts, optionally with a follow-up."""

    id: int
    on: date
    kind: Kind
    contact_ids: tuple[int, ...]
    contact_names: tuple[str, ...] = ()
    minutes: int = 0
    campaign_id: int | None = None
    campaign_name: str = ""
    meaningful_flag: bool = False
    value_received: str = ""
    value_given: str = ""
    cost: float = 0.0
    follow_up_on: date | None = None
    follow_up_done_on: date | None = None  # marked done (`followup done`, `d`)
    # Closed by the next interaction with any of the same contacts (SPEC), if it was.
    follow_up_closed_on: date | None = None
    note: str = ""
    # The day it was typed in; None for imported history (nobody logged it by hand).
    logged_on: date | None = None

    @property
    def follow_up_done(self) -> date | None:
        """The day its follow-up was done: marked, or closed by a later touch, whichever
        came first (what `followup list` says)."""
        days = [d for d in (self.follow_up_done_on, self.follow_up_closed_on) if d]
        return min(days) if days else None

    @property
    def back_dated(self) -> bool:
        """Logged on a later day than it happened (a Tuesday call logged on Wednesday)."""
        return self.logged_on is not None and self.logged_on > self.on

    @property
    def meaningful(self) -> bool:
        """SPEC: the flag is set, or something of value was received."""
        return self.meaningful_flag or bool(self.value_received.strip())


@dataclass(frozen=True, slots=True, kw_only=True)
class FollowUp:
    """A pending or completed follow-up, derived from an interaction."""

    interaction_id: int
    due: date
    done_on: date | None
    contact_ids: tuple[int, ...]
    contact_names: tuple[str, ...]
    origin_on: date
    kind: Kind
    note: str = ""
    campaign_id: int | None = None
    campaign_name: str = ""
    # The day it was marked done by hand, if it was (`done_on` is the earlier of this and
    # the day a later touch closed it).
    marked_on: date | None = None
    # The interaction's uid (schema 12): its name in every database, where the id is only
    # its place in one (None: a row another program wrote without one).
    interaction_uid: str | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class Referral:
    """A referral received (in) or given (out)."""

    id: int
    contact_id: int
    contact_name: str
    direction: Direction
    on: date
    campaign_id: int | None = None
    campaign_name: str = ""
    note: str = ""
    # The day it was typed in (schema 16); None: logged on its own date (older rows, an
    # older export's), as an interaction's is for imported history.
    logged_on: date | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class TimeEntry:
    """Time spent, by category: search and networking (invested), busywork, off."""

    id: int
    on: date
    minutes: int
    category: TimeCategory
    campaign_id: int | None = None
    campaign_name: str = ""
    note: str = ""
    logged_on: date | None = None  # as a referral's


@dataclass(frozen=True, slots=True, kw_only=True)
class Goal:
    """A target on a scorecard metric for a week, month, quarter or year, counted on the
    cards of periods that end on or after `since` and start on or before `until`."""

    id: int
    metric: str
    target: float
    comparator: Comparator = Comparator.AT_LEAST
    period: GoalPeriod = GoalPeriod.WEEK
    note: str = ""
    since: date = date.min  # the repository always sets it; the default suits hand-made ones
    until: date | None = None  # its last day (schema 17); None: no end


@dataclass(frozen=True, slots=True, kw_only=True)
class Settings:
    """The thresholds the scorecard and agenda use, and the first day of the week."""

    week_start: int = 0  # 0 = Monday … 6 = Sunday
    going_cold_days: int = 30
    stalled_days: int = 14
