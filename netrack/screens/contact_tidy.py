"""The Contacts screen's tidying keys: `a` archives (or brings back), `M` merges into a
contact picked from a list, `delete` deletes one without history and offers to archive
one with (SPEC: "delete or archive with a confirmation"). Each asks first where data
goes away; a refusal shows in place and writes nothing. Composed into the screen, as
`StageKeys` is into the pipeline's."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, TypeVar

from rich.text import Text

from netrack.domain.errors import InputError
from netrack.domain.people import Contact
from netrack.screens.as_asked import as_asked, reading, still_as_asked, still_listed
from netrack.screens.busy_writes import write_saying
from netrack.widgets.literal import literal
from netrack.widgets.literal import visible as shown_as

if TYPE_CHECKING:
    from netrack.data.repo import Repo
    from netrack.screens.contacts import ContactsScreen

R = TypeVar("R")


MERGED = "deleted or merged"


def _as_named(contact: Contact) -> tuple[str, str]:
    """What a question about a contact names: the person (and their organization)."""
    return contact.name, contact.organization


class ContactTidy:
    """Archive, merge and delete for `screen`, whose `selected` contact they act on and
    whose `say` shows a refusal in place."""

    def __init__(self, screen: ContactsScreen, repo: Repo) -> None:
        self.screen = screen
        self.repo = repo

    def _target(self) -> Contact | None:
        self.screen.say("")
        self.screen.rows_now()  # a key typed while the first load was under way
        return self.screen.selected_or_say()

    def _write(self, change: Callable[[], R], summary: Callable[[R], str]) -> None:
        """One repo write: announced when saved, its refusal shown in place."""
        write_saying(self.screen.app, self.repo, change, summary, self.screen.say)

    def _told(self, contact: Contact) -> str:
        """How a question or a toast names `contact`: "Sam Lee (Acme)" beside another
        Sam Lee, archived or not, as `contact archive` and the Merge dialog do."""
        return self.repo.contacts.told(contact.id, contact.name)

    def _as_asked(self, contact: Contact, told: str, write: Callable[[], R]) -> Callable[[], R]:
        """`write`, only while `contact` (named `told`) is the one the question named
        (see as_asked)."""
        now = reading(lambda: self.repo.contacts.get(contact.id), _as_named)
        return as_asked(self.repo, shown_as(told), _as_named(contact), now, write, MERGED)

    def _gone(
        self, contact_id: int, summary: str, stays: bool = False, onto: int | None = None
    ) -> str:
        """`summary`, once the contact left the list, the cursor on `onto` if given (or,
        archived ones being shown, it `stays` there marked archived)."""
        if stays:
            self.screen.now_archived(contact_id)
        else:
            self.screen.take_out(contact_id, onto)
        return summary

    def archive(self) -> None:
        contact = self._target()
        if contact is None:
            return
        told = self._told(contact)
        if contact.archived:  # nothing goes away: no question
            name = shown_as(told)
            self._write(
                lambda: self.repo.tidy.archive_contact(contact.id, archived=False),
                lambda _c: f"brought back {name}",
            )
            return

        question = (
            f"Archive {told}? They leave lists, completion and name resolution; "
            "their history stays (A shows them, a brings them back)."
        )
        self._ask_to_archive(contact, told, question)

    def _ask_to_archive(self, contact: Contact, told: str, question: str) -> None:
        """Archive `contact` (named `told`) once `question` is answered yes."""
        from netrack.screens.modal.confirm import Confirm

        name = shown_as(told)

        def answered(yes: bool | None) -> None:
            if yes:
                self._write(
                    self._as_asked(
                        contact, told, lambda: self.repo.tidy.archive_contact(contact.id)
                    ),
                    lambda _c: self._gone(
                        contact.id,
                        f"archived {name}: hidden from lists and completion, history kept",
                        stays=self.screen.show_archived,
                    ),
                )

        self.screen.app.push_screen(Confirm(question), answered)

    def merge(self) -> None:
        from netrack.screens.modal.pick import Pick

        other = self._target()
        if other is None:
            return
        if other.archived:  # as the CLI, which cannot name them (`merge_contacts` refuses)
            self.screen.say(
                f"{shown_as(self._told(other))} is archived: a brings them back to merge"
            )
            return
        choices = [(cid, name) for cid, name in self.repo.contacts.labels() if cid != other.id]
        if not choices:
            self.screen.say(self._nobody_to_merge_into(other))
            return
        # "Sam Lee (Beta)" beside another Sam Lee, as the question after the pick says
        merged = self._told(other)
        question = Text("Merge ")
        question.append_text(literal(merged, style="bold"))
        question.append(" into whom? (the one you pick is kept)")

        def picked(keep_id: int | None) -> None:
            if keep_id is None:
                return
            # The one picked, as the list named them: its id may be a newcomer's now.
            if not still_listed(self.repo, keep_id, dict(choices)[keep_id]):
                self.screen.say(
                    "the contact picked was deleted or changed elsewhere: M picks again"
                )
                return
            self._confirm_merge(keep_id, other)

        self.screen.app.push_screen(Pick("Merge", question, choices, by_name=True), picked)

    def _nobody_to_merge_into(self, other: Contact) -> str:
        """Why `M` offers nobody: `other` is the only contact, or the only active one
        beside archived ones, which are never offered (`a` brings one back)."""
        name = shown_as(self._told(other))
        archived = self.repo.contacts.named(archived=True)
        if not archived:
            return f"{name} is the only contact: nobody to merge into"
        shown = "a on their row" if self.screen.show_archived else "A shows them, a"
        if len(archived) == 1:
            cid, their_name, _ = archived[0]
            told = shown_as(self.repo.contacts.told(cid, their_name))
            why = f"{told} is archived: {shown} brings them back"
        else:
            why = f"{len(archived)} contacts are archived: {shown} brings one back"
        return f"{name} is the only active contact: nobody to merge into ({why})"

    def _confirm_merge(self, keep_id: int, other: Contact) -> None:
        from netrack.data.repo.contact_merge import merge_summary
        from netrack.data.repo.merging import history_words, shared_words
        from netrack.domain.describe import sentence
        from netrack.interop.api import safety_copy
        from netrack.screens.modal.confirm import Confirm

        try:
            keep = self.repo.contacts.get(keep_id)
        except InputError:  # deleted or merged elsewhere while the list was open
            self.screen.say("the contact picked was deleted or merged elsewhere: M picks again")
            return
        history = history_words(self.repo.tidy.contact_history(other.id, merging_into=keep.id))
        # Each as told apart from a namesake anywhere, as the summary after it names them.
        named = self.repo.contacts.told_apart_among((keep.id, other.id))
        kept, gone = named.get(keep.id, keep.name), named.get(other.id, other.name)
        # Interactions both were in stay (KEEP's), said apart in the summary's words.
        both = shared_words(self.repo.tidy.shared_interactions(other.id, merging_into=keep.id))
        moves = f"Moves {history}{both} to {kept}" if history else f"Nothing to move{both}"
        removes = sentence(f"{moves}, fills {kept}'s blank fields from {gone}, then removes {gone}")
        question = f"Merge {gone} into {kept}? {removes} A backup is made first."

        # Both as the question names them, before the backup and again in the write: a
        # contact deleted elsewhere meanwhile gives its id to the next one added.
        kept_now = reading(lambda: self.repo.contacts.get(keep.id), _as_named)
        other_now = reading(lambda: self.repo.contacts.get(other.id), _as_named)

        def as_asked() -> None:  # each named as the question named them
            still_as_asked(shown_as(kept), _as_named(keep), kept_now(), MERGED)
            still_as_asked(shown_as(gone), _as_named(other), other_now(), MERGED)

        def answered(yes: bool | None) -> None:
            if yes:
                self._write(
                    lambda: self.repo.tidy.merge_contacts(
                        keep.id,
                        other.id,
                        backup=lambda: safety_copy(self.repo, "before-merge"),
                        expect=as_asked,
                    ),
                    lambda result: self._gone(
                        other.id, shown_as(merge_summary(result)), onto=keep.id
                    ),
                )

        self.screen.app.push_screen(Confirm(question), answered)

    def delete(self) -> None:
        from netrack.screens.modal.confirm import Confirm

        contact = self._target()
        if contact is None:
            return
        told = self._told(contact)
        name = shown_as(told)
        history = self.repo.tidy.contact_history(contact.id)
        if history:
            # Kept history is never deleted (SPEC): `delete` offers to archive instead.
            from netrack.data.repo.merging import history_words

            kept = f"has history ({history_words(history)}), which is never"
            if contact.archived:  # nothing more to offer: a merge takes active contacts
                self.screen.say(
                    f"{name} {kept} deleted; they are archived already (a brings them back, "
                    "then M merges them into another contact)"
                )
            else:
                self._ask_to_archive(
                    contact,
                    told,
                    f"{told} {kept} deleted. Archive them instead? (hidden from lists, "
                    "history kept; M merges them into another contact)",
                )
            return

        def answered(yes: bool | None) -> None:
            if yes:
                self._write(
                    self._as_asked(
                        contact, told, lambda: self.repo.tidy.delete_contact(contact.id)
                    ),
                    lambda _c: self._gone(contact.id, f"deleted contact {name}"),
                )

        self.screen.app.push_screen(Confirm(f"Delete {told}? This cannot be undone."), answered)
