"""The level-of-care change dialog: the date, the new level, the justification and the six ASAM
dimensions re-rated (the intake's rating lists). A transfer out of the program goes on to the
discharge dialog, whose signing records the change and ends the episode."""

from __future__ import annotations

from PySide6.QtWidgets import QCheckBox, QHBoxLayout, QSizePolicy, QWidget

from iopdesk.domain.intake import ASAM_DIMENSIONS, LEVELS_OF_CARE, AsamEntry
from iopdesk.gui import operations
from iopdesk.gui.aftercare.discharge_dialog import DischargeDialog
from iopdesk.gui.clients.form_dialog import FormDialog
from iopdesk.gui.context import WindowContext
from iopdesk.gui.forms import combo, line, name_button, text_box
from iopdesk.gui.intake.decision_pages import chosen_rating, rating_combo
from iopdesk.gui.widgets.dates import date_edit
from iopdesk.gui.widgets.unsaved import watch
from iopdesk.services.clients import level_of_care
from iopdesk.services.clients.level_of_care import EpisodeLevels, LevelChangeForm


class LevelOfCareDialog(FormDialog):
    """Step the client up or down (or transfer them out), with the dimensions re-rated."""

    def __init__(
        self, ctx: WindowContext, client_id: int, current: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(ctx, "Change level of care", parent, scroll=True)
        self.client_id = client_id
        levels = {"": "Choose a level…", **{k: k for k in LEVELS_OF_CARE if k != current}}
        self.add("effective_date", "Effective date", date_edit())
        self.add("new_level", "New level of care", combo(levels),
                 f"Now: {current or 'not recorded'}")  # fmt: skip
        why = text_box(height=70)
        # A fixed height: the scrolled form's spare room must not push the hint away from it.
        why.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.add("justification", "Justification", why, "Why the client needs this level now.")
        self.transfer = name_button(QCheckBox("Transfer out of the program"))
        self.add("transfer_out", "Transfer", self.transfer,
                 "Ends the episode: the discharge (type: transferred) is signed next.")  # fmt: skip
        self.section("ASAM re-ratings")
        self.ratings, self.narratives = {}, {}
        for dim, name in ASAM_DIMENSIONS.items():
            rating, narrative = rating_combo(dim), line(placeholder="Narrative (optional)")
            narrative.setAccessibleName(f"Dimension {dim} narrative")
            row = QWidget()
            cells = QHBoxLayout(row)
            cells.setContentsMargins(0, 0, 0, 0)
            cells.addWidget(rating)
            cells.addWidget(narrative, 1)
            self.form.add(f"asam.{dim}.rating", f"Dimension {dim}", row, name)
            rating.setAccessibleName(f"Dimension {dim} rating")  # the row took the label
            watch([rating, narrative], self._mark_dirty)
            self.ratings[dim], self.narratives[dim] = rating, narrative
        self.transfer.toggled.connect(self._transfer_toggled)
        self.dirty = False
        self.resize(760, 700)

    def _transfer_toggled(self, on: bool) -> None:
        self.save_button.setText("Go to discharge…" if on else "Save")
        self.save_button.setAccessibleName(self.save_button.text())

    def change_form(self) -> LevelChangeForm:
        """What was entered, as the service's form."""
        return LevelChangeForm(
            self.value("effective_date"),  # type: ignore[arg-type]
            self.text("new_level"),
            self.text("justification"),
            {
                dim: AsamEntry(chosen_rating(self.ratings[dim]), self.narratives[dim].text())
                for dim in ASAM_DIMENSIONS
            },
        )

    def submit(self) -> EpisodeLevels:
        return level_of_care.record_level_change(self.ctx.actor, self.client_id, self.change_form())

    def try_save(self) -> bool:
        """A transfer out is checked here, then signed with the discharge; a change within the
        program is saved at once."""
        if not self.transfer.isChecked():
            return super().try_save()
        form = self.change_form()
        checked = operations.run(
            self.ctx,
            self,
            lambda: level_of_care.check_level_change(self.ctx.actor, self.client_id, form),
            errors=self.form,
            title=self.windowTitle(),
        )
        if not checked:
            return False
        discharge = DischargeDialog(self.ctx, self.client_id, self, transfer=form,
                                    transfer_text=checked.result)  # fmt: skip
        discharge.exec()
        if discharge.signed is None:
            return False  # not signed: the change is not recorded, the typing stays here
        self.result_value, self.dirty = discharge.signed, False
        self.accept()
        return True
