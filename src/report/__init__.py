"""report: lay out a year-end review from YAML content into print and screen PDFs."""

__version__ = "0.1.0"
