"""Analysis engines in plain Python, without Django: state sequences (distances, clustering, indicators, plots),
survival analysis, trials and networks. Researchers can use them on register data without the platform.

This package must never import Django (enforced by an import-linter contract in pyproject.toml).
"""
