"""Emitting Qt signals from Python without tripping PySide6 6.12's reference-count bug.

PySide6 6.12.0's ``Signal.emit()`` returns ``True`` without owning a reference to it, so every
emit from Python drops the interpreter's count on ``True`` by one; a few thousand emits later
the process aborts ("bool_dealloc"). Taking the missing reference back is harmless on versions
where the bug is fixed (``True`` is never freed).
"""

from __future__ import annotations

import ctypes
from typing import Any


def emit(signal: Any, *args: object) -> None:
    """``signal.emit(*args)``, keeping ``True``/``False`` reference counts balanced."""
    result = signal.emit(*args)
    if result is True or result is False:
        ctypes.pythonapi.Py_IncRef(ctypes.py_object(result))
