"""report: lay out a year-end review from YAML content into print and screen PDFs."""

from .deferred import defer_library_patterns

__version__ = "0.1.0"

defer_library_patterns()  # before reportlab or PyYAML are imported (see deferred.py)
