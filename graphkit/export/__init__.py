"""Exporters: one module per format, each a function from a graph (and tables) to a file."""
