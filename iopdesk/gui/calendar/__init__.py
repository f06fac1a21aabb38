"""The weekly session calendar: the painted week grid and its dialogs."""
