"""The intake assessment window and its pages."""
