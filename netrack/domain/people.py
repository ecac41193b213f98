"""The people and organizations of the network, and contacts' strength histories.
Records as `models`' are: frozen, slotted, keyword-only dataclasses.

Apart from `models` (the vocabulary and the campaigns, whose cards the Pipeline draws
first) so that what the first screen never makes is not made before it: each record
class costs the import ~0.7 ms (dataclasses generates and compiles its methods), and the
Pipeline's first paint is held to 1.3× a one-Static app's (issue 4;
tests/test_import_hygiene.py holds the first screen to `models`).
"""

from dataclasses import dataclass
from datetime import date

from netrack.domain.models import ContactChannel


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
