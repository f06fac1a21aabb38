"""Discharge and aftercare windows: the discharge dialog, the aftercare plan, check-ins."""
