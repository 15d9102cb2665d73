"""The spaCy side of graphkit: loading a pipeline and the components graphkit adds to it."""

from graphkit.nlp.pipeline import DEFAULT_MODEL, ModelNotFound, load_pipeline

__all__ = ["DEFAULT_MODEL", "ModelNotFound", "load_pipeline"]
