"""The intake assessment window: a step list, the form pages, autosave, signing and printing."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QCloseEvent, QHideEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from iopdesk.domain import formats
from iopdesk.domain.intake import SECTIONS, STEPS, AssessmentData, justification_reasons
from iopdesk.gui import operations, prompts
from iopdesk.gui.clients.safety_banner import SafetyBanner
from iopdesk.gui.context import WindowContext
from iopdesk.gui.forms import name_button
from iopdesk.gui.intake.autosave import DraftAutosave
from iopdesk.gui.intake.decision_pages import AsamPage, DecisionPage, SuitabilityPage
from iopdesk.gui.intake.pages import Page, ScreeningsPage, SubstancePage
from iopdesk.gui.intake.steps import ADDENDA, StepList, build_pages
from iopdesk.gui.intake.teds_page import TedsPage
from iopdesk.gui.saving import write_document
from iopdesk.services.intake import assessments as intake
from iopdesk.services.intake import printing as intake_print
from iopdesk.services.intake import signing as intake_signing
from iopdesk.services.intake.assessments import AssessmentView


class AssessmentWindow(DraftAutosave, QWidget):
    """One client's intake: move through the steps in any order; every change is autosaved."""

    def __init__(self, ctx: WindowContext, assessment_id: int, parent: QWidget | None = None):
        super().__init__(parent, Qt.WindowType.Window)
        self.ctx = ctx
        self.view: AssessmentView = intake.get_assessment(ctx.actor, assessment_id)
        self._loading = False
        self._read_only: bool | None = None
        self._start_autosave()
        self._build()
        self._load(self.view)
        self.resize(1200, 700)  # fits a 1366×768 screen with its taskbar
        self._hidden_with_owner = False
        if parent is not None:
            # Child windows outlive their owner's hide(): follow the chart window so the idle
            # lock hides this one too, and ask before the chart closes over unsaved typing.
            parent.window().installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind == QEvent.Type.Hide and self.isVisible():
            self._hidden_with_owner = True
            self.hide()
        elif kind == QEvent.Type.Show and self._hidden_with_owner:
            self._hidden_with_owner = False
            self.show()
        elif kind == QEvent.Type.Close and self.isVisible() and not self.close():
            event.ignore()
            return True
        return False

    # --- building -------------------------------------------------------------------------

    def _build(self) -> None:
        v = self.view
        self.setWindowTitle(f"Intake assessment — {v.client_name} ({v.record_number})")
        outer = QVBoxLayout(self)
        self.client_label = QLabel(
            f"<b>{_html(v.client_name)}</b>"
            + (f" ({_html(v.preferred_name)})" if v.preferred_name else "")
            + f" · {v.record_number} · born {formats.show_date(v.date_of_birth)}"
        )
        self.client_label.setAccessibleName("Client")
        self.state_label = QLabel()
        self.state_label.setAccessibleName("Assessment status")
        self.state_label.setWordWrap(True)
        who = QVBoxLayout()
        who.addWidget(self.client_label)
        who.addWidget(self.state_label)
        top = QHBoxLayout()
        top.addLayout(who, 1)
        # Beside who and what this is; its room is kept while hidden, so answering PHQ-9
        # item 9 never moves the page.
        self.safety = SafetyBanner(self.ctx, v.client_id)
        self.safety.followed_up.connect(self._reread)
        top.addWidget(self.safety)
        outer.addLayout(top)
        splitter = QSplitter()
        self.steps = StepList()
        self.pages: dict[str, Page] = {}
        for key, page in build_pages(v.sex).items():
            self._add_step(key, STEPS[key], page)
        self.addenda_page = Page("Addenda")
        self.addenda_text = QPlainTextEdit()
        self.addenda_text.setReadOnly(True)
        self.addenda_text.setAccessibleName("Addenda")
        self.addenda_page.layout_.addWidget(self.addenda_text, 1)
        splitter.addWidget(self.steps)
        splitter.addWidget(self.steps.stack)
        splitter.setStretchFactor(1, 1)
        outer.addWidget(splitter, 1)
        bar = QHBoxLayout()
        # Step by step without the mouse: Alt+Left and Alt+Right, as in a web browser.
        self.previous_button = name_button(QPushButton("&Previous step"))
        self.previous_button.setIcon(self.style().standardIcon(QStyle.StandardPixmap.SP_ArrowBack))
        self.previous_button.clicked.connect(lambda: self._step_by(-1))
        self.next_button = name_button(QPushButton("&Next step"))
        self.next_button.setIcon(self.style().standardIcon(QStyle.StandardPixmap.SP_ArrowForward))
        self.next_button.setLayoutDirection(Qt.LayoutDirection.RightToLeft)  # the arrow after
        self.next_button.clicked.connect(lambda: self._step_by(1))
        for button, key in ((self.previous_button, "Alt+Left"), (self.next_button, "Alt+Right")):
            QShortcut(QKeySequence(key), self, activated=button.click)
            button.setToolTip(f"{button.accessibleName()} ({key})")
        self.steps.currentRowChanged.connect(self._steps_moved)
        bar.addWidget(self.previous_button)
        bar.addWidget(self.next_button)
        self.save_label = QLabel()
        self.save_label.setAccessibleName("Save status")
        bar.addWidget(self.save_label, 1)
        self.sign_button = name_button(QPushButton("Sign assessment"))
        self.sign_button.clicked.connect(self.sign)
        self.addendum_button = name_button(QPushButton("Add addendum"))
        self.addendum_button.clicked.connect(self.add_addendum)
        self.print_button = name_button(QPushButton("Print summary"))
        self.print_button.clicked.connect(self.print_summary)
        self.close_button = name_button(QPushButton("Close"))
        self.close_button.clicked.connect(self.close)
        for button in (self.sign_button, self.addendum_button, self.print_button):
            bar.addWidget(button)
        bar.addWidget(self.close_button)
        outer.addLayout(bar)
        self.steps.setCurrentRow(0)

    def _step_by(self, offset: int) -> None:
        """Go to the step before or after this one."""
        row = self.steps.currentRow() + offset
        if 0 <= row < self.steps.count():
            self.steps.setCurrentRow(row)

    def _steps_moved(self, row: int) -> None:
        self.previous_button.setEnabled(row > 0)
        self.next_button.setEnabled(row < self.steps.count() - 1)

    def _add_step(self, key: str, title: str, page: Page) -> None:
        self.pages[key] = page
        page.changed.connect(self._changed)
        self.steps.add_step(key, title, page)

    def step_item(self, key: str) -> QListWidgetItem:
        """The step list entry of one step (its text carries the done/missing mark)."""
        return self.steps.item_for(key)

    def show_step(self, key: str) -> Page:
        """Go to a step (as clicking it in the list does) and return its page."""
        self.steps.go_to(key)
        return self.pages.get(key, self.addenda_page)

    # --- data in and out ------------------------------------------------------------------

    def _load(self, view: AssessmentView) -> None:
        self._loading = True
        data = view.data
        for key in SECTIONS:
            self.pages[key].set_value(data.sections.get(key, ""))  # type: ignore[attr-defined]
        self.substance_page.set_rows(data.substances)
        self.screenings_page.set_answers(dict(data.screenings))
        self.asam_page.set_entries(dict(data.asam))
        self.suitability_page.set_entries(dict(data.suitability))
        self.decision_page.fill(data)
        self.teds_page.set_answers(dict(data.teds))
        self._loading = False
        self._apply_state()

    @property
    def substance_page(self) -> SubstancePage:
        return self.pages["substance_use"]  # type: ignore[return-value]

    @property
    def screenings_page(self) -> ScreeningsPage:
        return self.pages["screenings"]  # type: ignore[return-value]

    @property
    def asam_page(self) -> AsamPage:
        return self.pages["asam"]  # type: ignore[return-value]

    @property
    def suitability_page(self) -> SuitabilityPage:
        return self.pages["suitability"]  # type: ignore[return-value]

    @property
    def teds_page(self) -> TedsPage:
        return self.pages["state_reporting"]  # type: ignore[return-value]

    @property
    def decision_page(self) -> DecisionPage:
        return self.pages["decision"]  # type: ignore[return-value]

    def collect(self) -> AssessmentData:
        """The form's content as plain data (what autosave sends)."""
        d = self.decision_page
        return AssessmentData(
            sections={key: self.pages[key].value() for key in SECTIONS},  # type: ignore[attr-defined]
            substances=self.substance_page.rows(),
            screenings=self.screenings_page.answers(),
            asam=self.asam_page.entries(),
            suitability=self.suitability_page.entries(),
            level_of_care=d.level.currentData() or "",
            rationale=d.rationale.toPlainText(),
            justification=d.justification.toPlainText(),
            teds=self.teds_page.answers(),
        )

    def _apply_state(self) -> None:
        v = self.view
        signed = v.is_signed
        if self._read_only is not signed:  # only on a change: Qt setters are not free
            self._read_only = signed
            for page in self.pages.values():
                page.set_read_only(signed)
        if signed:
            self.state_label.setText(
                f"Signed by {v.signed_by} on {formats.show_moment(v.signed_at)}. "
                "The signed text is "
                "read-only; add a dated addendum for corrections."
            )
            self.save_label.setText("")
            if self.steps.count() == len(STEPS):
                self._add_step(ADDENDA, "Addenda", self.addenda_page)
                self._steps_moved(self.steps.currentRow())
            self.addenda_text.setPlainText(
                "\n\n".join(
                    f"{formats.show_moment(a.written_at)} — {a.written_by}\n{a.text}"
                    for a in v.addenda
                )
                or "No addenda."
            )
        else:
            self.state_label.setText(
                f"Draft started {formats.show_date(v.created_at)} by {v.created_by}. "
                "Saved automatically."
            )
        self.sign_button.setVisible(not signed)
        self.addendum_button.setVisible(signed)
        self.print_button.setEnabled(signed)
        self.print_button.setToolTip("" if signed else "Sign the assessment to print its summary.")
        waiting = any(s.needs_follow_up for s in v.screenings.values())
        self.safety.show_flag(
            "PHQ-9 item 9 was answered above zero: record the safety follow-up." if waiting else ""
        )
        self._update_marks()

    def _reread(self) -> None:
        """Show the assessment as it now stands (after an addendum or a safety follow-up)."""
        read = operations.run(
            self.ctx,
            self,
            lambda: intake.get_assessment(self.ctx.actor, self.view.id),
            errors=self.save_label.setText,
        )
        if read:
            self.view = read.result
            self._apply_state()

    def _update_marks(self) -> None:
        data = self.collect()
        self.decision_page.show_reasons(justification_reasons(data))
        self.steps.update_marks(data, self._errors, len(self.view.addenda))

    # --- closing --------------------------------------------------------------------------

    def hideEvent(self, event: QHideEvent) -> None:
        # The idle lock hides windows: what was typed is saved before anyone else sits down.
        self.save_now()
        super().hideEvent(event)

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.save_now():
            event.accept()
            return
        answer = prompts.save_discard_cancel(
            self,
            "Unsaved changes",
            "The last changes to this draft could not be saved: "
            f"{self.save_label.text()} Close anyway and lose them?",
        )
        if answer == "discard":
            self.dirty = False
            event.accept()
        else:
            event.ignore()

    # --- signing, addenda, printing -------------------------------------------------------

    def sign(self) -> None:
        if not self.save_now():
            prompts.error(
                self, "Cannot sign", "Fix the marked fields first; the draft is not saved."
            )
            return
        if self.view.missing:
            prompts.error(
                self,
                "Cannot sign yet",
                "Complete these before signing:\n• " + "\n• ".join(self.view.missing),
            )
            return
        signed = operations.run(
            self.ctx,
            self,
            lambda: intake_signing.sign_assessment(self.ctx.actor, self.view.id),
            confirm=operations.Confirm(
                "Sign assessment",
                "Sign this intake assessment now? A signed assessment cannot be changed; later "
                "corrections are added as dated addenda.",
                "Sign",
            ),
            title="Cannot sign",
        )
        if signed:
            self.view = signed.result
            self._apply_state()

    def add_addendum(self) -> None:
        text = prompts.ask_text(self, "Add addendum", "Addendum (dated and signed with your name):")
        if text is None:
            return
        added = operations.run(
            self.ctx,
            self,
            lambda: intake_signing.add_addendum(self.ctx.actor, self.view.id, text),
            title="Addendum not added",
        )
        if added:
            self._reread()

    def print_summary(self) -> None:
        read = operations.run(
            self.ctx,
            self,
            lambda: intake_print.print_intake_summary(self.ctx.actor, self.view.id),
            title="Cannot print",
        )
        if not read:
            return
        printout = read.result
        path = prompts.save_file(
            self, "Save intake summary", printout.file_name, "PDF files (*.pdf)"
        )
        if path and operations.run(
            self.ctx,
            self,
            lambda: write_document(path, printout.content),
            title="Cannot save the PDF",
        ):
            prompts.inform(self, "Summary saved", f"The intake summary was saved to {path}.")


def _html(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
