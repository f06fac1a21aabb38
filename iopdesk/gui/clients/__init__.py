"""The Clients list, the New client / Edit dialogs, and the client chart window."""
