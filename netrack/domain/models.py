"""The domain vocabulary: enumerations and immutable records that every layer speaks.

Nothing here knows about SQLite or Textual. The repository converts rows into these
records at its boundary; screens and the CLI only ever see these.

The records are frozen, slotted, keyword-only dataclasses: immutable, compact, built by
name (a 24-field record has no positional constructor to get wrong), and never equal to
a plain tuple.
"""

from dataclasses import dataclass
from datetime import date
from enum import StrEnum


class Stage(StrEnum):
    RESEARCH = "research"
    TARGET = "target"
    NETWORKING = "networking"
    APPLIED = "applied"
    INTERVIEWING = "interviewing"
    FOLLOW_UP = "follow_up"
    NEGOTIATING = "negotiating"
    WON = "won"
    LOST = "lost"
    PAUSED = "paused"

    @property
    def is_active(self) -> bool:
        return self in ACTIVE_STAGES

    @property
    def order(self) -> int | None:
        """Position on the ordered line (research=0 … won=7); None for lost/paused."""
        try:
            return ORDERED_STAGES.index(self)
        except ValueError:
            return None

    @property
    def label(self) -> str:
        return self.value.replace("_", " ").capitalize()


ORDERED_STAGES: tuple[Stage, ...] = (
    Stage.RESEARCH,
    Stage.TARGET,
    Stage.NETWORKING,
    Stage.APPLIED,
    Stage.INTERVIEWING,
    Stage.FOLLOW_UP,
    Stage.NEGOTIATING,
    Stage.WON,
)
ACTIVE_STAGES: tuple[Stage, ...] = ORDERED_STAGES[:-1]
EARLY_STAGES: tuple[Stage, ...] = (Stage.RESEARCH, Stage.TARGET, Stage.NETWORKING)
CLOSED_STAGES: tuple[Stage, ...] = (Stage.WON, Stage.LOST, Stage.PAUSED)


class Kind(StrEnum):
    IN_PERSON = "in_person"
    VIDEO = "video"
    CALL = "call"
    EMAIL = "email"
    MESSAGE = "message"
    EVENT = "event"
    INTERVIEW = "interview"
    OTHER = "other"

    @property
    def label(self) -> str:
        """ "in person": the kind as tables and messages say it (the value is the input's)."""
        return self.value.replace("_", " ")


KIND_ALIASES: dict[str, Kind] = {
    "coffee": Kind.IN_PERSON,
    "lunch": Kind.IN_PERSON,
    "meet": Kind.IN_PERSON,
    "f2f": Kind.IN_PERSON,
    "zoom": Kind.VIDEO,
    "phone": Kind.CALL,
    "dm": Kind.MESSAGE,
    "linkedin": Kind.MESSAGE,
}
FACE_TO_FACE_KINDS: frozenset[Kind] = frozenset({Kind.IN_PERSON, Kind.VIDEO})


class ContactChannel(StrEnum):
    """How a contact was met."""

    EVENT = "event"
    LINKEDIN = "linkedin"
    REFERRAL = "referral"
    COLD_OUTREACH = "cold_outreach"
    ALUMNI = "alumni"
    COLLEAGUE = "colleague"
    RECRUITER = "recruiter"
    JOB_BOARD = "job_board"
    OTHER = "other"


class SourceChannel(StrEnum):
    """Where a campaign came from."""

    NETWORKING = "networking"
    REFERRAL = "referral"
    COLD_CALL = "cold_call"
    JOB_BOARD = "job_board"
    COMPANY_SITE = "company_site"
    RECRUITER = "recruiter"
    OTHER = "other"


class CampaignRole(StrEnum):
    HIRING_MANAGER = "hiring_manager"
    REFERRER = "referrer"
    RECRUITER = "recruiter"
    INTERVIEWER = "interviewer"
    INSIDER = "insider"


class TimeCategory(StrEnum):
    SEARCH = "search"
    NETWORKING = "networking"
    BUSYWORK = "busywork"
    OFF = "off"

    @property
    def invested(self) -> bool:
        """Counted in hours_invested; busywork and time off are not."""
        return self in (TimeCategory.SEARCH, TimeCategory.NETWORKING)


