"""Confirmed writes land on the record their question named, or nowhere.

A question stays open as long as the user likes, and meanwhile another netrack may
delete the record it names, or change it. SQLite then gives the next record added the
freed id (the id of a deleted last row is taken again): "yes" to "Delete Zeta Org Reuse
C?" deleted the campaign another process had just added, and a merge confirmed into one
contact went into the newcomer holding its id. Each confirmed write therefore reads the
record again inside its own transaction and goes ahead only while it reads as it did
when asked (its name, and what else the question promised: a campaign's stage, the
stage change an undo names); else it says so and writes nothing, as the edit forms do
(`EditGuard.still_as_opened`).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, TypeVar

from netrack.domain.errors import InputError

if TYPE_CHECKING:
    from netrack.data.repo import Repo
    from netrack.domain.models import Campaign, Stage

R = TypeVar("R")
T = TypeVar("T")


def reading(get: Callable[[], T], key: Callable[[T], object]) -> Callable[[], object | None]:
    """What `key` reads of the record `get()` returns now; None once it is gone (`get`
    refuses an unknown id)."""

    def now() -> object | None:
        try:
            return key(get())
        except InputError:
            return None

    return now


def still_as_asked(name: str, asked: object, now: object | None, gone: str = "deleted") -> None:
    """Refuse a confirmed write whose record `name` is gone (`now` None) or no longer
    reads as `asked`."""
    if now is None:
        raise InputError(f"{name} was {gone} elsewhere since you were asked: nothing changed")
    if now != asked:
        raise InputError(
            f"{name} changed elsewhere since you were asked: nothing changed (look, then ask again)"
        )


def as_asked(
    repo: Repo,
    name: str,
    asked: object,
    now: Callable[[], object | None],
    write: Callable[[], R],
    gone: str = "deleted",
) -> Callable[[], R]:
    """`write`, run in one transaction with the check that the record still reads as
    `asked` (see `still_as_asked`): the `change` of `run_write` for a confirmed action."""

    def checked() -> R:
        with repo.writing():
            still_as_asked(name, asked, now(), gone)
            return write()

    return checked


def campaign_as_named(campaign: Campaign) -> tuple[str, Stage]:
    """What a question about a campaign names: the campaign, and the stage it is in."""
    return campaign.display_name, campaign.stage


def campaign_as_asked(
    repo: Repo, campaign: Campaign, name: str, write: Callable[[], R]
) -> Callable[[], R]:
    """`write`, only while `campaign` is the one asked about, in the stage the question
    named (the stage keys, "Close as lost", the move form)."""
    now = reading(lambda: repo.campaigns.get(campaign.id), campaign_as_named)
    return as_asked(repo, name, campaign_as_named(campaign), now, write)


def still_listed(repo: Repo, contact_id: int, listed: str) -> bool:
    """Whether the contact picked from a list still reads as the list named them
    (`listed`: "Name (Org)"): deleted, or their id given to another since, they do not."""
    return dict(repo.contacts.labels()).get(contact_id) == listed
