"""The links an interaction makes between its people and its campaign, and unmakes:
logged on a campaign, a contact is linked to it (with no role: a role is the user's);
moved or deleted, a link no interaction stands behind any more goes."""

from __future__ import annotations

from collections.abc import Iterable

from netrack.data import tables as t


def link_people(campaign_id: int, contact_ids: Iterable[int]) -> None:
    """Link each contact to the campaign unless already linked (inside the caller's write)."""
    for contact_id in contact_ids:
        if not t.CampaignContact.get_or_none(
            t.CampaignContact.campaign == campaign_id, t.CampaignContact.contact == contact_id
        ):
            t.CampaignContact.create(campaign=campaign_id, contact=contact_id)


def unlink_left(campaign_id: int | None, contact_ids: Iterable[int]) -> None:
    """Undo what `link_people` did for contacts no interaction ties to the campaign any
    more (inside the caller's write): a log on the wrong campaign, moved or deleted,
    left its people linked to it, listed there and undeletable. A link with a role was
    made by the user and stays."""
    if campaign_id is None:
        return
    link, touch = t.CampaignContact, t.InteractionContact
    for contact_id in set(contact_ids):
        still = (
            touch.select()
            .join(t.Interaction)
            .where(touch.contact == contact_id, t.Interaction.campaign == campaign_id)
            .exists()
        )
        if not still:
            link.delete().where(
                link.campaign == campaign_id, link.contact == contact_id, link.role.is_null()
            ).execute()
