"""Help for the person at the screen: the offline user guide, the keyboard shortcuts and About
IOPdesk (the main window's Help menu), readable without a network."""
