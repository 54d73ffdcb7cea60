"""The matching engine in plain Python, without Django: scoring, explanations and assignment.

This package must never import Django (enforced by an import-linter contract in pyproject.toml).
"""
