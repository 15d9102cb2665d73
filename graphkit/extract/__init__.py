"""The spaCy side of graphkit: loading a pipeline and the components graphkit adds to it.

`load_pipeline` is imported on first use, so that naming the default model does not load spaCy.
"""

from typing import Any

from graphkit.extract.models import DEFAULT_MODEL, ModelNotFound

__all__ = ["DEFAULT_MODEL", "ModelNotFound", "load_pipeline"]


def __getattr__(name: str) -> Any:
    if name == "load_pipeline":
        from graphkit.extract.pipeline import load_pipeline

        return load_pipeline
    raise AttributeError(name)
