"""Screens for the safety plan and the medication list."""
