"""Plain rows the metrics are computed from; the repository fills them with SQL.

Each record carries only what a metric needs, so the scorecard is a pure function of
these and can be tested from hand-built scenarios without a database.

Treat every record as read-only. Those built by the thousand for each card
(interactions, contacts, follow-ups, a long trend's days and sums) are not declared
frozen all the same: a frozen dataclass's `__init__` sets each field through
`object.__setattr__`, three times the cost, and on five years of history that was a
tenth of the card's time.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from netrack.domain.entries import Goal, Settings
from netrack.domain.histories import value_on
from netrack.domain.models import Direction, Kind, Stage, TimeCategory

# The effort channels of what no campaign's source names: a row linked to no campaign,
# and a campaign without a source (or unknown to the card).
UNLINKED = "unlinked"
UNSPECIFIED = "unspecified"


@dataclass(frozen=True, slots=True)
class StageEvent:
    on: date
    from_stage: Stage | None
    to_stage: Stage
    reason: str = ""  # a move to `lost`: why ("" when not given)


@dataclass(frozen=True, slots=True)
class CampaignFacts:
    id: int
    opened_on: date
    source: str | None
    history: tuple[StageEvent, ...]  # in the order they happened: (date, then entry order)
    name: str = ""
    # The latest linked interaction on or before the card's as-of day (its end, or
    # today while it runs), however old (the interactions' rows cover only the card's
    # window).
    last_touch: date | None = None
    organization: str = ""  # the start of `name` (`Stalled.organization`)

    def stage_at(self, day: date) -> Stage | None:
        """The stage at the end of `day`, replayed from history; None before opening."""
        if self.opened_on > day:
            return None
        stage: Stage | None = None
        for event in self.history:
            if event.on > day:
                break
            stage = event.to_stage
        return stage

    def entered_at(self, day: date) -> date | None:
        """When the campaign entered the stage it holds at the end of `day`."""
        entered: date | None = None
        for event in self.history:
            if event.on > day:
                break
            entered = event.on
        return entered


@dataclass(slots=True, unsafe_hash=True)  # not frozen: see the module docstring
class InteractionFacts:
    on: date
    kind: Kind
    contact_ids: tuple[int, ...]
    minutes: int = 0
    campaign_id: int | None = None
    meaningful: bool = False  # flag set, or value_received not blank
    cost: float = 0.0
    id: int | None = None  # the interaction's row, when read from a database
    # value_given not blank; the repository reads it for the card's own period only
    # (reciprocity's; no other figure needs it)
    given: bool = False
    received: bool = False  # value_received not blank


@dataclass(slots=True, unsafe_hash=True)  # not frozen: see the module docstring
class ContactFacts:
    id: int
    met_on: date
    archived: bool = False
    strength: int | None = None
    channel: str | None = None
    industry: str = ""  # effective: the contact's own, else the organization's
    function: str = ""
    location: str = ""
    company_size: str = ""
    # The latest interaction on or before the card's as-of day, as for a campaign.
    last_touch: date | None = None
    name: str = ""
    keep_in_touch: int | None = None  # the cadence in days the user wants, if any
    # Strength history, oldest first: (from this day, strength). Empty: `strength` has
    # always been the strength (a hand-made scenario, or a row written without history).
    strengths: tuple[tuple[date, int | None], ...] = ()

    def strength_at(self, day: date) -> int | None:
        """The strength as it was at the end of `day` (None before the first entry)."""
        if not self.strengths:
            return self.strength
        return value_on(self.strengths, day)


@dataclass(slots=True, unsafe_hash=True)  # not frozen: see the module docstring
class FollowUpFacts:
    due: date
    done_on: date | None  # marked done, or closed by a later interaction: the earlier
    id: int | None = None  # its interaction's row, when read from a database


@dataclass(frozen=True, slots=True)
class ReferralFacts:
    on: date
    direction: Direction


@dataclass(frozen=True, slots=True)
class TimeFacts:
    on: date
    minutes: int
    category: TimeCategory
    campaign_id: int | None = None


@dataclass(slots=True, unsafe_hash=True)  # not frozen: see the module docstring
class TrendDay:
    """One day before a card's detailed window, or a run of days from `on` to `last`,
    summed for its trend: interaction minutes plus search/networking time,
    face-to-face campaign interactions, and the contacts with a meaningful interaction
    then. The repository sums runs that no period the card reads crosses
    (`card_days.trend_cuts`): a year card's twelve years are a dozen rows, not 4,000."""

    on: date
    minutes: int
    face_to_face: int
    # The contacts themselves; None for a whole trend period read from the stored sums
    # (SQLite's `trend_sums`), which keep only how many there were: `count`.
    meaningful: frozenset[int] | None
    last: date | None = None  # the run's last day; None: the day `on` alone
    count: int | None = None  # how many contacts, when `meaningful` is None

    @property
    def until(self) -> date:
        """The last day summed."""
        return self.on if self.last is None else self.last

    @property
    def people(self) -> frozenset[int]:
        """The contacts with a meaningful interaction in the run: only a run read row by
        row has them (a union over runs, or with detailed days, needs each one)."""
        if self.meaningful is None:
            raise ValueError(f"the run from {self.on} holds only a count of its contacts")
        return self.meaningful

    @property
    def meaningful_count(self) -> int:
        return len(self.meaningful) if self.meaningful is not None else self.count or 0


