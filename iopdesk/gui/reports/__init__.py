"""The Reports area's screens: the report chooser and figures, the chart, the billing codes."""
