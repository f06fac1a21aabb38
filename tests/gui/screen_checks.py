"""What every window must do, checked on a shown window the way a person looks at it.

Each check takes a shown top-level window and returns sentences naming what is wrong (empty
when the window is fine). Only the app's own widgets are judged: the parts Qt builds inside a
combo box, a spin box, a table or a tab bar are Qt's business.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator

from PySide6.QtCore import QMetaMethod, QPoint, QRect, Qt
from PySide6.QtGui import QAccessible, QFont, QFontMetrics
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractScrollArea,
    QAbstractSlider,
    QAbstractSpinBox,
    QButtonGroup,
    QCalendarWidget,
    QCheckBox,
    QComboBox,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QScrollBar,
    QStyle,
    QTabBar,
    QTextEdit,
    QToolButton,
    QWidget,
)

#: Widgets a person types into, picks from or tabs through.
INPUTS = (
    QLineEdit,
    QAbstractSpinBox,
    QComboBox,
    QPlainTextEdit,
    QTextEdit,
    QCheckBox,
    QRadioButton,
    QAbstractSlider,
)
#: Composite Qt widgets: what they hold inside (a spin box's line edit, a table's corner
#: button, a tab bar's scroll arrows) is drawn and named by Qt.
QT_COMPOSITES = (
    QLineEdit,
    QAbstractSpinBox,
    QComboBox,
    QAbstractItemView,
    QTabBar,
    QCalendarWidget,
    QAbstractSlider,
)
#: A pixel of rounding is not clipping.
SLACK = 1


def shown_text(text: str) -> str:
    """A caption as drawn: "&&" is an ampersand, a single "&" marks the shortcut letter."""
    return text.replace("&&", "\0").replace("&", "").replace("\0", "&")


def accessible_name(widget: QWidget) -> str:
    """What a screen reader says a widget is called."""
    face = QAccessible.queryAccessibleInterface(widget)
    return face.text(QAccessible.Text.Name).strip() if face is not None else ""


def describe(widget: QWidget) -> str:
    """How a sentence names a widget: its kind and what a person reads on it."""
    text = ""
    if isinstance(widget, (QAbstractButton, QLabel)):
        text = shown_text(widget.text())
    elif isinstance(widget, QGroupBox):
        text = widget.title()
    text = " ".join(text.split())
    name = accessible_name(widget) or widget.objectName()
    return f"{type(widget).__name__} {text or name!r}"[:90]


def _qt_part(widget: QWidget, window: QWidget) -> bool:
    """Whether ``widget`` is one of Qt's inner parts of a composite widget."""
    if widget.objectName().startswith("qt_"):
        return True
    parent = widget.parentWidget()
    while parent is not None and parent is not window:
        if isinstance(parent, QT_COMPOSITES):
            return True
        parent = parent.parentWidget()
    return False


def own(window: QWidget, kind: type | tuple[type, ...]) -> Iterator[QWidget]:
    """The app's own widgets of ``kind`` that a person can see in ``window`` now."""
    for widget in window.findChildren(QWidget):
        if (
            isinstance(widget, kind)
            and not isinstance(widget, (QHeaderView, QScrollBar))
            and widget.isVisibleTo(window)
            and not _qt_part(widget, window)
        ):
            yield widget


def _rect_in(widget: QWidget, ancestor: QWidget) -> QRect:
    return QRect(widget.mapTo(ancestor, QPoint(0, 0)), widget.size())


def fits_screen(window: QWidget) -> list[str]:
    """The whole window, frame included, lies on the screen's available area."""
    available = window.screen().availableGeometry()
    frame = window.frameGeometry()
    if available.contains(frame):
        return []
    return [
        f"window {frame.width()}x{frame.height()} at ({frame.x()},{frame.y()}) does not fit "
        f"the available screen {available.width()}x{available.height()}"
    ]


def _clipped_by(widget: QWidget, window: QWidget) -> QWidget | None:
    """The first ancestor that cuts part of ``widget`` off (a scrolling viewport does not:
    what it hides is a scroll away)."""
    child = widget
    parent = widget.parentWidget()
    while parent is not None:
        scroll = parent.parentWidget()
        if isinstance(scroll, QAbstractScrollArea) and parent is scroll.viewport():
            return None
        room = parent.rect().adjusted(-SLACK, -SLACK, SLACK, SLACK)
        if not room.contains(_rect_in(child, parent)):
            return parent
        if parent is window:
            return None
        child, parent = parent, parent.parentWidget()
    return None


