"""The program phase dialog: the phase the client enters, from when, and why, above the
episode's earlier phase changes."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from iopdesk.domain import formats
from iopdesk.gui import operations
from iopdesk.gui.clients.form_dialog import FormDialog
from iopdesk.gui.context import WindowContext
from iopdesk.gui.forms import combo, line, subheading
from iopdesk.gui.widgets.dates import date_column, date_edit
from iopdesk.gui.widgets.notice import Notice
from iopdesk.gui.widgets.row_table import RowTable
from iopdesk.gui.widgets.table_model import Column
from iopdesk.services.clients import phases
from iopdesk.services.clients.phases import EpisodePhases

HISTORY = [
    date_column("From", lambda e: e.effective_date),
    Column("Phase", lambda e: e.phase),
    Column("Reason", lambda e: e.reason),
    Column("Decided by", lambda e: e.decided_by),
    Column("Recorded", lambda e: formats.show_moment(e.recorded_at),
           sort_key=lambda e: e.recorded_at),
]  # fmt: skip


class PhaseDialog(FormDialog):
    """Record the client's move into another of the clinic's program phases."""

    def __init__(self, ctx: WindowContext, client_id: int, parent: QWidget | None = None) -> None:
        super().__init__(ctx, "Change program phase", parent)
        self.client_id = client_id
        found = operations.run(ctx, self, lambda: phases.phase_history(ctx.actor, client_id))
        known = found.result if found else EpisodePhases(client_id, None, "", (), ())
        self.notice = Notice()
        self.notice.say("" if known.phases else phases.NO_PHASES)
        self.layout().insertWidget(1, self.notice)
        choices = {"": "Choose a phase…", **{p: p for p in known.phases}}
        self.add("phase", "Phase", combo(choices, ""), f"Now: {known.current or 'none recorded'}")
        self.add("effective_date", "From", date_edit())
        self.add("reason", "Reason", line(placeholder="Optional: why now"), "A few words.")
        self.save_button.setEnabled(bool(known.phases))
        self.history = RowTable(HISTORY, "Program phase history")
        self.history.set_rows(known.history)
        outer = self.layout()
        outer.setStretchFactor(self.form, 0)  # the history below takes the room
        outer.insertWidget(3, subheading("History"))
        outer.insertWidget(4, self.history, 1)
        self.dirty = False
        self.resize(760, 440)

    def submit(self) -> EpisodePhases:
        return phases.record_phase_change(
            self.ctx.actor,
            self.client_id,
            self.text("phase"),
            self.value("effective_date"),
            self.text("reason"),
        )
