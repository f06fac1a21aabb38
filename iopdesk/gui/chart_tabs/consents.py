"""Chart section: consents (active, expired, revoked) and the log of records disclosed."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QScrollArea, QVBoxLayout, QWidget

from iopdesk.domain import formats
from iopdesk.gui import operations, prompts
from iopdesk.gui.clients.consent_dialogs import (
    DisclosureConsentDialog,
    RevokeConsentDialog,
    SimpleConsentDialog,
)
from iopdesk.gui.context import WindowContext
from iopdesk.gui.registry import ChartTab
from iopdesk.gui.widgets.dates import date_column
from iopdesk.gui.widgets.section_table import SectionTable
from iopdesk.gui.widgets.table_model import Column
from iopdesk.services.clients import consents


def _consent_what(row: consents.ConsentRow) -> str:
    if row.kind != "disclose":
        return row.note
    return f"{row.information} → {row.recipients} (for: {row.purpose})"


class ConsentsTab(QScrollArea):
    """What the client agreed to, which consents are in force, and what left the program."""

    def __init__(self, ctx: WindowContext, client_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx, self.client_id = ctx, client_id
        self.setWidgetResizable(True)
        body = QWidget()
        layout = QVBoxLayout(body)
        self.summary = QLabel()
        self.summary.setAccessibleName("Consent summary")
        self.summary.setWordWrap(True)
        layout.addWidget(self.summary)
        self.consents = SectionTable(
            "Consents",
            [
                Column("Consent", lambda r: r.kind_label),
                Column(
                    "Status",
                    lambda r: r.status_label,
                    highlight=lambda r: r.status != "active" and r.status != "given",
                ),
                date_column("Signed / given", lambda r: r.signed_on),
                Column("Expires", lambda r: r.expiry if r.kind == "disclose" else ""),
                Column("Details", _consent_what),
                Column(
                    "Revoked",
                    lambda r: (
                        f"{formats.show_date(r.revoked_on)}: {r.revoked_reason}"
                        if r.revoked_on
                        else ""
                    ),
                ),
            ],
            "No consents recorded yet.",
        )
        self.consents.add_button("Consent to treatment", self.add_treatment)
        self.consents.add_button("Notice given", self.add_notice)
        self.consents.add_button("Consent to disclose", self.add_disclosure)
        self.consents.add_button("Revoke", self.revoke, needs_row=True)
        layout.addWidget(self.consents)
        self.disclosures = SectionTable(
            "Disclosure log",
            [
                Column(
                    "When", lambda r: formats.show_moment(r.at), sort_key=lambda r: r.at.isoformat()
                ),
                Column("Document", lambda r: r.document),
                Column("Recipient", lambda r: r.recipient),
                Column("Purpose", lambda r: r.purpose),
                Column("By", lambda r: r.by),
                Column("Consent #", lambda r: r.consent_id),
            ],
            "Nothing has been disclosed outside the program.",
        )
        layout.addWidget(self.disclosures)
        layout.addStretch(1)
        self.setWidget(body)
        self.refresh()

    def refresh(self) -> None:
        """Reload consents and the disclosure log."""
        actor, client_id = self.ctx.actor, self.client_id
        found = operations.run(
            self.ctx,
            self,
            lambda: (
                consents.list_consents(actor, client_id),
                consents.list_disclosures(actor, client_id),
            ),
            errors=self.summary.setText,
        )
        if not found:
            return
        rows, log = found.result
        self.consents.set_rows(rows)
        self.disclosures.set_rows(log)
        kinds = {r.kind for r in rows if r.active}
        parts = [
            "Consent to treatment: " + ("on file" if "treatment" in kinds else "MISSING"),
            "Confidentiality notice: " + ("given" if "notice_given" in kinds else "NOT GIVEN"),
            f"Active consents to disclose: {sum(r.kind == 'disclose' and r.active for r in rows)}",
        ]
        self.summary.setText("   ·   ".join(parts))

    def _run(self, dialog: QWidget) -> None:
        dialog.exec()  # type: ignore[attr-defined]

    def add_treatment(self) -> None:
        self._run(SimpleConsentDialog(self.ctx, self.client_id, "treatment", self))

    def add_notice(self) -> None:
        self._run(SimpleConsentDialog(self.ctx, self.client_id, "notice_given", self))

    def add_disclosure(self) -> None:
        self._run(DisclosureConsentDialog(self.ctx, self.client_id, self))

    def revoke(self) -> None:
        row = self.consents.selected()
        if row is None:
            return
        if row.kind == "notice_given" or row.revoked_on is not None:
            prompts.inform(self, "Revoke", "This entry cannot be revoked.")
            return
        self._run(RevokeConsentDialog(self.ctx, row, self))


def _build(ctx: WindowContext, client_id: int) -> QWidget:
    return ConsentsTab(ctx, client_id)


CHART_TAB = ChartTab("consents", "Consents", 20, "consent.manage", _build)
