"""Qt windows, dialogs and item models; they ask services and never query the database."""
