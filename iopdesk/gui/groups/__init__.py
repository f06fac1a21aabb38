"""The Groups area: group list, group editor with weekly schedule, roster and sessions."""
