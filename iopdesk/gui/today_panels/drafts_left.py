"""Today panel, for a clinical supervisor: drafts left by former staff, with "Take over…"."""

from __future__ import annotations

from PySide6.QtWidgets import QPushButton, QWidget

from iopdesk.domain import formats
from iopdesk.gui import operations, prompts
from iopdesk.gui.forms import name_button
from iopdesk.gui.registry import TodayPanel
from iopdesk.gui.today_panels.list_panel import ListPanel
from iopdesk.gui.widgets.table_model import Column
from iopdesk.services.admin.former_staff_drafts import (
    LeftDraft,
    drafts_left_by_former_staff,
    take_over_draft,
)

COLUMNS = [
    Column("Draft", lambda r: r.what),
    Column("Client", lambda r: r.client or "—"),
    Column("Left by", lambda r: r.author),
    Column("Last changed", lambda r: formats.show_moment(r.last_changed),
           sort_key=lambda r: r.last_changed),
]  # fmt: skip


def take_over_question(draft: LeftDraft) -> operations.Confirm:
    """The one question before a takeover, saying what follows from it."""
    about = f" about {draft.client}" if draft.client else ""
    return operations.Confirm(
        "Take over the draft",
        f"Take over this draft{about} ({draft.what}) left by {draft.author}? You become its "
        f"author and continue it in {draft.continue_in}; the takeover is recorded with "
        f"{draft.author}'s name.",
        "Take it over",
    )


class DraftsLeftPanel(ListPanel):
    """Oldest first; "Take over…" makes the chosen draft the supervisor's; a double-click opens
    where it continues (the session's sheet or the client's chart)."""

    name = "Drafts left by former staff"
    columns = COLUMNS
    # A deactivated account, or a draft saved, signed or taken over, changes the list.
    refresh_on = ("attendance", "clinical", "staff")

    def controls(self) -> list[QWidget]:
        self.take_button = name_button(QPushButton("Take over…"))
        self.take_button.clicked.connect(self.take_over)
        return [self.take_button]

    def query(self) -> list[LeftDraft]:
        return drafts_left_by_former_staff(self.ctx.actor)

    def summary_for(self, rows: list[LeftDraft]) -> str:
        self.take_button.setEnabled(bool(rows))
        if not rows:
            return "No draft is waiting for a colleague who has left."
        return (
            f"{len(rows)} draft(s) by colleagues whose accounts were deactivated: only a "
            "supervisor can take one over and finish it."
        )

    def open(self, row: LeftDraft) -> None:
        if row.session_id is not None:
            self.ctx.hub.open_session(row.session_id)
        elif row.client_id is not None:
            self.ctx.hub.open_chart(row.client_id)

    def take_over(self) -> None:
        """Take over the chosen draft, after asking once; then say where it continues."""
        draft: LeftDraft | None = self.table.selected()  # type: ignore[assignment]
        if draft is None:
            prompts.inform(self, "Take over", "Choose a draft in the list first.")
            return
        taken = operations.run(
            self.ctx,
            self,
            lambda: take_over_draft(self.ctx.actor, draft.kind, draft.record_id),
            confirm=take_over_question(draft),
            title="Take over",
        )
        if taken:
            prompts.inform(
                self,
                "Draft taken over",
                f"The draft is yours now: continue it in {draft.continue_in}.",
            )


TODAY_PANEL = TodayPanel(
    "drafts_left", "Drafts left by former staff", 45, "drafts.take_over", DraftsLeftPanel
)
