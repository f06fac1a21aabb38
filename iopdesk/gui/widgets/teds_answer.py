"""One state reporting (TEDS) question as a drop-down, the same on the intake and discharge
forms: "—" (not asked), the question's answers, Unknown, and Not applicable where it can be;
a count or an age is typed (or Unknown chosen)."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox

from iopdesk.domain.teds import NOT_APPLICABLE, UNKNOWN, Question

NOT_ASKED = "—"


def answer_box(question: Question) -> QComboBox:
    """A drop-down for ``question``; counts and ages take a typed whole number too."""
    box = QComboBox()
    # Long answers ("Other opiates and synthetics...") must not widen the page past the window.
    box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
    box.setMinimumContentsLength(12)
    box.setAccessibleName(question.label)
    box.setObjectName(f"teds_{question.key}")
    # A typed answer starts from an empty box (typing after "—" would give "—12").
    box.addItem("" if question.is_count else NOT_ASKED, "")
    for choice in question.choices:
        box.addItem(choice.label, choice.value)
    if question.some is not None:
        box.addItem(question.some.label, question.some.value)
    box.addItem("Unknown / declined", UNKNOWN)
    if not question.applicable_to_all:
        box.addItem("Not applicable", NOT_APPLICABLE)
    if question.is_count:
        box.setEditable(True)
        box.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        box.lineEdit().setPlaceholderText(f"{NOT_ASKED} (type a number)")
        box.setToolTip(f"Type a whole number from 0 to {question.maximum}, or choose an answer.")
    return box


def answer_of(box: QComboBox) -> str:
    """The raw answer a drop-down holds: a listed answer's key, or the number typed."""
    if not box.isEditable():
        return str(box.currentData() or "")
    text = box.currentText().strip()
    listed = box.findText(text)
    return str(box.itemData(listed) or "") if listed >= 0 else text


def show_answer(box: QComboBox, value: str) -> None:
    """Show a stored raw answer (a number not in the list is written into the box)."""
    listed = box.findData(value)
    if listed >= 0:
        box.setCurrentIndex(listed)
    elif box.isEditable():
        box.setEditText(value)
    else:
        box.setCurrentIndex(0)
