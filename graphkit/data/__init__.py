"""Reference data read at run time by graphkit.gazetteer (and the mention repair word lists)."""
