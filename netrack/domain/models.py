"""The domain vocabulary: enumerations and immutable records that every layer speaks.

Nothing here knows about SQLite or Textual. The repository converts rows into these
records at its boundary; screens and the CLI only ever see these.

The records are frozen, slotted, keyword-only dataclasses: immutable, compact, built by
name (a 24-field record has no positional constructor to get wrong), and never equal to
a plain tuple. Here are the campaigns and who is linked to them (the first screen's
cards) and their stage histories; the people and organizations are in `people`, what is
logged (interactions, follow-ups, referrals, time) and the goals and settings in
`entries`.
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
