"""Questions to a saved graph (top, card, neighbours, paths, communities, stats), filters and name look-up."""
