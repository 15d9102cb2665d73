"""Relating: typed statements and co-mentions between resolved entities, each with its evidence."""