def buttons_reachable(window: QWidget) -> list[str]:
    """Every button lies wholly inside its window (or a scrolling area) and on the screen."""
    problems = []
    available = window.screen().availableGeometry()
    for button in own(window, QAbstractButton):
        cut = _clipped_by(button, window)
        if cut is not None:
            problems.append(f"{describe(button)} is cut off by {describe(cut)}")
            continue
        on_screen = QRect(button.mapToGlobal(QPoint(0, 0)), button.size())
        if _scrolls(button) is None and not available.contains(on_screen):
            problems.append(f"{describe(button)} is off the screen")
    return problems


def _scrolls(widget: QWidget) -> QAbstractScrollArea | None:
    parent = widget.parentWidget()
    while parent is not None:
        if isinstance(parent, QAbstractScrollArea) and not isinstance(parent, QAbstractItemView):
            return parent
        parent = parent.parentWidget()
    return None


def _label_cut(label: QLabel) -> str:
    if not label.text():
        return ""
    if label.wordWrap():
        needed = label.heightForWidth(label.width())
        if needed > label.height() + SLACK:
            return f"needs {needed}px of height, has {label.height()}"
        return ""
    needed = label.minimumSizeHint().width()
    if needed > label.width() + SLACK:
        return f"needs {needed}px, has {label.width()}"
    return ""


def _button_cut(button: QAbstractButton) -> str:
    if not button.text():
        return ""
    hint = button.sizeHint()
    if hint.width() > button.width() + SLACK:
        return f"needs {hint.width()}px, has {button.width()}"
    if hint.height() > button.height() + SLACK:
        return f"needs {hint.height()}px of height, has {button.height()}"
    return ""


def _tab_cuts(bar: QTabBar) -> Iterator[str]:
    space = bar.style().pixelMetric(QStyle.PixelMetric.PM_TabBarTabHSpace, None, bar)
    metrics = bar.fontMetrics()
    for index in range(bar.count()):
        if not bar.isTabVisible(index):
            continue
        text = shown_text(bar.tabText(index))
        rect = bar.tabRect(index)
        needed = metrics.horizontalAdvance(text) + space
        if not bar.rect().contains(rect):
            yield f"tab {text!r} is scrolled out of its tab bar"
        elif needed > rect.width() + SLACK:
            yield f"tab {text!r} needs {needed}px, has {rect.width()}"


def _header_cuts(header: QHeaderView) -> Iterator[str]:
    model = header.model()
    if model is None or header.isHidden():
        return
    style = header.style()
    margin = style.pixelMetric(QStyle.PixelMetric.PM_HeaderMargin, None, header)
    mark = style.pixelMetric(QStyle.PixelMetric.PM_HeaderMarkSize, None, header)
    bold = QFont(header.font())
    bold.setBold(True)  # a highlighted section is drawn bold: it must fit then too
    metrics = QFontMetrics(bold)
    for section in range(header.count()):
        if header.isSectionHidden(section):
            continue
        text = str(model.headerData(section, header.orientation()) or "")
        needed = max(metrics.horizontalAdvance(line) for line in text.split("\n")) + 2 * margin
        if header.isSortIndicatorShown() and header.sortIndicatorSection() == section:
            needed += mark + margin
        size = header.sectionSize(section)
        if header.orientation() == Qt.Orientation.Horizontal and needed > size + SLACK:
            yield f"column {text!r} needs {needed}px, has {size}"


