"""Persistence: Peewee models, the database proxy, opening, health checks and migrations."""
