"""Chart section: consents (active, expired, revoked, what each covers, printed as a form), the
log of records disclosed, "Release information…", disclosures logged by hand, the accounting."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QScrollArea, QVBoxLayout, QWidget

from iopdesk.domain import formats
from iopdesk.gui import operations, prompts
from iopdesk.gui.chart_tabs.section import ChartSection
from iopdesk.gui.clients.consent_dialogs import (
    ConsentCategoriesDialog,
    DisclosureConsentDialog,
    DisclosureLogDialog,
    RevokeConsentDialog,
    SimpleConsentDialog,
)
from iopdesk.gui.clients.release_dialog import ReleaseDialog
from iopdesk.gui.context import WindowContext
from iopdesk.gui.registry import ChartTab
from iopdesk.gui.saving import save_to_file
from iopdesk.gui.widgets.dates import date_column
from iopdesk.gui.widgets.section_table import SectionTable
from iopdesk.gui.widgets.table_model import Column
from iopdesk.services.clients import consent_papers, consents, disclosures
from iopdesk.services.context import Actor


def _consent_what(row: consents.ConsentRow) -> str:
    if row.kind != "disclose":
        return row.note
    return f"{row.information} → {row.recipients} (for: {row.purpose})"


#: What the tab reads: the client's consents and the disclosure log.
Shown = tuple[list[consents.ConsentRow], list[disclosures.DisclosureRow]]


class ConsentsTab(ChartSection[Shown], QScrollArea):
    """What the client agreed to, which consents are in force, and what left the program."""

    def __init__(self, ctx: WindowContext, client_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx, self.client_id = ctx, client_id
        self.release_dialog: ReleaseDialog | None = None
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
                Column(
                    "Covers",
                    lambda r: r.covers_briefly,
                    highlight=lambda r: r.kind == "disclose" and not r.categories,
                ),
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
        self.consents.add_button("What it covers…", self.record_categories, needs_row=True)
        self.consents.add_button("Print consent form…", self.print_form, needs_row=True)
        layout.addWidget(self.consents)
        self.disclosures = SectionTable(
            "Disclosure log",
            [
                Column("When", lambda r: r.when, sort_key=lambda r: r.at.isoformat()),
                Column("What", lambda r: r.what),
                Column("Recipient", lambda r: r.recipient),
                Column("How", lambda r: r.method_label),
                Column("Purpose", lambda r: r.purpose),
                Column("By", lambda r: r.by),
                Column("Consent #", lambda r: r.consent_id),
            ],
            "Nothing has been disclosed outside the program.",
        )
        self.disclosures.add_button("Release information…", self.release)
        self.disclosures.add_button("Log a disclosure…", self.log_disclosure)
        self.disclosures.add_button("Print accounting…", self.print_accounting)
        layout.addWidget(self.disclosures)
        layout.addStretch(1)
        self.setWidget(body)
        self.keep_current(self.summary.setText)
        self.refresh()

    def read(self, actor: Actor, client_id: int) -> Shown:
        """Reload consents and the disclosure log."""
        return consents.list_consents(actor, client_id), disclosures.list_disclosures(
            actor, client_id
        )

    def fill(self, found: Shown) -> None:
        """Both lists, and a line on the consents a program must have."""
        rows, log = found
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

    def _chosen_disclose(self, title: str) -> consents.ConsentRow | None:
        row = self.consents.selected()
        if row is not None and row.kind != "disclose":
            prompts.inform(self, title, "Choose a consent to disclose in the list first.")
            return None
        return row

    def record_categories(self) -> None:
        row = self._chosen_disclose("What it covers")
        if row is None:
            return
        if row.categories:
            prompts.inform(self, "What it covers", f"This consent covers: {row.covers}.")
            return
        self._run(ConsentCategoriesDialog(self.ctx, row, self))

    def print_form(self) -> str:
        """Save the chosen consent to disclose as a form with its signature lines."""
        row = self._chosen_disclose("Print consent form")
        if row is None:
            return ""
        return save_to_file(
            self.ctx,
            self,
            lambda: (
                consent_papers.print_consent_form(self.ctx.actor, self.client_id, row.id).content
            ),
            title="Print consent form",
            suggested=f"consent-{row.id}.pdf",
            file_filter="PDF files (*.pdf)",
        )

    def release(self) -> None:
        """Release information…: pick a document, see it, release it under a consent."""
        self.release_dialog = ReleaseDialog(self.ctx, self.client_id, parent=self)
        self.release_dialog.show()

    def log_disclosure(self) -> None:
        active = operations.run(
            self.ctx,
            self,
            lambda: consents.active_disclosure_consents(self.ctx.actor, self.client_id),
        )
        if not active:
            return
        if not active.result:
            prompts.inform(
                self,
                "Log a disclosure",
                "This client has no consent to disclose in force: nothing may be disclosed.",
            )
            return
        self._run(DisclosureLogDialog(self.ctx, self.client_id, active.result, self))

    def print_accounting(self) -> str:
        """Save the accounting of the past three years' disclosures (42 CFR 2.25)."""
        return save_to_file(
            self.ctx,
            self,
            lambda: consent_papers.print_accounting(self.ctx.actor, self.client_id).content,
            title="Print accounting of disclosures",
            suggested="accounting-of-disclosures.pdf",
            file_filter="PDF files (*.pdf)",
        )


def _build(ctx: WindowContext, client_id: int) -> QWidget:
    return ConsentsTab(ctx, client_id)


CHART_TAB = ChartTab("consents", "Consents", 20, "consent.manage", _build)
