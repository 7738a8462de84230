"""report: lay out a year-end review from YAML content into print and screen PDFs."""

from . import dataclass_code
from .deferred import defer_library_patterns

__version__ = "0.1.0"

dataclass_code.install()  # before any of the package's dataclasses is defined
defer_library_patterns()  # before reportlab or PyYAML are imported (see deferred.py)
