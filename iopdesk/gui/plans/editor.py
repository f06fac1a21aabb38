"""The treatment plan editor: header, the problem -> goal -> objective -> intervention tree,
the form for the selected item, signatures, versions, revise, review and print."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from iopdesk.domain import plans as rules
from iopdesk.domain.plan_document import PlanDocument
from iopdesk.errors import DomainError
from iopdesk.gui import prompts
from iopdesk.gui.context import WindowContext
from iopdesk.gui.forms import name_button
from iopdesk.gui.plans.item_forms import (
    GoalForm,
    HeaderForm,
    InterventionForm,
    ObjectiveForm,
    ProblemForm,
    WatchedForm,
)
from iopdesk.services import plans, plans_editing, plans_signing
from iopdesk.services.plans_library import insert_from_library

CHILD = {"plan": "problem", "problem": "goal", "goal": "objective", "objective": "intervention"}
PARENT = {v: k for k, v in CHILD.items()}
ROLE = Qt.ItemDataRole.UserRole


def _button(text: str, slot: object) -> QPushButton:
    button = QPushButton(text)
    name_button(button)
    button.clicked.connect(slot)
    return button


class PlanEditor(QWidget):
    """One plan version in a window of its own; frozen versions are read-only."""

    def __init__(self, ctx: WindowContext, plan_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setWindowFlag(Qt.WindowType.Window)
        self.resize(1200, 780)
        self.doc: PlanDocument = plans.open_plan(ctx.actor, plan_id)
        self.mode: tuple[str, str, int] | None = None  # ("edit"|"new", kind, id or parent id)
        self.dirty = False
        self.header_dirty = False
        self.preview = None
        self._build()
        self._show(self.doc)

    # --- layout ---------------------------------------------------------------------------

    def _build(self) -> None:
        outer = QVBoxLayout(self)
        top = QHBoxLayout()
        self.title = QLabel()
        self.title.setObjectName("heading")
        top.addWidget(self.title, 1)
        top.addWidget(QLabel("Version:"))
        self.versions = QComboBox()
        self.versions.setAccessibleName("Version")
        self.versions.activated.connect(self._version_chosen)
        top.addWidget(self.versions)
        outer.addLayout(top)
        self.banner = QLabel()
        self.banner.setObjectName("statusBanner")
        self.banner.setWordWrap(True)
        outer.addWidget(self.banner)

        split = QSplitter()
        left = QWidget()
        left_col = QVBoxLayout(left)
        header_box = QGroupBox("Plan header")
        hb = QVBoxLayout(header_box)
        self.header = HeaderForm()
        self.header.edited.connect(lambda: setattr(self, "header_dirty", True))
        hb.addWidget(self.header)
        self.save_header = _button("Save header", self.save_header_clicked)
        hb.addWidget(self.save_header)
        left_col.addWidget(header_box)
        left_col.addWidget(self._signature_box())
        left_col.addStretch()
        split.addWidget(left)

        middle = QWidget()
        mid = QVBoxLayout(middle)
        self.tree = QTreeWidget()
        self.tree.setAccessibleName("Plan contents")
        self.tree.setHeaderLabels(["Problem, goal, objective, intervention", "Target", "Status"])
        header = self.tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column in (1, 2):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.tree.currentItemChanged.connect(self._selected)
        mid.addWidget(self.tree, 1)
        grid = QGridLayout()
        self.add_buttons = {
            kind: _button(f"Add {kind}", lambda _=False, k=kind: self.start_new(k))
            for kind in ("problem", "goal", "objective", "intervention")
        }
        for n, button in enumerate(self.add_buttons.values()):
            grid.addWidget(button, 0, n)
        self.library_button = _button("From library…", self.from_library)
        self.suggest_button = _button("Suggested problems…", self.suggested)
        self.up_button = _button("Move up", lambda: self.move(-1))
        self.down_button = _button("Move down", lambda: self.move(1))
        self.remove_button = _button("Remove", self.remove)
        for n, b in enumerate(
            (
                self.library_button,
                self.suggest_button,
                self.up_button,
                self.down_button,
                self.remove_button,
            )
        ):
            grid.addWidget(b, 1, n)
        mid.addLayout(grid)
        keys = QLabel(
            "Keys: Insert adds under the selected item, Enter adds another of "
            "the same kind, F2 edits, Ctrl+Up/Down moves, Delete removes."
        )
        keys.setWordWrap(True)
        mid.addWidget(keys)
        split.addWidget(middle)

        right = QWidget()
        right_col = QVBoxLayout(right)
        self.item_caption = QLabel("Select an item to edit it, or add one.")
        self.item_caption.setWordWrap(True)
        right_col.addWidget(self.item_caption)
        self.forms: dict[str, WatchedForm] = {
            "problem": ProblemForm(),
            "goal": GoalForm(),
            "objective": ObjectiveForm(),
            "intervention": InterventionForm(),
        }
        self.stack = QStackedWidget()
        self.stack.addWidget(QWidget())
        for form in self.forms.values():
            form.edited.connect(lambda: setattr(self, "dirty", True))
            self.stack.addWidget(form)
        right_col.addWidget(self.stack)
        row = QHBoxLayout()
        self.save_item = _button("Save item", self.save_item_clicked)
        self.cancel_item = _button("Cancel", self.cancel_item_clicked)
        row.addWidget(self.save_item)
        row.addWidget(self.cancel_item)
        right_col.addLayout(row)
        right_col.addStretch()
        self.save_item.setEnabled(False)
        self.cancel_item.setEnabled(False)
        split.addWidget(right)
        split.setSizes([300, 560, 380])
        outer.addWidget(split, 1)

        bottom = QHBoxLayout()
        self.revise_button = _button("Revise", self.revise)
        self.review_button = _button("Review…", self.review)
        self.print_button = _button("Preview and print…", self.print_plan)
        self.close_button = _button("Close", self.close)
        bottom.addStretch()
        for b in (self.revise_button, self.review_button, self.print_button, self.close_button):
            bottom.addWidget(b)
        outer.addLayout(bottom)

        self.tree.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """The tree's keys: Ctrl+Up/Down move, Insert adds under, Enter adds beside, F2 edits,
        Delete removes."""
        if watched is self.tree and event.type() == QEvent.Type.KeyPress:
            key, mods = event.key(), event.modifiers()  # type: ignore[attr-defined]
            ctrl = bool(mods & Qt.KeyboardModifier.ControlModifier)
            action = {
                (Qt.Key.Key_Up, True): lambda: self.move(-1),
                (Qt.Key.Key_Down, True): lambda: self.move(1),
                (Qt.Key.Key_Insert, False): self.add_child,
                (Qt.Key.Key_Return, False): self.add_sibling,
                (Qt.Key.Key_Enter, False): self.add_sibling,
                (Qt.Key.Key_F2, False): self.edit_selected,
                (Qt.Key.Key_Delete, False): self.remove,
            }.get((key, ctrl))
            if action is not None:
                action()
                return True
        return super().eventFilter(watched, event)

    def _signature_box(self) -> QGroupBox:
        box = QGroupBox("Signatures")
        grid = QGridLayout(box)
        self.sig_labels: dict[str, QLabel] = {}
        self.sign_buttons: dict[str, QPushButton] = {}
        texts = {
            "client": "Record client signature",
            "counselor": "Sign as counselor",
            "supervisor": "Sign as supervisor",
        }
        for n, (role, label) in enumerate(rules.SIGNATURE_ROLES.items()):
            caption = QLabel(f"<b>{label}</b>")
            grid.addWidget(caption, 2 * n, 0)
            self.sig_labels[role] = QLabel()
            self.sig_labels[role].setAccessibleName(f"{label} signature")
            self.sig_labels[role].setWordWrap(True)
            grid.addWidget(self.sig_labels[role], 2 * n + 1, 0, 1, 2)
            self.sign_buttons[role] = _button(texts[role], lambda _=False, r=role: self.sign(r))
            grid.addWidget(self.sign_buttons[role], 2 * n, 1)
            if role == "client":
                self.on_paper = QCheckBox("Client signed on paper")
                self.on_paper.setAccessibleName("Client signed on paper")
                grid.addWidget(self.on_paper, 2 * n + 1, 1)
        self.sign_error = QLabel()
        self.sign_error.setObjectName("fieldError")
        self.sign_error.setWordWrap(True)
        self.sign_error.setAccessibleName("Signature error")
        grid.addWidget(self.sign_error, 6, 0, 1, 2)
        return box

    # --- showing the plan -----------------------------------------------------------------

    def _show(self, doc: PlanDocument, select: tuple[str, int] | None = None) -> None:
        self.doc = doc
        editable = doc.editable
        self.setWindowTitle(f"Treatment plan — {doc.client_name} (version {doc.version})")
        self.title.setText(
            f"{doc.client_name} · {doc.record_number} · version {doc.version}, "
            f"{doc.status_label.lower()}"
        )
        if doc.status == rules.SIGNED:
            self.banner.setText(
                "This version is signed and frozen. To change it, press Revise: "
                "a new version is made and this one stays readable."
            )
        elif doc.status == rules.SUPERSEDED:
            self.banner.setText(
                "A newer version has replaced this one; it is kept for the "
                "record and can still be printed."
            )
        elif doc.status == rules.PARTIALLY_SIGNED:
            self.banner.setText(
                "Partly signed. Changing the plan now clears the signatures already given."
            )
        else:
            self.banner.setText(
                "Draft: write the plan with the client, then collect the signatures."
            )
        self.versions.clear()
        rows = plans.plan_versions(self.ctx.actor, doc.client_id)
        episodes = {r.episode_number for r in rows}
        for row in rows:
            where = f" (episode {row.episode_number})" if len(episodes) > 1 else ""
            self.versions.addItem(f"{row.version} — {row.status_label}{where}", row.plan_id)
        self.versions.setCurrentIndex(max(0, self.versions.findData(doc.plan_id)))
        if not self.header_dirty:
            self.header.load(doc)
        self.header.set_read_only(not editable)
        self.save_header.setEnabled(editable)
        for b in (
            *self.add_buttons.values(),
            self.library_button,
            self.suggest_button,
            self.up_button,
            self.down_button,
            self.remove_button,
        ):
            b.setEnabled(editable)
        self.revise_button.setEnabled(doc.status == rules.SIGNED)
        self.review_button.setEnabled(doc.status == rules.SIGNED)
        for role, label in self.sig_labels.items():
            sig = doc.signature(role)
            if sig is None:
                label.setText("Not signed yet.")
            else:
                paper = " (on paper)" if sig.on_paper else ""
                label.setText(f"{sig.name}, {sig.signed_on.isoformat()}{paper}")
            self.sign_buttons[role].setEnabled(editable and sig is None)
            self.sign_buttons[role].setVisible(sig is None)
        self.on_paper.setVisible(doc.signature("client") is None)
        self._fill_tree(select)

    def _fill_tree(self, select: tuple[str, int] | None) -> None:
        self.tree.blockSignals(True)
        self.tree.clear()
        chosen = None
        for p in self.doc.problems:
            dim = f" [ASAM {p.asam_dimension}]" if p.asam_dimension else ""
            pi = self._item(self.tree, "problem", p.id, f"Problem {p.number}: {p.statement}{dim}")
            for g in p.goals:
                gi = self._item(pi, "goal", g.id, f"Goal {p.number}{g.letter}: “{g.text}”")
                for o in g.objectives:
                    oi = self._item(
                        gi,
                        "objective",
                        o.id,
                        f"{o.number} {o.text}",
                        o.target_date.isoformat(),
                        o.status_label,
                    )
                    for i in o.interventions:
                        text = f"{rules.MODALITIES.get(i.modality, i.modality)} · {i.approach}"
                        text += f" — {i.frequency}" + (
                            f" — {i.responsible_name}" if i.responsible_name else ""
                        )
                        self._item(oi, "intervention", i.id, text)
        self.tree.expandAll()
        it = self._find(select) if select else None
        if it is not None:
            chosen = it
        self.tree.blockSignals(False)
        if chosen is not None:
            self.tree.setCurrentItem(chosen)

    def _item(self, parent: object, kind: str, item_id: int, *texts: str) -> QTreeWidgetItem:
        item = QTreeWidgetItem(parent, [" ".join(t.split()) for t in texts])  # type: ignore[arg-type]
        item.setData(0, ROLE, (kind, item_id))
        item.setToolTip(0, texts[0])
        return item

    def _find(self, key: tuple[str, int]) -> QTreeWidgetItem | None:
        stack = [self.tree.topLevelItem(i) for i in range(self.tree.topLevelItemCount())]
        while stack:
            item = stack.pop()
            if tuple(item.data(0, ROLE)) == tuple(key):
                return item
            stack += [item.child(i) for i in range(item.childCount())]
        return None

    def selected(self) -> tuple[str, int] | None:
        item = self.tree.currentItem()
        return tuple(item.data(0, ROLE)) if item is not None else None  # type: ignore[return-value]

    def _view(self, kind: str, item_id: int) -> object | None:
        for p in self.doc.problems:
            if kind == "problem" and p.id == item_id:
                return p
            for g in p.goals:
                if kind == "goal" and g.id == item_id:
                    return g
                for o in g.objectives:
                    if kind == "objective" and o.id == item_id:
                        return o
                    for i in o.interventions:
                        if kind == "intervention" and i.id == item_id:
                            return i
        return None

    def reload(self, select: tuple[str, int] | None = None) -> None:
        self._show(plans.reload_plan(self.ctx.actor, self.doc.plan_id), select)
        self.ctx.hub.clinical_changed.emit(self.doc.client_id)

    # --- the item form --------------------------------------------------------------------

    def _selected(self, current: QTreeWidgetItem | None, previous: object = None) -> None:
        if current is None:
            return
        key = tuple(current.data(0, ROLE))
        if self.mode == ("edit", *key):
            return
        if not self._settle_item():
            self.tree.blockSignals(True)
            self.tree.setCurrentItem(previous)  # type: ignore[arg-type]
            self.tree.blockSignals(False)
            return
        self._open_form("edit", key[0], key[1])

    def _open_form(self, mode: str, kind: str, ref: int) -> None:
        form = self.forms[kind]
        view = self._view(kind, ref) if mode == "edit" else None
        form.load(view, max(self.doc.start_date, self.doc.printed_on))  # type: ignore[arg-type]
        form.clear_errors()
        form.set_read_only(not self.doc.editable)
        self.stack.setCurrentWidget(form)
        self.mode = (mode, kind, ref)
        self.dirty = False
        if mode == "new":
            self.item_caption.setText(f"New {kind}: fill it in and press Save item.")
        else:
            self.item_caption.setText(
                f"{kind.title()} (edit and press Save item)."
                if self.doc.editable
                else f"{kind.title()} (read-only)."
            )
        self.save_item.setEnabled(self.doc.editable)
        self.cancel_item.setEnabled(True)

    def _settle_item(self) -> bool:
        """Before leaving a typed-in form: save, discard or stay. True when it is safe to go."""
        if not self.dirty:
            return True
        answer = prompts.save_discard_cancel(
            self, "Unsaved item", "Save the changes to this item first?"
        )
        if answer == "save":
            return self.save_item_clicked()
        if answer == "discard":
            self.dirty = False
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
            first = next(iter(self.forms[kind].fields.values()))
            first.setFocus()

    def _parent_for(self, kind: str) -> int | None:
        if kind == "problem":
            return self.doc.plan_id
        want = PARENT[kind]
        item = self.tree.currentItem()
        while item is not None:
            k, ref = item.data(0, ROLE)
            if k == want:
                return ref
            item = item.parent()
        return None

    def add_child(self) -> None:
        key = self.selected()
        if key is None or key[0] == "intervention":
            self.start_new("problem" if key is None else "intervention")
        else:
            self.start_new(CHILD[key[0]])

    def add_sibling(self) -> None:
        key = self.selected()
        self.start_new(key[0] if key else "problem")

    def edit_selected(self) -> None:
        key = self.selected()
        if key is not None:
            self._open_form("edit", *key)
            next(iter(self.forms[key[0]].fields.values())).setFocus()

    def cancel_item_clicked(self) -> None:
        self.dirty = False
        key = self.selected()
        if key is not None:
            self._open_form("edit", *key)
        else:
            self.stack.setCurrentIndex(0)
            self.mode = None

    def _may_change(self) -> bool:
        if self.doc.status != rules.PARTIALLY_SIGNED:
            return True
        return prompts.confirm(
            self,
            "Signatures will be cleared",
            "This plan is partly signed. Changing it clears the signatures "
            "already given; they sign again afterwards.",
            "Change it",
        )

    def save_item_clicked(self) -> bool:
        """Save the open form through the plan services; errors appear under their fields."""
        if self.mode is None or not self._may_change():
            return False
        mode, kind, ref = self.mode
        form = self.forms[kind]
        actor = self.ctx.actor
        try:
            if kind == "problem":
                statement, dim = form.values()  # type: ignore[attr-defined]
                if mode == "new":
                    ref = plans_editing.add_problem(actor, ref, statement, dim)
                else:
                    plans_editing.edit_problem(actor, ref, statement, dim)
            elif kind == "goal":
                call = plans_editing.add_goal if mode == "new" else plans_editing.edit_goal
                result = call(actor, ref, form.values())  # type: ignore[attr-defined]
                ref = result if mode == "new" else ref
            elif kind == "objective":
                call = (
                    plans_editing.add_objective if mode == "new" else plans_editing.edit_objective
                )
                result = call(actor, ref, form.values())  # type: ignore[attr-defined]
                ref = result if mode == "new" else ref
            else:
                call = (
                    plans_editing.add_intervention
                    if mode == "new"
                    else plans_editing.edit_intervention
                )
                result = call(actor, ref, form.values())  # type: ignore[attr-defined]
                ref = result if mode == "new" else ref
        except DomainError as exc:
            form.show_errors(exc)
            return False
        self.dirty = False
        self.mode = ("edit", kind, ref)
        self.reload((kind, ref))
        self._open_form("edit", kind, ref)
        return True

    def save_header_clicked(self) -> bool:
        if not self._may_change():
            return False
        try:
            plans.edit_header(self.ctx.actor, self.doc.plan_id, self.header.value())
        except DomainError as exc:
            self.header.show_errors(exc)
            return False
        self.header_dirty = False
        self.header.clear_errors()
        self.reload(self.selected())
        return True

    # --- structure ------------------------------------------------------------------------

    def move(self, direction: int) -> None:
        key = self.selected()
        if key is None or not self.doc.editable or not self._may_change():
            return
        try:
            plans_editing.move_item(self.ctx.actor, key[0], key[1], direction)
        except DomainError as exc:
            prompts.error(self, "Move", exc.message)
            return
        self.reload(key)
        self.tree.setFocus()

    def remove(self) -> None:
        key = self.selected()
        if key is None or not self.doc.editable:
            return
        if not prompts.confirm(
            self, "Remove", f"Remove this {key[0]} and everything under it from the plan?", "Remove"
        ):
            return
        if not self._may_change():
            return
        try:
            plans_editing.remove_item(self.ctx.actor, key[0], key[1])
        except DomainError as exc:
            prompts.error(self, "Remove", exc.message)
            return
        self.dirty = False
        self.mode = None
        self.stack.setCurrentIndex(0)
        self.reload()

    def from_library(self) -> None:
        from iopdesk.gui.plans.pickers import LibraryPicker

        key = self.selected()
        kind = CHILD[key[0]] if key and key[0] != "intervention" else "problem"
        if key and key[0] == "intervention":
            kind = "intervention"
        picker = LibraryPicker(self.ctx, kind, self)
        if picker.exec() and picker.chosen is not None:
            parent = self._parent_for(kind) if kind != "problem" else self.doc.plan_id
            if parent is None or not self._may_change():
                return
            try:
                new_id = insert_from_library(self.ctx.actor, picker.chosen, parent)
            except DomainError as exc:
                prompts.error(self, "From library", exc.message)
                return
            self.reload((kind, new_id))

    def suggested(self) -> None:
        from iopdesk.gui.plans.pickers import SuggestionsDialog

        dialog = SuggestionsDialog(self.ctx, self.doc, self)
        if dialog.exec() and dialog.added:
            self.reload(("problem", dialog.added[-1]))

    # --- signing, versions, printing ------------------------------------------------------

    def sign(self, role: str) -> None:
        self.sign_error.clear()
        if self.header_dirty and not self.save_header_clicked():
            return
        try:
            plans_signing.sign_plan(
                self.ctx.actor, self.doc.plan_id, role, on_paper=self.on_paper.isChecked()
            )
        except DomainError as exc:
            self.sign_error.setText(exc.message)
            return
        self.reload(self.selected())

    def revise(self) -> None:
        try:
            new_id = plans_signing.revise_plan(self.ctx.actor, self.doc.plan_id)
        except DomainError as exc:
            prompts.error(self, "Revise", exc.message)
            return
        self._show(plans.reload_plan(self.ctx.actor, new_id))
        self.ctx.hub.clinical_changed.emit(self.doc.client_id)

    def _version_chosen(self) -> None:
        plan_id = self.versions.currentData()
        if plan_id and plan_id != self.doc.plan_id and self._settle_all():
            self.header_dirty = False
            self.mode = None
            self.stack.setCurrentIndex(0)
            self._show(plans.open_plan(self.ctx.actor, plan_id))

    def review(self) -> None:
        from iopdesk.gui.plans.review_dialog import ReviewDialog

        dialog = ReviewDialog(self.ctx, self.doc, self)
        if dialog.exec():
            target = dialog.outcome.new_plan_id if dialog.outcome else None
            self._show(plans.reload_plan(self.ctx.actor, target or self.doc.plan_id))
            self.ctx.hub.clinical_changed.emit(self.doc.client_id)

    def print_plan(self) -> None:
        from iopdesk.gui.plans.preview import PlanPreview

        self.preview = PlanPreview(self.ctx, self.doc.plan_id, self)
        self.preview.show()

    def _settle_all(self) -> bool:
        if not self._settle_item():
            return False
        if self.header_dirty:
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
        if self._settle_all():
            event.accept()
        else:
            event.ignore()