@dataclass(frozen=True, slots=True)
class MeaningfulDay:
    """The contacts with a meaningful interaction on one day before a card's detailed
    rows: the relationship quality looks back 90 days from the card's as-of day, and
    a week's or a month's card reads no more than its own days row by row."""

    on: date
    people: frozenset[int]


@dataclass(slots=True, unsafe_hash=True)  # not frozen: see the module docstring
class KindSums:
    """The interactions of one kind and source channel in a `SpanSums`, summed: linked
    to a campaign (`linked`) or not. `channel` is the campaign's source as
    `effort_by_channel` names it ("unspecified" for none, or for a campaign opened after
    the card's window; UNLINKED when not linked)."""

    kind: Kind
    channel: str
    count: int
    minutes: int
    cents: int
    meaningful: int  # interactions, not contacts (those are in the span's trend days)
    given: int
    received: int

    @property
    def linked(self) -> bool:
        """Linked to a campaign, any campaign."""
        return self.channel != UNLINKED

    def flags(self) -> tuple[int, int, int]:
        """(meaningful, given, received): the interactions counted with each."""
        return self.meaningful, self.given, self.received


@dataclass(slots=True, unsafe_hash=True)  # not frozen: see the module docstring
class TimeSums:
    """The time entries of one category and source channel (as `KindSums`) in a
    `SpanSums`, summed."""

    category: TimeCategory
    channel: str
    minutes: int


@dataclass(frozen=True, slots=True)
class SpanSums:
    """The card's own period from its start to the day before `detail_from` (or its
    as-of day, if earlier), summed by SQLite: a year card needs its first nine months
    only as totals. Its meaningful contacts are in the trend days of those dates."""

    start: date
    end: date
    interactions: tuple[KindSums, ...] = ()
    time: tuple[TimeSums, ...] = ()


@dataclass(frozen=True, slots=True)
class ScorecardInputs:
    """Everything needed for one period's card, its trend and its goals.

    Dated rows must cover at least `card_days.card_window` (the 12 trend periods, the 90
    days before the period end and every goal's span), interactions and time entries
    from `detail_from` on (the days before it summed in `trend_days`, and their
    meaningful contacts in `meaningful_days` for the 90 days); follow-ups must
    include every one due on or before the period end that is due from `detail_from` on
    or still open at the period end.
    """

    campaigns: tuple[CampaignFacts, ...] = ()
    interactions: tuple[InteractionFacts, ...] = ()
    contacts: tuple[ContactFacts, ...] = ()
    follow_ups: tuple[FollowUpFacts, ...] = ()
    referrals: tuple[ReferralFacts, ...] = ()
    time_entries: tuple[TimeFacts, ...] = ()
    goals: tuple[Goal, ...] = ()
    settings: Settings = field(default_factory=Settings)
    # The day the facts were read: a period ending after it is running. The default
    # makes every period complete (a hand-built scenario with no "today").
    today: date = date.max
    # Interactions and time entries dated before `detail_from` are not rows but summed
    # per day in `trend_days`: a year card's 12-year trend needs no more of them.
    detail_from: date = date.min
    trend_days: tuple[TrendDay, ...] = ()
    # The card's own days before `detail_from`, when it starts before it: see SpanSums.
    span_sums: SpanSums | None = None
    # The days of the 90 before the as-of day that come before `detail_from`, each with
    # its meaningful contacts (days with none left out): see MeaningfulDay.
    meaningful_days: tuple[MeaningfulDay, ...] = ()
