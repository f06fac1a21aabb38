"""Date and time inputs, the same on every screen: type a date the way you write it (5/5/1990,
1990-05-05 or May 5, 1990) or pick it from a calendar; type a time as 8:30, 08:30, 14:30 or
2:30 PM. What was typed is never silently turned into another date: text that is not a date
gets a sentence next to the field (``problem_changed``), and reading it refuses with the same
sentence (``date_of`` raises a ValidationError naming the field)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from functools import cache
from typing import Any

from PySide6.QtCore import QDate, QPoint, Qt, QTime, QTimer, Signal
from PySide6.QtGui import QAction, QColor, QFocusEvent, QIcon, QKeyEvent, QPainter, QPixmap
from PySide6.QtWidgets import (
    QCalendarWidget,
    QFrame,
    QLineEdit,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from iopdesk.domain import formats
from iopdesk.errors import ValidationError
from iopdesk.gui.widgets.table_model import Column

#: Up and Down move a time by this many minutes.
TIME_STEP_MINUTES = 15


@cache
def _calendar_icon() -> QIcon:
    """A small calendar page, drawn rather than shipped (no image file to lose)."""
    pixmap = QPixmap(16, 16)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setPen(QColor("#555555"))
    painter.drawRect(1, 2, 13, 12)
    painter.fillRect(2, 3, 12, 3, QColor("#b3261e"))
    for x in (4, 7, 10):
        for y in (8, 11):
            painter.fillRect(x, y, 2, 2, QColor("#555555"))
    painter.end()
    return QIcon(pixmap)


class _TypedBox(QLineEdit):
    """What a date box and a time box share: a compact line that selects its text on entry
    (typing replaces it), says what is wrong with what was typed, and shows the value back in
    the clinic's style once the person moves on."""

    #: The sentence saying what is wrong with the text ("" once it is fine again).
    problem_changed = Signal(str)
    #: A sample of the widest text the box shows, to size it.
    sample = ""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._said = ""
        self._last: object = None
        width = self.fontMetrics().horizontalAdvance(self.sample) + 48
        self.setMinimumWidth(width)
        self.setMaximumWidth(width + 40)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        self.editingFinished.connect(self._tidy)
        self.textChanged.connect(self._typed)

    def problem(self) -> str:
        """Why the text is not a usable value ("" when it is)."""
        raise NotImplementedError

    def read(self, text: str) -> object | None:
        """The value ``text`` stands for, or None."""
        raise NotImplementedError

    def shown(self, value: object) -> str:
        """``value`` as the clinic writes it."""
        raise NotImplementedError

    def changed(self, value: object) -> None:
        """Emit the box's own changed signal (QDateEdit's and QTimeEdit's names)."""
        raise NotImplementedError

    def _tidy(self) -> None:
        """Show a value that was understood in the clinic's style; say so when it was not."""
        value = self.read(self.text())
        if value is not None and self.text() != self.shown(value):
            self.setText(self.shown(value))
        self.say(self.problem())

    def _typed(self, text: str) -> None:
        if self._said and not self.problem():
            self.say("")  # fixed while typing: the sentence goes at once
        value = self.read(text)
        if value is not None and value != self._last:
            self._last = value
            self.changed(value)

    def say(self, text: str) -> None:
        """Tell the person (through ``problem_changed``) what is wrong, or that nothing is."""
        if text != self._said:
            self._said = text
            self.problem_changed.emit(text)
        self.setToolTip(text)

    def refuse(self) -> ValidationError:
        """The refusal for the current text: said next to the field, raised to the operation."""
        problem = self.problem()
        self.say(problem)
        label = self.accessibleName() or "Date"
        return ValidationError({self.objectName() or "date": problem}, f"{label}: {problem}")

    def focusInEvent(self, event: QFocusEvent) -> None:
        super().focusInEvent(event)
        # A click lands in the middle of the text: select it all, so typing replaces it.
        QTimer.singleShot(0, self, self.selectAll)


