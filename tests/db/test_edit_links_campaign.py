"""An interaction moved to a campaign by an edit links its contacts to the campaign, as
logging it there would have; an edit that does not link anything leaves the links alone."""

from __future__ import annotations

from netrack.domain.models import CampaignRole


def links(repo, campaign_id):
    return [(c.contact_name, c.role) for c in repo.campaigns.get(campaign_id).contacts]


def test_edit_to_a_campaign_links_its_contacts(repo):
    ana = repo.contacts.add("Ana López")
    raj = repo.contacts.add("Raj Patel")
    zoe = repo.contacts.add("Zoë Quinn")
    acme = repo.campaigns.add("Platform Lead", "Acme")
    repo.campaigns.link_contact(acme.id, ana.id, "recruiter")
    entry = repo.activity.log([ana.id, raj.id], kind="call")
    assert links(repo, acme.id) == [("Ana López", CampaignRole.RECRUITER)]

    repo.activity.update(entry.id, campaign_id=acme.id)
    assert links(repo, acme.id) == [("Ana López", CampaignRole.RECRUITER), ("Raj Patel", None)]

    # Unlinked by hand: editing the note does not link Raj back.
    repo.tidy.unlink_contact(acme.id, raj.id)
    repo.activity.update(entry.id, note="changed")
    assert links(repo, acme.id) == [("Ana López", CampaignRole.RECRUITER)]

    # Someone added to an interaction already on the campaign is linked; no one else.
    repo.activity.update(entry.id, contact_ids=[ana.id, raj.id, zoe.id])
    assert links(repo, acme.id) == [
        ("Ana López", CampaignRole.RECRUITER),
        ("Zoë Quinn", None),
    ]

    # Taking the campaign off links nobody, and unlinks whom the log alone linked (no
    # interaction stands behind Zoë's link now); a link with a role is the user's.
    repo.activity.update(entry.id, campaign_id=None)
    assert links(repo, acme.id) == [("Ana López", CampaignRole.RECRUITER)]
