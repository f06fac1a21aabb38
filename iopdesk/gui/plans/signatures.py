"""The plan editor's signatures panel: client, counselor and supervisor, each signed or not."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QCheckBox, QGridLayout, QGroupBox, QLabel, QPushButton, QWidget

from iopdesk.domain import formats
from iopdesk.domain import plans as rules
from iopdesk.gui import operations
from iopdesk.gui.plans.buttons import plan_button
from iopdesk.services.plans.records import PlanDocument

SIGN_TEXTS = {
    "client": "Record client signature",
    "counselor": "Sign as counselor",
    "supervisor": "Sign as supervisor",
}


def signing_question(doc: PlanDocument, role: str, on_paper: bool) -> operations.Confirm:
    """The one question before a signature is recorded, naming what it does."""
    version = f"version {doc.version} of {doc.client_name}'s treatment plan"
    if role == rules.SUPERVISOR:
        return operations.Confirm(
            "Sign as supervisor",
            f"Sign {version} as clinical supervisor? This is the last signature: the plan "
            "becomes final and can no longer be changed (a change makes a new version).",
            "Sign",
        )
    who = (
        f"{doc.client_name}'s signature{' (given on paper)' if on_paper else ''} on"
        if role == rules.CLIENT
        else "your signature as counselor on"
    )
    return operations.Confirm(
        SIGN_TEXTS[role],
        f"Record {who} {version}, dated today? It stays on the plan unless the plan is "
        "changed before everyone has signed.",
        "Sign",
    )


class SignaturePanel(QGroupBox):
    """Who signed when, a Sign button for each missing signature, and why signing was refused."""

    #: The role ("client", "counselor", "supervisor") whose Sign button was pressed.
    sign_requested = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("Signatures", parent)
        grid = QGridLayout(self)
        self.sig_labels: dict[str, QLabel] = {}
        self.sign_buttons: dict[str, QPushButton] = {}
        for n, (role, label) in enumerate(rules.SIGNATURE_ROLES.items()):
            caption = QLabel(f"<b>{label}</b>")
            grid.addWidget(caption, 2 * n, 0)
            self.sig_labels[role] = QLabel()
            self.sig_labels[role].setAccessibleName(f"{label} signature")
            self.sig_labels[role].setWordWrap(True)
            grid.addWidget(self.sig_labels[role], 2 * n + 1, 0, 1, 2)
            self.sign_buttons[role] = plan_button(
                SIGN_TEXTS[role], lambda _=False, r=role: self.sign_requested.emit(r)
            )
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

    def load(self, doc: PlanDocument) -> None:
        """Show the signatures ``doc`` has; offer the missing ones while it is editable."""
        for role, label in self.sig_labels.items():
            sig = doc.signature(role)
            if sig is None:
                label.setText("Not signed yet.")
            else:
                paper = " (on paper)" if sig.on_paper else ""
                label.setText(f"{sig.name}, {formats.show_date(sig.signed_on)}{paper}")
            self.sign_buttons[role].setEnabled(doc.editable and sig is None)
            self.sign_buttons[role].setVisible(sig is None)
        self.on_paper.setVisible(doc.signature("client") is None)
