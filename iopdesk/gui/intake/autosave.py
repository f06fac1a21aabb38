"""Autosaving an intake draft: shortly after the last change, or on demand before the window
hides or closes; fields the service refuses are marked on the step they belong to."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer

from iopdesk.domain import formats
from iopdesk.domain.intake import SECTIONS
from iopdesk.errors import ConflictError, DomainError, ValidationError
from iopdesk.gui import operations
from iopdesk.services.intake import assessments as intake
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
    "teds": "state_reporting",
}


def step_of_field(field: str) -> str:
    """Which step a service error field belongs to (``section.legal`` -> ``legal``)."""
    head, _, rest = field.partition(".")
    if head == "section":
        return rest.split(".")[0] if rest.split(".")[0] in SECTIONS else "presenting_problem"
    return _FIELD_STEP.get(head, "")


class DraftAutosave:
    """Mixed into the assessment window: the autosave timer, the unsaved-changes flag, and
    saving the draft with the refused fields shown on their steps (the window is where
    ``gui.operations`` shows a refusal: ``show_errors`` / ``clear_errors``).

    The window provides the attributes declared below plus ``collect()`` (the form as data),
    ``_load(view)``, ``_update_marks()`` and ``_apply_state()``.
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

    def _mark_fields(self, fields: dict[str, str]) -> None:
        before, self._errors = self._errors, {}
        for name, message in fields.items():
            self._errors.setdefault(step_of_field(name) or "decision", {})[name] = message
        for key, page in self.pages.items():
            if before.get(key) != self._errors.get(key):
                page.show_messages(self._errors.get(key, {}))
        self._update_marks()

    def show_errors(self, exc: DomainError) -> None:
        """A refused save: fields marked on their steps, or the reason beside the save status."""
        if isinstance(exc, ValidationError):
            self._mark_fields(exc.fields)
            self.save_label.setText("Not saved: fix the marked fields.")
        else:
            self.save_label.setText(f"Not saved: {exc.message}")

    def clear_errors(self) -> None:
        """Saved: no step is marked as refused any more."""
        self._mark_fields({})

    def _take_theirs(self, conflict: ConflictError) -> None:
        """Show the draft as a colleague saved it; what was typed here is dropped."""
        self.view = intake.get_assessment(self.ctx.actor, self.view.id)
        self._load(self.view)
        self.dirty = False
        self.save_label.setText(f"Showing the draft as {conflict.changed_by} saved it.")

    def save_now(self) -> bool:
        """Save the draft now; False (with the problems shown) when it could not be saved."""
        self.timer.stop()
        if not self.dirty or self.view.is_signed:
            return True
        data = self.collect()
        if self.substance_page.parse_problems:
            self.show_errors(ValidationError(self.substance_page.parse_problems))
            return False

        def save(version: int) -> AssessmentView:
            return intake_drafts.save_draft(self.ctx.actor, self.view.id, data, row_version=version)

        saved = operations.run(
            self.ctx,
            self,  # type: ignore[arg-type]
            lambda: save(self.view.row_version),
            errors=self,
            conflict=operations.Conflict(
                reload=self._take_theirs, overwrite=lambda c: save(c.current_version)
            ),
        )
        if not saved:
            return False
        self.view = saved.result
        self.dirty = False
        self.save_label.setText(f"Draft saved at {formats.show_time(dt.datetime.now().time())}.")
        self._apply_state()
        return True
