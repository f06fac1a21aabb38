"""Clinic details and settings (idle lock, review interval, note format, calendar hours, how
dates and times are shown, the backup warning, the program's expected length and phases,
re-screening reminders)."""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtWidgets import QCheckBox, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from iopdesk.domain import episode_course, formats, program_length
from iopdesk.domain.screenings import INSTRUMENTS, WEEKS_RANGE
from iopdesk.gui import operations, prompts
from iopdesk.gui.context import WindowContext
from iopdesk.gui.forms import FieldForm, combo, heading, line, name_button, spin, text_box
from iopdesk.services.admin import clinic


class RescreenChoice(QWidget):
    """One row: "every [4] weeks" and a box per screening instrument the clinic may repeat."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(QLabel("every"))
        self.weeks = spin(4, *WEEKS_RANGE)
        self.weeks.setAccessibleName("Re-screen every (weeks)")
        row.addWidget(self.weeks)
        row.addWidget(QLabel("weeks:"))
        self.boxes: dict[str, QCheckBox] = {}
        for code, instrument in INSTRUMENTS.items():
            box = name_button(QCheckBox(instrument.name))
            self.boxes[code] = box
            row.addWidget(box)
        row.addStretch(1)

    def set_chosen(self, codes: Iterable[str]) -> None:
        """Tick the instruments the clinic repeats."""
        chosen = set(codes)
        for code, box in self.boxes.items():
            box.setChecked(code in chosen)

    def chosen(self) -> list[str]:
        """The ticked instruments' codes, in the instruments' order."""
        return [code for code, box in self.boxes.items() if box.isChecked()]


class SettingsPanel(QWidget):
    """Administrators change the letterhead and the clinic-wide settings here."""

    def __init__(self, ctx: WindowContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        col = QVBoxLayout(self)
        col.addWidget(heading("Clinic and settings"))
        self.form = FieldForm()
        f = self.form
        self.name = f.add("name", "Clinic name", line())
        self.address = f.add("address", "Address", text_box(height=60))
        self.address.setMaximumHeight(70)
        self.phone = f.add("phone", "Phone", line())
        self.program = f.add("program_type", "Program type", combo(clinic.PROGRAMS))
        self.idle = f.add("idle_lock_minutes", "Lock after idle minutes", spin(10, 1, 240))
        self.review = f.add("review_interval_days", "Plan review every (days)", spin(30, 7, 180))
        self.notes = f.add(
            "note_format",
            "Progress note format",
            combo(
                {
                    "DAP": "DAP (Data, Assessment, Plan)",
                    "BIRP": "BIRP (Behavior, Intervention, Response, Plan)",
                }
            ),
        )
        self.expected_weeks = f.add(
            "expected_weeks",
            "Program length (weeks)",
            spin(12, program_length.SHORTEST_WEEKS, program_length.LONGEST_WEEKS),
            hint="The chart shows the week a client is in; Today lists clients past it.",
        )
        self.phases = f.add(
            "program_phases",
            "Program phases",
            text_box(height=60),
            hint="One per line, in order; the chart shows the client's. Empty: no phases.",
        )
        self.phases.setMaximumHeight(90)
        self.first_hour = f.add("calendar_first_hour", "Calendar starts at hour", spin(7, 0, 12))
        self.last_hour = f.add("calendar_last_hour", "Calendar ends at hour", spin(22, 13, 24))
        self.date_format = f.add("date_format", "Show dates as", combo(formats.DATE_STYLES))
        self.time_format = f.add("time_format", "Show times as", combo(formats.TIME_STYLES))
        self.backup_days = f.add(
            "backup_warning_days",
            "Warn when no backup for (days)",
            spin(3, 1, 60),
            hint="Administrators are warned on Today and in the status bar.",
        )
        self.front_desk_backups = f.add(
            "front_desk_backups",
            "Backups by front desk",
            QCheckBox("Front desk staff may make backups"),
            hint="They see Administration, Backups (not restores); from their next sign-in.",
        )
        self.rescreen = f.add(
            "rescreen_instruments",
            "Re-screening reminders",
            RescreenChoice(),
            hint="Counted from the last one given in the episode; listed on Today when due.",
        )
        col.addWidget(f)
        self.save_button = name_button(QPushButton("Save settings"))
        self.save_button.setObjectName("primary")
        self.save_button.clicked.connect(self.save)
        col.addWidget(self.save_button)
        col.addStretch()
        self.refresh()

    def refresh(self) -> None:
        info = clinic.clinic_info()
        values = clinic.all_settings()
        self.name.setText(info.name)
        self.address.setPlainText(info.address)
        self.phone.setText(info.phone)
        self.program.setCurrentIndex(self.program.findData(info.program_type))
        self.idle.setValue(values["idle_lock_minutes"])
        self.review.setValue(values["review_interval_days"])
        self.notes.setCurrentIndex(self.notes.findData(values["note_format"]))
        self.expected_weeks.setValue(values["expected_weeks"])
        self.phases.setPlainText("\n".join(values["program_phases"]))
        self.first_hour.setValue(values["calendar_first_hour"])
        self.last_hour.setValue(values["calendar_last_hour"])
        self.date_format.setCurrentIndex(self.date_format.findData(values["date_format"]))
        self.time_format.setCurrentIndex(self.time_format.findData(values["time_format"]))
        self.backup_days.setValue(values["backup_warning_days"])
        self.front_desk_backups.setChecked(values["front_desk_backups"])
        self.rescreen.weeks.setValue(values["rescreen_weeks"])
        self.rescreen.set_chosen(values["rescreen_instruments"])

    def save(self) -> None:
        if operations.run(self.ctx, self, self._save, errors=self.form):
            prompts.inform(self, "Saved", "The settings were saved.")

    def _save(self) -> None:
        clinic.edit_clinic(
            self.ctx.actor,
            clinic.ClinicForm(
                self.name.text(),
                self.address.toPlainText(),
                self.phone.text(),
                self.program.currentData(),
            ),
        )
        clinic.change_settings(
            self.ctx.actor,
            {
                "idle_lock_minutes": self.idle.value(),
                "review_interval_days": self.review.value(),
                "note_format": self.notes.currentData(),
                "expected_weeks": self.expected_weeks.value(),
                "program_phases": episode_course.phase_names(self.phases.toPlainText()),
                "calendar_first_hour": self.first_hour.value(),
                "calendar_last_hour": self.last_hour.value(),
                "date_format": self.date_format.currentData(),
                "time_format": self.time_format.currentData(),
                "backup_warning_days": self.backup_days.value(),
                "front_desk_backups": self.front_desk_backups.isChecked(),
                "rescreen_weeks": self.rescreen.weeks.value(),
                "rescreen_instruments": self.rescreen.chosen(),
            },
        )
