"""Peewee models, one module per area of the clinic; import models from their area module."""
