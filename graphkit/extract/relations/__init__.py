"""Typed relations read from the dependency parse."""

from graphkit.extract.relations.patterns import find_relations, sentences_to_parse

__all__ = ["find_relations", "sentences_to_parse"]
