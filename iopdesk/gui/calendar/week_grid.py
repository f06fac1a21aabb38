"""The painted week (or day) grid: hours down, days across, sessions as coloured blocks."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass

from PySide6.QtCore import QEvent, QPoint, QRect, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFont, QFontMetrics, QKeyEvent, QMouseEvent, QPainter, QPen
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget

from iopdesk.domain import formats
from iopdesk.gui.calendar.block_fonts import BlockFonts
from iopdesk.services.calendar import SessionView

#: (fill, accent) per kind; the same families as the printed week.
KIND_COLORS = {
    "group": ("#dbeafe", "#2563eb"),
    "individual": ("#dcfce7", "#15803d"),
    "family": ("#fef3c7", "#b45309"),
    "assessment": ("#ede9fe", "#6d28d9"),
    "other": ("#e5e7eb", "#4b5563"),
}
HEADER = 38
GUTTER = 52
MIN_HOUR = 40
CONFLICT = QColor("#b91c1c")
#: Made once: a busy week paints 200 blocks, each with several lines.
KIND_QCOLORS = {
    kind: (QColor(fill), QColor(accent)) for kind, (fill, accent) in KIND_COLORS.items()
}
CANCELLED_FILL, CANCELLED_ACCENT = QColor("#f3f4f6"), QColor("#9ca3af")
SELECTED_PEN = QPen(QColor("#111827"), 2.5)
CONFLICT_PEN = QPen(CONFLICT, 2, Qt.PenStyle.DashLine)
BLOCK_PEN = QPen(QColor("#9aa5b1"), 1)
CANCELLED_TEXT, CONFLICT_TEXT, BLOCK_TEXT = QColor("#6b7280"), QColor("#7f1d1d"), QColor("#111827")
#: A block's text margins: right of its coloured edge, and before its right edge.
TEXT_LEFT, TEXT_RIGHT = 7, 3
WRAP_LEFT = int(Qt.TextFlag.TextWordWrap | Qt.AlignmentFlag.AlignLeft)


@dataclass(frozen=True)
class Placed:
    """A session and where it is drawn."""

    view: SessionView
    rect: QRectF


def lay_out_day(views: list[SessionView]) -> list[tuple[SessionView, int, int]]:
    """Side-by-side columns for overlapping sessions: (view, column, columns in its cluster)."""
    ordered = sorted(views, key=lambda v: (v.start, v.end, v.id))
    placed: list[tuple[SessionView, int, int]] = []
    cluster: list[tuple[SessionView, int]] = []
    ends: list[dt.time] = []
    cluster_end = dt.time(0)

    def close() -> None:
        width = max((c for _, c in cluster), default=-1) + 1
        placed.extend((v, c, width) for v, c in cluster)

    for view in ordered:
        if cluster and view.start >= cluster_end:
            close()
            cluster, ends = [], []
        for column, end in enumerate(ends):
            if end <= view.start:
                ends[column] = view.end
                break
        else:
            column = len(ends)
            ends.append(view.end)
        cluster.append((view, column))
        cluster_end = max(cluster_end, view.end) if len(cluster) > 1 else view.end
    if cluster:
        close()
    return placed


class WeekGrid(QWidget):
    """Days across, hours down; double-click a block or an empty slot; keyboard selectable."""

    session_activated = Signal(int)
    slot_activated = Signal(object, object)  # date, time

    def __init__(self, first_hour: int = 7, last_hour: int = 22, parent=None) -> None:
        super().__init__(parent)
        self.first_hour, self.last_hour = first_hour, last_hour
        self.days: list[dt.date] = []
        self.closed: dict[dt.date, str] = {}
        self.today = dt.date.today()
        self.placed: list[Placed] = []
        self._views: list[SessionView] = []
        self.selected: int | None = None
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setMouseTracking(True)
        # paintEvent fills every pixel: Qt need not clear the background first.
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setAccessibleName("Week calendar")

    # -- data ---------------------------------------------------------------------------
    def set_sessions(
        self, days: list[dt.date], views: list[SessionView], closed: dict[dt.date, str]
    ) -> None:
        """Show these days and sessions (the view asked the service)."""
        self.days, self._views, self.closed = list(days), list(views), dict(closed)
        self.today = dt.date.today()
        if self.selected not in {v.id for v in views}:
            self.selected = None
        self._layout()
        cancelled = sum(v.cancelled for v in views)
        conflicts = sum(bool(v.conflicts) and not v.cancelled for v in views)
        self.setAccessibleDescription(
            f"{len(views)} sessions, {cancelled} cancelled, {conflicts} with conflicts"
        )
        self.update()

    def sizeHint(self) -> QSize:
        return QSize(900, HEADER + MIN_HOUR * (self.last_hour - self.first_hour))

    def minimumSizeHint(self) -> QSize:
        return QSize(
            GUTTER + 90 * max(1, len(self.days)),
            HEADER + MIN_HOUR * (self.last_hour - self.first_hour),
        )

    # -- geometry -----------------------------------------------------------------------
    def _hour_height(self) -> float:
        hours = max(1, self.last_hour - self.first_hour)
        return max(MIN_HOUR, (self.height() - HEADER) / hours)

    def _column_width(self) -> float:
        return (self.width() - GUTTER) / max(1, len(self.days))

    def _y(self, moment: dt.time, hour_height: float | None = None) -> float:
        hours = moment.hour + moment.minute / 60 - self.first_hour
        hours = min(max(hours, 0), self.last_hour - self.first_hour)
        return HEADER + hours * (hour_height or self._hour_height())

    def _layout(self) -> None:
        width, hour_height = self._column_width(), self._hour_height()
        by_day: dict[dt.date, list[SessionView]] = defaultdict(list)
        for view in self._views:
            by_day[view.day].append(view)
        placed = []
        for index, day in enumerate(self.days):
            left = GUTTER + index * width + 2
            for view, column, columns in lay_out_day(by_day[day]):
                x = left + column * (width - 4) / columns
                top, bottom = self._y(view.start, hour_height), self._y(view.end, hour_height)
                rect = QRectF(x, top + 1, (width - 4) / columns - 2, max(16.0, bottom - top - 2))
                placed.append(Placed(view, rect))
        self.placed = placed

    def resizeEvent(self, event) -> None:
        self._layout()
        super().resizeEvent(event)

    def block_rect(self, session_id: int) -> QRect:
        """Where a session is drawn (tests click it the way a person does)."""
        for item in self.placed:
            if item.view.id == session_id:
                return item.rect.toRect()
        raise KeyError(session_id)

    def slot_point(self, day: dt.date, moment: dt.time) -> QPoint:
        """The middle of the quarter hour starting at ``moment`` on ``day``."""
        index = self.days.index(day)
        x = GUTTER + (index + 0.5) * self._column_width()
        y = self._y(moment) + self._hour_height() / 8
        return QPoint(int(x), int(y))

    def _at(self, point: QPoint) -> Placed | None:
        for item in reversed(self.placed):
            if item.rect.contains(point.toPointF() if hasattr(point, "toPointF") else point):
                return item
        return None

    def _slot(self, point: QPoint) -> tuple[dt.date, dt.time] | None:
        if point.x() < GUTTER or point.y() < HEADER or not self.days:
            return None
        index = int((point.x() - GUTTER) // self._column_width())
        if not 0 <= index < len(self.days):
            return None
        hours = (point.y() - HEADER) / self._hour_height() + self.first_hour
        quarters = int(hours * 4)
        hour, minute = divmod(quarters * 15, 60)
        if hour >= 24:
            return None
        return self.days[index], dt.time(hour, minute)

    # -- painting -----------------------------------------------------------------------
    def paintEvent(self, event) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.fillRect(self.rect(), QColor("white"))
        width, hour_h = self._column_width(), self._hour_height()
        small = QFont(self.font())
        small.setPointSizeF(max(7.5, small.pointSizeF() - 1))
        bold = QFont(self.font())
        bold.setBold(True)
        for index, day in enumerate(self.days):
            x = GUTTER + index * width
            column = QRectF(x, HEADER, width, self.height() - HEADER)
            if day in self.closed:
                painter.fillRect(column, QColor("#f3f4f6"))
            elif day == self.today:
                painter.fillRect(column, QColor("#fffbea"))
            head = QRectF(x, 0, width, HEADER)
            painter.fillRect(head, QColor("#1f3b57" if day == self.today else "#eef2f6"))
            painter.setPen(QColor("white" if day == self.today else "#1f2933"))
            painter.setFont(bold)
            label = f"{day:%a} {day:%b} {day.day}" + ("  (today)" if day == self.today else "")
            painter.drawText(
                head.adjusted(4, 2, -4, -HEADER / 2), Qt.AlignmentFlag.AlignCenter, label
            )
            if day in self.closed:
                painter.setFont(small)
                painter.setPen(QColor("#b91c1c" if day != self.today else "#fecaca"))
                text = QFontMetrics(small).elidedText(
                    f"Closed: {self.closed[day]}", Qt.TextElideMode.ElideRight, int(width - 8)
                )
                painter.drawText(
                    head.adjusted(4, HEADER / 2, -4, -2), Qt.AlignmentFlag.AlignCenter, text
                )
        blocks = BlockFonts(small, bold)
        painter.setFont(small)
        for hour in range(self.first_hour, self.last_hour + 1):
            y = HEADER + (hour - self.first_hour) * hour_h
            painter.setPen(QPen(QColor("#d6dde4"), 1))
            painter.drawLine(GUTTER, int(y), self.width(), int(y))
            painter.setPen(QPen(QColor("#eef2f6"), 1, Qt.PenStyle.DotLine))
            painter.drawLine(GUTTER, int(y + hour_h / 2), self.width(), int(y + hour_h / 2))
            if hour < self.last_hour:
                painter.setPen(QColor("#52606d"))
                painter.drawText(
                    QRectF(0, y + 1, GUTTER - 6, 16),
                    Qt.AlignmentFlag.AlignRight,
                    formats.show_hour(hour),
                )
        painter.setPen(QPen(QColor("#c3ccd5"), 1))
        for index in range(len(self.days) + 1):
            x = int(GUTTER + index * width)
            painter.drawLine(x, 0, x, self.height())
        self._paint_now(painter)
        for item in self.placed:
            self._paint_block(painter, item, blocks)
        painter.end()

    def _paint_now(self, painter: QPainter) -> None:
        if self.today not in self.days:
            return
        now = dt.datetime.now().time()
        if not self.first_hour <= now.hour < self.last_hour:
            return
        index = self.days.index(self.today)
        x = GUTTER + index * self._column_width()
        y = self._y(now)
        painter.setPen(QPen(QColor("#dc2626"), 2))
        painter.drawLine(int(x), int(y), int(x + self._column_width()), int(y))

    def _paint_block(self, painter: QPainter, item: Placed, fonts: BlockFonts) -> None:
        view, rect = item.view, item.rect
        fill, accent = KIND_QCOLORS.get(view.kind, KIND_QCOLORS["other"])
        conflict = bool(view.conflicts) and not view.cancelled
        painter.setBrush(CANCELLED_FILL if view.cancelled else fill)
        if view.id == self.selected:
            painter.setPen(SELECTED_PEN)
        elif conflict:
            painter.setPen(CONFLICT_PEN)
        else:
            painter.setPen(BLOCK_PEN)
        painter.drawRoundedRect(rect, 3, 3)
        painter.fillRect(
            QRectF(rect.x(), rect.y(), 4, rect.height()),
            CANCELLED_ACCENT if view.cancelled else accent,
        )
        if rect.width() <= TEXT_LEFT + TEXT_RIGHT:
            return  # no room between the margins: drawText clips to that, so nothing shows
        narrow = rect.width() < 130
        marks = ("⚠\u00a0" if conflict else "") + ("↷\u00a0" if view.moved else "")
        start = formats.show_time(view.start)
        if narrow:  # the time alone on the first line, the title below
            lines = [f"{marks}{start}", view.title, view.counselor, view.room]
        else:
            lines = [
                f"{marks}{start}-{formats.show_time(view.end)} {view.title}",
                " · ".join(p for p in (view.counselor, view.room) if p),
            ]
        if view.clients and ", ".join(view.clients) != view.title:
            lines.append(", ".join(view.clients))
        if view.cancelled:  # after the title, so a narrow block still says what was cancelled
            lines.insert(2 if narrow else 1, f"Cancelled: {view.cancel_reason}")
        inner = rect.adjusted(TEXT_LEFT, 2, -TEXT_RIGHT, -2)
        width = inner.width()
        y = inner.y()
        painter.setClipRect(rect)  # lifted below, before the next block's box is drawn
        for number, text in enumerate(t for t in lines if t):
            heading = number == 0 or (number == 1 and narrow)
            struck = view.cancelled and not text.startswith("Cancelled")
            font, metrics = fonts.get(heading, struck)
            line_height = metrics.height()
            room_left = inner.bottom() - y
            if room_left < line_height and number > 0:
                break
            painter.setFont(font)
            if view.cancelled:
                painter.setPen(CANCELLED_TEXT)
            else:
                painter.setPen(CONFLICT_TEXT if conflict and number == 0 else BLOCK_TEXT)
            # Narrow side-by-side blocks wrap instead of cutting the title to a few letters.
            needed = fonts.height(heading, struck, text, width)
            if needed <= room_left:
                painter.drawText(QRectF(inner.x(), y, width, needed), WRAP_LEFT, text)
                y += needed
                continue
            lines_fit = max(1, int(room_left // line_height))
            painter.drawText(QRectF(inner.x(), y, width, lines_fit * line_height), WRAP_LEFT, text)
            break
        painter.setClipping(False)

    # -- interaction --------------------------------------------------------------------
    def describe(self, view: SessionView) -> str:
        """The block's full text (tooltip and screen reader)."""
        parts = [
            f"{view.kind_label}: {view.title}",
            f"{view.day:%A}, {formats.show_date(view.day)}, "
            f"{formats.show_times(view.start, view.end)}",
        ]
        if view.counselor:
            parts.append(f"Counselor: {view.counselor}")
        if view.room:
            parts.append(f"Room: {view.room}")
        if view.clients:
            parts.append("Clients: " + ", ".join(view.clients))
        if view.cancelled:
            parts.append(f"Cancelled: {view.cancel_reason}")
        if view.moved:
            parts.append("Moved from its usual time")
        if view.conflicts and not view.cancelled:
            parts.append("Conflicts: " + "; ".join(view.conflicts))
            if view.conflict_reason:
                parts.append(f"Booked anyway: {view.conflict_reason}")
        return "\n".join(parts)

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip:
            item = self._at(event.pos())
            if item is not None:
                QToolTip.showText(event.globalPos(), self.describe(item.view), self)
            else:
                QToolTip.hideText()
            return True
        return super().event(event)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        item = self._at(event.position().toPoint())
        self._select(item.view.id if item else None)
        super().mousePressEvent(event)

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:
        point = event.position().toPoint()
        item = self._at(point)
        if item is not None:
            self.session_activated.emit(item.view.id)
            return
        slot = self._slot(point)
        if slot is not None:
            self.slot_activated.emit(*slot)

    def _select(self, session_id: int | None) -> None:
        self.selected = session_id
        if session_id is not None:
            view = next(p.view for p in self.placed if p.view.id == session_id)
            self.setAccessibleDescription(self.describe(view))
        self.update()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        order = [
            p.view.id
            for p in sorted(self.placed, key=lambda p: (p.view.day, p.view.start, p.rect.x()))
        ]
        key = event.key()
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.selected is not None:
            self.session_activated.emit(self.selected)
            return
        if key in (Qt.Key.Key_Right, Qt.Key.Key_Down, Qt.Key.Key_Left, Qt.Key.Key_Up) and order:
            step = 1 if key in (Qt.Key.Key_Right, Qt.Key.Key_Down) else -1
            index = order.index(self.selected) + step if self.selected in order else 0
            self._select(order[index % len(order)])
            return
        super().keyPressEvent(event)
