"""The treatment plan editor window: composes its panels and runs the changes they ask for."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from PySide6.QtCore import Qt
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QGroupBox,
    QHBoxLayout,
    QSplitter,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from iopdesk.domain import plans as rules
from iopdesk.errors import ConflictError
from iopdesk.gui import operations, prompts
from iopdesk.gui.context import WindowContext
from iopdesk.gui.help import shortcuts as keys
from iopdesk.gui.plans.buttons import plan_button
from iopdesk.gui.plans.item_forms import HeaderForm
from iopdesk.gui.plans.item_panel import ItemPanel
from iopdesk.gui.plans.outline import PARENT, PlanOutline, key_of
from iopdesk.gui.plans.signatures import SignaturePanel, signing_question
from iopdesk.gui.plans.versions import VersionBar
from iopdesk.gui.widgets.window_size import keep_size
from iopdesk.services.plans import editing as plans_editing
from iopdesk.services.plans import records as plans
from iopdesk.services.plans import signing as plans_signing
from iopdesk.services.plans.library import insert_from_library
from iopdesk.services.plans.records import PlanDocument, PlanVersionRow

CLEARS_SIGNATURES = (
    "This plan is partly signed. Changing it clears the signatures already given; they sign "
    "again afterwards."
)
#: Asked before any change to a partly signed plan.
CLEARING = operations.Confirm("Signatures will be cleared", CLEARS_SIGNATURES, "Change it")


class PlanEditor(QWidget):
    """One plan version in a window of its own; frozen versions are read-only."""

    def __init__(self, ctx: WindowContext, plan_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        keep_size(self, ctx.actor.username)
        self.ctx = ctx
        self.setWindowFlag(Qt.WindowType.Window)
        self.resize(1200, 700)  # fits a 1366×768 screen with its taskbar
        # A refused read leaves the window unbuilt: whoever opens it shows why.
        self.doc: PlanDocument = plans.open_plan(ctx.actor, plan_id)
        versions = plans.plan_versions(ctx.actor, self.doc.client_id)
        self.header_dirty = False
        self.preview: QWidget | None = None
        self._build()
        self._show(self.doc, versions)
        keys.bind(self, keys.SAVE, self.save_typing)
        keys.bind(self, keys.PRINT, self.print_button)

    # --- layout ---------------------------------------------------------------------------

    def _build(self) -> None:
        outer = QVBoxLayout(self)
        self.version_bar = VersionBar()
        self.version_bar.chosen.connect(self._version_chosen)
        outer.addWidget(self.version_bar)

        split = QSplitter()
        left = QWidget()
        left_col = QVBoxLayout(left)
        header_box = QGroupBox("Plan header")
        hb = QVBoxLayout(header_box)
        self.header = HeaderForm()
        self.header.edited.connect(lambda: setattr(self, "header_dirty", True))
        hb.addWidget(self.header)
        self.save_header = plan_button("Save header", self.save_header_clicked)
        hb.addWidget(self.save_header)
        left_col.addWidget(header_box)
        self.signatures = SignaturePanel()
        self.signatures.sign_requested.connect(self.sign)
        left_col.addWidget(self.signatures)
        left_col.addStretch()
        split.addWidget(left)

        self.outline = PlanOutline()
        self.outline.tree.currentItemChanged.connect(self._selected)
        self.outline.add_requested.connect(self.start_new)
        self.outline.edit_requested.connect(self.edit_selected)
        self.outline.move_requested.connect(self.move)
        self.outline.remove_requested.connect(self.remove)
        self.outline.library_requested.connect(self.from_library)
        self.outline.suggest_requested.connect(self.suggested)
        split.addWidget(self.outline)

        self.items = ItemPanel()
        self.items.save_requested.connect(self.save_item_clicked)
        self.items.cancel_requested.connect(self.cancel_item_clicked)
        split.addWidget(self.items)
        split.setSizes([300, 560, 380])
        outer.addWidget(split, 1)

        bottom = QHBoxLayout()
        self.revise_button = plan_button("Revise", self.revise)
        self.review_button = plan_button("Review…", self.review)
        self.print_button = plan_button("Preview and print…", self.print_plan)
        self.close_button = plan_button("Close", self.close)
        bottom.addStretch()
        for b in (self.revise_button, self.review_button, self.print_button, self.close_button):
            bottom.addWidget(b)
        outer.addLayout(bottom)

        # The parts' widgets stay reachable under the names the window always had.
        self.banner, self.versions = self.version_bar.banner, self.version_bar.versions
        self.tree, self.add_buttons = self.outline.tree, self.outline.add_buttons
        self.forms, self.save_item = self.items.forms, self.items.save_item
        signatures = self.signatures
        self.sig_labels, self.sign_buttons = signatures.sig_labels, signatures.sign_buttons
        self.on_paper, self.sign_error = signatures.on_paper, signatures.sign_error

    # --- showing the plan -----------------------------------------------------------------

    def _show(
        self,
        doc: PlanDocument,
        versions: list[PlanVersionRow],
        select: tuple[str, int] | None = None,
    ) -> None:
        self.doc = doc
        editable = doc.editable
        self.setWindowTitle(f"Treatment plan — {doc.client_name} (version {doc.version})")
        self.version_bar.load(doc, versions)
        if not self.header_dirty:
            self.header.load(doc)
        self.header.set_read_only(not editable)
        self.save_header.setEnabled(editable)
        self.outline.set_editable(editable)
        self.revise_button.setEnabled(doc.status == rules.SIGNED)
        self.review_button.setEnabled(doc.status == rules.SIGNED)
        self.signatures.load(doc)
        self.outline.fill(doc, select)

    def selected(self) -> tuple[str, int] | None:
        """The selected plan item as (kind, id), or None."""
        return self.outline.selected()

    def _read(
        self, read: Callable[[], PlanDocument], select: tuple[str, int] | None = None
    ) -> None:
        """Show the plan version ``read`` gives (a refusal appears in a message box)."""
        actor, client_id = self.ctx.actor, self.doc.client_id
        outcome = operations.run(
            self.ctx,
            self,
            lambda: (read(), plans.plan_versions(actor, client_id)),
            title="Treatment plan",
        )
        if outcome:
            self._show(*outcome.result, select)

    def reload(self, select: tuple[str, int] | None = None) -> None:
        """Read the plan again after a change, keeping ``select`` selected."""
        self._read(lambda: plans.reload_plan(self.ctx.actor, self.doc.plan_id), select)

    # --- the item form --------------------------------------------------------------------

    def _selected(self, current: QTreeWidgetItem | None, previous: object = None) -> None:
        if current is None:
            return
        key = key_of(current)
        if self.items.mode == ("edit", *key):
            return
        if not self._settle_item():
            self.outline.select_quietly(previous)  # type: ignore[arg-type]
            return
        self._open_form("edit", key[0], key[1])

    def _open_form(self, mode: str, kind: str, ref: int) -> None:
        self.items.open(mode, kind, ref, self.doc)

    def _settle_item(self) -> bool:
        """Before leaving a typed-in form: save, discard or stay. True when it is safe to go."""
        if not self.items.dirty:
            return True
        answer = prompts.save_discard_cancel(
            self, "Unsaved item", "Save the changes to this item first?"
        )
        if answer == "save":
            return self.save_item_clicked()
        if answer == "discard":
            self.items.dirty = False
            return True
        return False

    def start_new(self, kind: str) -> None:
        """Open an empty form for a new item of ``kind`` under the right parent."""
        parent = self._parent_for(kind)
        if parent is None:
            prompts.inform(self, "Add", f"Select the {PARENT[kind]} the new {kind} belongs to.")
            return
        if self._settle_item():
            self._open_form("new", kind, parent)
            self.items.focus_first_field()

    def _parent_for(self, kind: str) -> int | None:
        if kind == "problem":
            return self.doc.plan_id
        return self.outline.ancestor(PARENT[kind])

    def edit_selected(self) -> None:
        """Open the selected item's form with the cursor in its first field (F2)."""
        key = self.selected()
        if key is not None:
            self._open_form("edit", *key)
            self.items.focus_first_field()

    def cancel_item_clicked(self) -> None:
        """Drop the typing: show the selected item as saved, or no form."""
        key = self.selected()
        if key is not None:
            self._open_form("edit", *key)
        else:
            self.items.close_form()

    def _clearing(self) -> operations.Confirm | None:
        """The question to ask before changing this version (None: nothing to lose)."""
        return CLEARING if self.doc.status == rules.PARTIALLY_SIGNED else None

    def save_item_clicked(self) -> bool:
        """Save the open form through the plan services; errors appear under their fields."""
        saved = self.items.save(self.ctx, self._clearing(), self._take_their_item)
        if saved is None:
            return False
        self.reload(saved)
        self._open_form("edit", *saved)
        return True

    def _take_their_item(self, _conflict: ConflictError) -> None:
        """Show the item as saved elsewhere; what was typed in its form is dropped."""
        if self.items.mode is not None:
            _, kind, item_id = self.items.mode
            self.items.dirty = False
            self.reload((kind, item_id))
            self._open_form("edit", kind, item_id)

    def _take_their_header(self, _conflict: ConflictError) -> None:
        """Show the header as saved elsewhere; what was typed in it is dropped."""
        self.header_dirty = False
        self.reload(self.selected())

    def _typed_header(self) -> bool:
        """Whether the header holds typing that is not saved yet."""
        if self.header_dirty and not self.header.differs_from(self.doc):
            self.header_dirty = False  # typed back to what is saved: nothing to save
        return self.header_dirty

    def save_header_clicked(self) -> bool:
        """Save the plan header; errors appear under their fields."""
        header, plan_id = self.header.value(), self.doc.plan_id
        saved = operations.run(
            self.ctx,
            self,
            lambda: plans.edit_header(self.ctx.actor, plan_id, header),
            errors=self.header,
            # Saving the header as it was changes nothing, so it clears no signature.
            confirm=self._clearing() if self.header.differs_from(self.doc) else None,
            conflict=operations.Conflict(
                reload=self._take_their_header,
                overwrite=lambda c: plans.edit_header(
                    self.ctx.actor, plan_id, replace(header, row_version=c.current_version)
                ),
            ),
        )
        if not saved:
            return False
        self.header_dirty = False
        self.reload(self.selected())
        return True

    def save_typing(self) -> None:
        """Ctrl+S: save the item form being typed in, then the header if it was changed."""
        if self.items.dirty and not self.save_item_clicked():
            return
        if self._typed_header():
            self.save_header_clicked()

    # --- structure ------------------------------------------------------------------------

    def move(self, direction: int) -> None:
        """Move the selected item up (-1) or down (+1) among its siblings."""
        key = self.selected()
        if key is None or not self.doc.editable:
            return
        moved = operations.run(
            self.ctx,
            self,
            lambda: plans_editing.move_item(self.ctx.actor, key[0], key[1], direction),
            confirm=self._clearing(),
            title="Move",
        )
        if moved:
            self.reload(key)
            self.tree.setFocus()

    def remove(self) -> None:
        """Remove the selected item and everything under it, once confirmed."""
        key = self.selected()
        if key is None or not self.doc.editable:
            return
        question = f"Remove this {key[0]} and everything under it from the plan?"
        if self._clearing():
            question += f" {CLEARS_SIGNATURES}"
        removed = operations.run(
            self.ctx,
            self,
            lambda: plans_editing.remove_item(self.ctx.actor, key[0], key[1]),
            confirm=operations.Confirm("Remove", question, "Remove"),
            title="Remove",
        )
        if removed:
            self.items.close_form()
            self.reload()

    def from_library(self) -> None:
        """Insert a copy of a library entry under the selection, to adapt."""
        from iopdesk.gui.plans.pickers import LibraryPicker

        kind = self.outline.child_kind()
        picker = LibraryPicker(self.ctx, kind, self)
        parent = self._parent_for(kind)
        if not picker.exec() or picker.chosen is None or parent is None:
            return
        chosen = picker.chosen
        added = operations.run(
            self.ctx,
            self,
            lambda: insert_from_library(self.ctx.actor, chosen, parent),
            confirm=self._clearing(),
            title="From library",
        )
        if added:
            self.reload((kind, added.result))

    def suggested(self) -> None:
        """Add the problems the intake suggests that the person ticks."""
        from iopdesk.gui.plans.pickers import SuggestionsDialog

        opened = operations.run(
            self.ctx,
            self,
            lambda: SuggestionsDialog(self.ctx, self.doc, self),
            title="Suggested problems",
        )
        if not opened:
            return
        dialog = opened.result
        # The dialog writes the ticked problems itself when accepted, so ask before it opens.
        clearing = self._clearing() if dialog.suggestions else None
        if clearing and not prompts.confirm(self, clearing.title, clearing.text, clearing.yes):
            dialog.deleteLater()
            return
        dialog.exec()
        if dialog.added:  # also those added before a refusal the person then cancelled
            self.reload(("problem", dialog.added[-1]))

    # --- signing, versions, printing ------------------------------------------------------

    def sign(self, role: str) -> None:
        """Record ``role``'s signature, saving a typed-in header first (signing itself never
        clears a signature: only a change to the content does)."""
        self.sign_error.clear()
        if self._typed_header() and not self.save_header_clicked():
            return
        on_paper = self.on_paper.isChecked()
        signed = operations.run(
            self.ctx,
            self,
            lambda: plans_signing.sign_plan(
                self.ctx.actor, self.doc.plan_id, role, on_paper=on_paper
            ),
            errors=self.sign_error.setText,
            confirm=signing_question(self.doc, role, on_paper),
        )
        if signed:
            self.reload(self.selected())

    def revise(self) -> None:
        """Make a new draft version from this signed one and show it."""
        revised = operations.run(
            self.ctx,
            self,
            lambda: plans_signing.revise_plan(self.ctx.actor, self.doc.plan_id),
            title="Revise",
        )
        if revised:
            self._read(lambda: plans.reload_plan(self.ctx.actor, revised.result))

    def _version_chosen(self, plan_id: int) -> None:
        if self._settle_all():
            self.header_dirty = False
            self.items.close_form()
            self._read(lambda: plans.open_plan(self.ctx.actor, plan_id))

    def review(self) -> None:
        """Record a review of this signed version (which may start a revision)."""
        from iopdesk.gui.plans.review_dialog import ReviewDialog

        dialog = ReviewDialog(self.ctx, self.doc, self)
        if dialog.exec():
            target = (dialog.outcome.new_plan_id if dialog.outcome else None) or self.doc.plan_id
            self._read(lambda: plans.reload_plan(self.ctx.actor, target))

    def print_plan(self) -> None:
        """Open the print preview of this version."""
        from iopdesk.gui.plans.preview import PlanPreview

        opened = operations.run(
            self.ctx,
            self,
            lambda: PlanPreview(self.ctx, self.doc.plan_id, self),
            title="Preview and print",
        )
        if opened:
            self.preview = opened.result
            self.preview.show()

    def _settle_all(self) -> bool:
        if not self._settle_item():
            return False
        if self._typed_header():
            answer = prompts.save_discard_cancel(
                self, "Unsaved header", "Save the changes to the plan header?"
            )
            if answer == "save":
                return self.save_header_clicked()
            if answer == "cancel":
                return False
            self.header_dirty = False
        return True

    def closeEvent(self, event: QCloseEvent) -> None:
        """Closing asks about unsaved typing first; Cancel keeps the window open."""
        if self._settle_all():
            event.accept()
        else:
            event.ignore()
