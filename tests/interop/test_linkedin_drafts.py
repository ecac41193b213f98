"""messages.csv keeps drafts (`IS MESSAGE DRAFT`, `IS CONVERSATION DRAFT`, a DRAFT
folder): a message never sent is no touchpoint. Each is skipped and counted, where it
became an interaction that set the contact's last touch and counted on the card."""

from __future__ import annotations

from datetime import date

from netrack.interop import api

CONNECTIONS = (
    "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
    "Lee,Kim,https://www.linkedin.com/in/leekim,,,,01 Mar 2026\n"
    "Anand,Rao,https://www.linkedin.com/in/anandrao,,,,01 Mar 2026\n"
)
HEADER = (
    "CONVERSATION ID,CONVERSATION TITLE,FROM,SENDER PROFILE URL,TO,RECIPIENT PROFILE URLS,"
    "DATE,SUBJECT,CONTENT,FOLDER,ATTACHMENTS,IS MESSAGE DRAFT,IS CONVERSATION DRAFT\n"
)
ME = "Me Myself,https://www.linkedin.com/in/me"


def test_drafts_are_skipped_and_counted(repo, tmp_path):
    (tmp_path / "Connections.csv").write_text(CONNECTIONS, encoding="utf-8")
    api.import_file(repo, "linkedin", tmp_path / "Connections.csv")
    messages = tmp_path / "messages.csv"
    messages.write_text(
        HEADER + f"c1,,{ME},Anand Rao,https://www.linkedin.com/in/anandrao,"
        "2026-11-05 11:00:00 UTC,,hello,SENT,,No,No\n"
        + f"c2,,{ME},Lee Kim,https://www.linkedin.com/in/leekim,"
        "2026-11-07 09:00:00 UTC,,unsent draft text,INBOX,,Yes,Yes\n"
        + f"c3,,{ME},Lee Kim,https://www.linkedin.com/in/leekim,"
        "2026-11-08 09:00:00 UTC,,another draft,DRAFT,,,\n"
        + f"c4,,{ME},Anand Rao,https://www.linkedin.com/in/anandrao,"
        "2026-11-09 09:00:00 UTC,,half a thought,SENT,,Yes,No\n",
        encoding="utf-8",
    )
    summary = api.import_file(repo, "linkedin", messages)
    assert "interactions: 1 added" in summary
    assert "a draft, never sent: 3" in summary
    logged = repo.activity.interactions()
    assert [(i.on, i.contact_names) for i in logged] == [(date(2026, 11, 5), ("Anand Rao",))]