class Direction(StrEnum):
    IN = "in"
    OUT = "out"


class Comparator(StrEnum):
    AT_LEAST = "at_least"
    AT_MOST = "at_most"


class GoalPeriod(StrEnum):
    """The kinds of period a scorecard covers and a goal is set for."""

    WEEK = "week"
    MONTH = "month"
    QUARTER = "quarter"
    YEAR = "year"


SIZE_BANDS: tuple[str, ...] = ("1-10", "11-50", "51-200", "201-1000", "1001-5000", "5000+")

STRENGTH_RUBRIC: dict[int, str] = {
    1: "acquaintance, no dialog",
    2: "occasional exchange",
    3: "active dialog",
    4: "value exchanged both ways",
    5: "trusted advocate who refers you",
}


class LostReason(StrEnum):
    """Why a campaign was lost (SPEC); free text goes in the stage change's note."""

    REJECTED = "rejected"
    WITHDRAWN = "withdrawn"
    HIRING_FREEZE = "hiring_freeze"
    NO_RESPONSE = "no_response"
    OTHER = "other"


LOST_REASONS: tuple[str, ...] = tuple(reason.value for reason in LostReason)


@dataclass(frozen=True, slots=True, kw_only=True)
class Organization:
    """An employer or any other body contacts work at; campaigns aim at one."""

    id: int
    name: str
    industry: str = ""
    size_band: str = ""
    location: str = ""
    notes: str = ""


@dataclass(frozen=True, slots=True, kw_only=True)
class Contact:
    """A person in the network, with what the diversity metrics and strength read."""

    id: int
    name: str
    organization: str = ""
    organization_id: int | None = None
    title: str = ""
    function: str = ""
    industry: str = ""
    location: str = ""
    email: str = ""
    phone: str = ""
    url: str = ""
    channel: ContactChannel | None = None
    met_on: date | None = None
    introduced_by_id: int | None = None
    introduced_by: str = ""
    strength: int | None = None
    tags: tuple[str, ...] = ()
    notes: str = ""
    archived: bool = False
    # Effective values: the contact's own, else the organization's.
    effective_industry: str = ""
    effective_location: str = ""
    size_band: str = ""
    last_touch: date | None = None
    keep_in_touch: int | None = None  # days between touches the user wants (None: none)
    # Schema 13: its name in every copy of the history, where the id is only this one's
    uid: str | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class StrengthChange:
    """A contact's strength from `on` on (None: cleared); the history a past period reads."""

    id: int
    contact_id: int
    on: date
    strength: int | None


@dataclass(frozen=True, slots=True, kw_only=True)
class StageChange:
    """One step of a campaign's stage history (the replay's source of truth)."""

    id: int
    campaign_id: int
    from_stage: Stage | None
    to_stage: Stage
    on: date
    note: str = ""
    reason: str = ""  # a change into lost: one of LOST_REASONS, or "" (unspecified)


@dataclass(frozen=True, slots=True, kw_only=True)
class CampaignLink:
    """A contact linked to a campaign, with the role they play in it."""

    contact_id: int
    contact_name: str
    role: CampaignRole | None


@dataclass(frozen=True, slots=True, kw_only=True)
class Campaign:
    """A role or aim at an organization, moving through the pipeline stages."""

    id: int
    title: str
    organization: str
    organization_id: int
    source: SourceChannel | None
    priority: int | None
    stage: Stage
    stage_since: date
    opened_on: date
    url: str = ""
    notes: str = ""
    lost_reason: str = ""
    next_follow_up: date | None = None
    contacts: tuple[CampaignLink, ...] = ()
    location: str = ""
    compensation: str = ""
    deadline: date | None = None
    documents: str = ""

    @property
    def display_name(self) -> str:
        """The name campaigns are matched on: "organization title"."""
        return f"{self.organization} {self.title}"


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
