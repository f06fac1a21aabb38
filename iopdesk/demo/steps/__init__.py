"""Demo steps, one per area; each defines ORDER and populate(ctx)."""
