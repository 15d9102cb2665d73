"""Typed relations read from the dependency parse."""

from graphkit.extract.relations.patterns import find_relations

__all__ = ["find_relations"]
