"""The attendance sheet window and its parts."""
