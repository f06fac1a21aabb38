"""The treatment plan windows: editor, preview and print, reviews, library pickers."""