class DateBox(_TypedBox):
    """A date field: typed (US, ISO or long) or picked from a calendar (Alt+Down)."""

    dateChanged = Signal(QDate)
    sample = "Sep 30, 2026"

    def __init__(
        self, value: dt.date | None = None, *, blank: bool = False, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.blank_allowed = blank
        self.earliest: dt.date | None = None
        self.latest: dt.date | None = None
        self.setPlaceholderText(formats.format_date(dt.date(2026, 12, 31), formats.current().date))
        self.picker = QAction(_calendar_icon(), "Choose from a calendar", self)
        self.picker.triggered.connect(self.show_calendar)
        self.addAction(self.picker, QLineEdit.ActionPosition.TrailingPosition)
        self.setAccessibleDescription(
            f"Type a date such as {formats.date_example()}; Alt+Down opens a calendar."
        )
        self.popup: _CalendarPopup | None = None
        if value is not None:
            self.set_day(value)

    # --- the value ---------------------------------------------------------------------------
    def day(self) -> dt.date | None:
        """The date typed, or None when the box is blank or holds something else."""
        return self.read(self.text())

    def set_day(self, value: dt.date | None) -> None:
        """Show ``value`` in the clinic's style (None empties the box)."""
        self.setText(formats.show_date(value))
        self.say("")

    def date(self) -> QDate:
        """As QDateEdit: the date held (an invalid QDate when there is none)."""
        day = self.day()
        return QDate(day) if day else QDate()

    def setDate(self, value: QDate | dt.date) -> None:
        """As QDateEdit: show this date."""
        self.set_day(value.toPython() if isinstance(value, QDate) else value)

    def setMinimumDate(self, value: QDate | dt.date) -> None:
        """Dates before this are refused with a sentence (and greyed in the calendar)."""
        self.earliest = value.toPython() if isinstance(value, QDate) else value

    def setMaximumDate(self, value: QDate | dt.date) -> None:
        """Dates after this are refused with a sentence (and greyed in the calendar)."""
        self.latest = value.toPython() if isinstance(value, QDate) else value

    def problem(self) -> str:
        text = self.text().strip()
        if not text:
            return (
                "" if self.blank_allowed else f"Type a date, for example {formats.date_example()}."
            )
        day = formats.read_date(text)
        if day is None:
            return f"“{text}” is not a date; type it as {formats.date_example()}."
        if self.earliest and day < self.earliest:
            return f"The date cannot be before {formats.show_date(self.earliest)}."
        if self.latest and day > self.latest:
            return f"The date cannot be after {formats.show_date(self.latest)}."
        return ""

    def read(self, text: str) -> dt.date | None:
        return formats.read_date(text)

    def shown(self, value: object) -> str:
        return formats.show_date(value)  # type: ignore[arg-type]

    def changed(self, value: object) -> None:
        self.dateChanged.emit(QDate(value))

    # --- the calendar --------------------------------------------------------------------------
    def keyPressEvent(self, event: QKeyEvent) -> None:
        opens = event.key() == Qt.Key.Key_F4 or (
            event.key() == Qt.Key.Key_Down and event.modifiers() & Qt.KeyboardModifier.AltModifier
        )
        if opens:
            self.show_calendar()
            return
        super().keyPressEvent(event)

    def show_calendar(self) -> None:
        """Open the calendar under the box, on the date typed (or today)."""
        if self.popup is None:
            self.popup = _CalendarPopup(self)
        self.popup.open_on(self.day() or dt.date.today(), self.earliest, self.latest)
        self.popup.move(self.mapToGlobal(QPoint(0, self.height())))
        self.popup.show()
        self.popup.calendar.setFocus()

    def picked(self, day: QDate) -> None:
        """A day chosen in the calendar."""
        self.setDate(day)
        self.setFocus()


class _CalendarPopup(QFrame):
    """The calendar that drops down from a date box; Enter or a click chooses, Escape closes."""

    def __init__(self, box: DateBox) -> None:
        super().__init__(box, Qt.WindowType.Popup)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.calendar = QCalendarWidget()
        self.calendar.setAccessibleName(f"{box.accessibleName() or 'Date'} calendar")
        self.calendar.setGridVisible(True)
        self.calendar.activated.connect(self._chosen)
        self.calendar.clicked.connect(self._chosen)
        col = QVBoxLayout(self)
        col.setContentsMargins(2, 2, 2, 2)
        col.addWidget(self.calendar)
        self.box = box

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape:
            self.hide()
            self.box.setFocus()
            return
        super().keyPressEvent(event)

    def open_on(self, day: dt.date, earliest: dt.date | None, latest: dt.date | None) -> None:
        self.calendar.setDateRange(
            QDate(earliest or dt.date(1900, 1, 1)), QDate(latest or dt.date(2100, 12, 31))
        )
        self.calendar.setSelectedDate(QDate(day))

    def _chosen(self, day: QDate) -> None:
        self.hide()
        self.box.picked(day)


class TimeBox(_TypedBox):
    """A time-of-day field: typed as 8:30, 08:30, 14:30 or 2:30 PM; Up/Down move 15 minutes."""

    timeChanged = Signal(QTime)
    sample = "12:45 PM"

    def __init__(self, value: dt.time | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setPlaceholderText(formats.show_time(dt.time(14, 30)))
        self.setAccessibleDescription("Type a time such as 8:30, 14:30 or 2:30 PM.")
        if value is not None:
            self.set_moment(value)

    def moment(self) -> dt.time | None:
        """The time typed, or None when it is not a time of day."""
        return self.read(self.text())

    def set_moment(self, value: dt.time) -> None:
        """Show ``value`` in the clinic's style."""
        self.setText(formats.show_time(value))
        self.say("")

    def time(self) -> QTime:
        """As QTimeEdit: the time held (an invalid QTime when there is none)."""
        moment = self.moment()
        return QTime(moment.hour, moment.minute) if moment else QTime()

    def setTime(self, value: QTime | dt.time) -> None:
        """As QTimeEdit: show this time."""
        moment = value.toPython() if isinstance(value, QTime) else value
        self.set_moment(moment.replace(second=0, microsecond=0))

    def problem(self) -> str:
        text = self.text().strip()
        if not text:
            return "Type a time, for example 9:00 AM or 14:30."
        if formats.read_time(text) is None:
            return f"“{text}” is not a time of day; type it as 8:30, 14:30 or 2:30 PM."
        return ""

    def read(self, text: str) -> dt.time | None:
        return formats.read_time(text)

    def shown(self, value: object) -> str:
        return formats.show_time(value)  # type: ignore[arg-type]

    def changed(self, value: object) -> None:
        moment: dt.time = value  # type: ignore[assignment]
        self.timeChanged.emit(QTime(moment.hour, moment.minute))

    def keyPressEvent(self, event: QKeyEvent) -> None:
        step = {Qt.Key.Key_Up: 1, Qt.Key.Key_Down: -1}.get(Qt.Key(event.key()))
        moment = self.moment()
        if step is None or moment is None:
            super().keyPressEvent(event)
            return
        minutes = (moment.hour * 60 + moment.minute) // TIME_STEP_MINUTES * TIME_STEP_MINUTES
        if step < 0 and minutes == moment.hour * 60 + moment.minute:
            minutes -= TIME_STEP_MINUTES
        elif step > 0:
            minutes += TIME_STEP_MINUTES
        minutes %= 24 * 60
        self.set_moment(dt.time(minutes // 60, minutes % 60))
        self.selectAll()


# --- what every screen calls --------------------------------------------------------------------
def date_edit(value: dt.date | None = None, *, blank: bool = False) -> DateBox:
    """A date field holding ``value`` (today unless given; empty when ``blank`` allows it)."""
    return DateBox(value if value is not None or blank else dt.date.today(), blank=blank)


def date_of(edit: DateBox) -> dt.date:
    """The date a date field holds; a field holding no date is refused with its sentence."""
    day = edit.day()
    if day is None or edit.problem():
        raise edit.refuse()
    return day


def optional_date_of(edit: DateBox) -> dt.date | None:
    """The date of a field that may stay blank (None when it is)."""
    return date_of(edit) if edit.text().strip() else None


def time_edit(value: dt.time) -> TimeBox:
    """A time field holding ``value``."""
    return TimeBox(value)


def time_of(edit: TimeBox) -> dt.time:
    """The time a time field holds, to the minute; a field holding no time is refused."""
    moment = edit.moment()
    if moment is None:
        raise edit.refuse()
    return moment


def date_column(
    title: str,
    day_of: Callable[[Any], dt.date | None],
    *,
    highlight: Callable[[Any], bool] | None = None,
    blank: str = "",
) -> Column:
    """A table column of dates shown the clinic's way, sorted by the date itself (``blank``
    where a row has none, e.g. "ongoing")."""

    def shown(row: Any) -> str:
        day = day_of(row)
        return formats.show_date(day) if day else blank

    def key(row: Any) -> str:
        day = day_of(row)
        return day.isoformat() if day else ""

    return Column(title, shown, highlight=highlight, sort_key=key)
