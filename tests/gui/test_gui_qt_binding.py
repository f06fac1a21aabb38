"""Guards against a Qt binding that corrupts Python's reference counts (PySide6 6.12.0 did)."""

import sys

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QLabel


class _Emitter(QObject):
    changed = Signal(int)


def test_emitting_and_calling_void_methods_keeps_reference_counts(qtbot):
    label = QLabel()
    qtbot.addWidget(label)
    emitter = _Emitter()
    none_before, true_before = sys.getrefcount(None), sys.getrefcount(True)
    for _ in range(200):
        label.setEnabled(True)
        emitter.changed.emit(1)
    # A leak of one reference per call would show as -200 (and crash the app after thousands).
    assert abs(sys.getrefcount(None) - none_before) < 50
    assert abs(sys.getrefcount(True) - true_before) < 50
