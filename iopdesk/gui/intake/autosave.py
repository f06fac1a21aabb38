"""Autosaving an intake draft: shortly after the last change, or on demand before the window
hides or closes; fields the service refuses are marked on the step they belong to."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer

from iopdesk.domain.intake import SECTIONS
from iopdesk.errors import DomainError, ValidationError
from iopdesk.services.intake import drafts as intake_drafts

if TYPE_CHECKING:
    from PySide6.QtWidgets import QLabel

    from iopdesk.gui.context import WindowContext
    from iopdesk.gui.intake.pages import Page, SubstancePage
    from iopdesk.services.intake.assessments import AssessmentView

#: Autosave this long after the last keystroke: short enough that a crash loses little.
AUTOSAVE_MS = 800
_FIELD_STEP = {
    "substances": "substance_use",
    "screening": "screenings",
    "asam": "asam",
    "suitability": "suitability",
    "level_of_care": "decision",
    "rationale": "decision",
    "justification": "decision",
}


def step_of_field(field: str) -> str:
    """Which step a service error field belongs to (``section.legal`` -> ``legal``)."""
    head, _, rest = field.partition(".")
    if head == "section":
        return rest.split(".")[0] if rest.split(".")[0] in SECTIONS else "presenting_problem"
    return _FIELD_STEP.get(head, "")


class DraftAutosave:
    """Mixed into the assessment window: the autosave timer, the unsaved-changes flag, and
    saving the draft with the refused fields shown on their steps.

    The window provides the attributes declared below plus ``collect()`` (the form as data),
    ``_update_marks()`` and ``_apply_state()``.
    """

    ctx: WindowContext
    view: AssessmentView
    pages: dict[str, Page]
    save_label: QLabel
    substance_page: SubstancePage
    _loading: bool

    def _start_autosave(self) -> None:
        """Set up the autosave state; call once, before the pages are built."""
        self.dirty = False
        self._errors: dict[str, dict[str, str]] = {}
        self._saved_phq9: dict[int, int] = dict(self.view.data.screenings.get("PHQ9", {}))
        self.timer = QTimer(self)  # type: ignore[arg-type]
        self.timer.setSingleShot(True)
        self.timer.setInterval(AUTOSAVE_MS)
        self.timer.timeout.connect(self.save_now)

    def _changed(self) -> None:
        if self._loading or self.view.is_signed:
            return
        self.dirty = True
        self.save_label.setText("Unsaved changes…")
        self._update_marks()
        self.timer.start()

    def _show_errors(self, fields: dict[str, str]) -> None:
        before, self._errors = self._errors, {}
        for name, message in fields.items():
            self._errors.setdefault(step_of_field(name) or "decision", {})[name] = message
        for key, page in self.pages.items():
            if before.get(key) != self._errors.get(key):
                page.show_messages(self._errors.get(key, {}))
        self._update_marks()

    def save_now(self) -> bool:
        """Save the draft now; False (with the problems shown) when it could not be saved."""
        self.timer.stop()
        if not self.dirty or self.view.is_signed:
            return True
        data = self.collect()
        if self.substance_page.parse_problems:
            self._show_errors(self.substance_page.parse_problems)
            self.save_label.setText("Not saved: fix the marked fields.")
            return False
        try:
            view = intake_drafts.save_draft(self.ctx.actor, self.view.id, data)
        except ValidationError as exc:
            self._show_errors(exc.fields)
            self.save_label.setText("Not saved: fix the marked fields.")
            return False
        except DomainError as exc:
            self.save_label.setText(f"Not saved: {exc.message}")
            return False
        self.view = view
        self.dirty = False
        self._show_errors({})
        self.save_label.setText(f"Draft saved at {dt.datetime.now():%H:%M:%S}.")
        self._apply_state()
        phq9 = dict(view.data.screenings.get("PHQ9", {}))
        self.ctx.hub.clinical_changed.emit(view.client_id)
        if phq9 != self._saved_phq9:  # the safety flag on the chart header may have moved
            self._saved_phq9 = phq9
            self.ctx.hub.client_changed.emit(view.client_id)
        return True
