"""Widgets every area shares: the row table, titled section tables, date and time inputs."""
