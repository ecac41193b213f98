"""What a write reports besides the record it wrote: the follow-ups an interaction's edit
closed, reopened or left done on another day, the people it is with who were met only
after it, and the size band a contact's add or edit gave their whole organization.

Apart from `models`, which holds the vocabulary and the records every layer reads: these
are never read back from the database, only handed from one write to the line that tells
the user of it (`describe`).
"""

from dataclasses import dataclass
from datetime import date

from netrack.domain.entries import FollowUp, Interaction


@dataclass(frozen=True, slots=True)
class SizeBandChanged:
    """An organization's size band that a contact's add or edit set: the band is the
    organization's, so every one of its `contacts` (archived too) reads the new one."""

    organization: str
    before: str  # "" none
    after: str
    contacts: int


@dataclass(frozen=True, slots=True)
class MetLater:
    """A person an interaction is with whose met-on day is after the interaction's: the
    usual back-fill (the person added today, last week's coffee logged next). Their
    met_on is left as stored (the scorecard counts them known from it; a script may set
    both on purpose), and the confirmation says how to move it (`describe_met_later`)."""

    contact_id: int
    name: str
    met_on: date


@dataclass(frozen=True, slots=True)
class TouchedBeforeMet:
    """`MetLater` seen from the contact: their touches dated before their met-on day, as
    an edit of that day left them (`count`, the `first` one's day, None for none), and
    the days of their strength changes before it (a dated change is refused there, so
    moving the day past them is said as the touches are). The day is kept as given, and
    the confirmation says how to move it (`describe_touched_before_met`)."""

    contact_id: int
    name: str
    met_on: date
    count: int
    first: date | None
    strength_changes: tuple[date, ...] = ()

    @property
    def earliest(self) -> date:
        """The first day a touch or a strength change holds: the met-on day to suggest."""
        return min(day for day in (self.first, *self.strength_changes) if day is not None)


@dataclass(frozen=True, slots=True)
class ClosedLater:
    """A follow-up done on a later day than before: the touch that closed it was deleted,
    moved later or taken off one of its people, and the next one closes it (or its mark).
    A late follow-up may turn on time the other way round (`closed_earlier`)."""

    was: FollowUp
    now: FollowUp  # `done_on` the later day


@dataclass(frozen=True, slots=True)
class Edited:
    """An interaction as an edit left it, and the follow-ups of its people (before and
    after) the edit closed, reopened, left done on a later day or closed on an earlier
    one (each as it was), earliest due first."""

    entry: Interaction
    closes: tuple[FollowUp, ...] = ()
    reopens: tuple[FollowUp, ...] = ()
    later: tuple[ClosedLater, ...] = ()
    earlier: tuple[FollowUp, ...] = ()
    removed: FollowUp | None = None  # its own follow-up, cleared, as it was (done or not)
    # Its people met after its day, where the edit moved the day or changed the people
    met_later: tuple[MetLater, ...] = ()

    @property
    def follow_ups(self) -> tuple[FollowUp, ...]:
        """Every follow-up it names: their people are told apart from namesakes."""
        mine = () if self.removed is None else (self.removed,)
        return (*mine, *self.closes, *self.reopens, *(f.now for f in self.later), *self.earlier)
