"""Printed and exported documents (PDF, CSV, iCalendar) rendered from plain dataclasses."""