def texts_fit(window: QWidget) -> list[str]:
    """No label, button, tab, group-box title or column header is cut or elided."""
    problems = []
    for label in own(window, QLabel):
        cut = _label_cut(label)
        if cut:
            problems.append(f"{describe(label)} is cut: {cut}")
    for button in own(window, QAbstractButton):
        cut = _button_cut(button)
        if cut:
            problems.append(f"{describe(button)} is cut: {cut}")
    for box in own(window, QGroupBox):
        needed = box.fontMetrics().horizontalAdvance(shown_text(box.title())) + 16
        if box.title() and needed > box.width() + SLACK:
            problems.append(f"{describe(box)} title is cut: needs {needed}px")
    for bar in window.findChildren(QTabBar):
        if bar.isVisibleTo(window):
            problems.extend(f"{describe(bar.parentWidget())}: {cut}" for cut in _tab_cuts(bar))
    for header in window.findChildren(QHeaderView):
        if header.isVisibleTo(window) and header.orientation() == Qt.Orientation.Horizontal:
            view = header.parentWidget()
            problems.extend(f"{describe(view)}: {cut}" for cut in _header_cuts(header))
    return problems


def names_given(window: QWidget) -> list[str]:
    """Every input, list and button has an accessible name."""
    kinds = (*INPUTS, QAbstractButton, QAbstractItemView)
    unnamed = [w for w in own(window, kinds) if not accessible_name(w)]
    return [f"{describe(w)} has no accessible name" for w in unnamed]


def _connected(obj: QWidget, *signals: object) -> bool:
    return any(obj.isSignalConnected(QMetaMethod.fromSignal(signal)) for signal in signals)


def _button_works(button: QAbstractButton) -> bool:
    if _connected(button, button.clicked, button.pressed, button.released, button.toggled):
        return True
    if isinstance(button, QPushButton) and button.menu() is not None:
        return True
    if isinstance(button, QToolButton) and (button.menu() or button.defaultAction()):
        return True
    group: QButtonGroup | None = button.group()
    if group is not None:
        return _connected(group, group.buttonClicked, group.idClicked, group.idToggled)
    box = button.parentWidget()
    if isinstance(box, QDialogButtonBox):
        return _connected(box, box.accepted, box.rejected, box.clicked, box.helpRequested)
    return False


def buttons_connected(window: QWidget) -> list[str]:
    """Every enabled push or tool button does something when clicked."""
    return [
        f"{describe(b)} is connected to nothing"
        for b in own(window, (QPushButton, QToolButton))
        if b.isEnabled() and not _button_works(b)
    ]


def _focus_chain(window: QWidget) -> dict[QWidget, int]:
    """Each widget's place in the window's Tab order."""
    order: dict[QWidget, int] = {}
    widget = window.nextInFocusChain()
    while widget is not None and widget is not window and widget not in order:
        order[widget] = len(order)
        widget = widget.nextInFocusChain()
    return order


def _before_in_reading(a: QRect, b: QRect) -> bool:
    """Whether ``b`` is read before ``a``: on a line above, or left of it on the same line."""
    if b.bottom() < a.top():
        return True
    overlapping = b.top() <= a.bottom() and a.top() <= b.bottom()
    return overlapping and b.right() < a.left()


def _forms(window: QWidget) -> list[QWidget]:
    """The widgets that hold a form, each once."""
    # Layouts are found as QObject children, never through QLayout.itemAt: PySide keeps the
    # wrappers of the items it returns, and one left over from an item a layout has since
    # deleted is handed out for a new object at the same address (a flaky walk).
    found: list[QWidget] = []
    for form in window.findChildren(QFormLayout):
        holder = form.parentWidget()
        visible = holder is window or (holder is not None and holder.isVisibleTo(window))
        if visible and holder not in found:
            found.append(holder)
    return found


def forms_in_reading_order(window: QWidget) -> list[str]:
    """In every form, Tab goes from field to field top to bottom, left to right."""
    chain = _focus_chain(window)
    problems = []
    for form in _forms(window):
        fields = [
            w
            for w in own(form, INPUTS)
            if w.isEnabled() and w.focusPolicy() & Qt.FocusPolicy.TabFocus and w in chain
        ]
        fields.sort(key=chain.__getitem__)
        for a, b in itertools.pairwise(fields):
            if _before_in_reading(_rect_in(a, window), _rect_in(b, window)):
                problems.append(f"Tab goes from {describe(a)} back to {describe(b)}")
    return problems


CHECKS = (
    fits_screen,
    buttons_reachable,
    texts_fit,
    names_given,
    buttons_connected,
    forms_in_reading_order,
)


def check_window(window: QWidget) -> list[str]:
    """Every check on one shown window."""
    return [problem for check in CHECKS for problem in check(window)]
