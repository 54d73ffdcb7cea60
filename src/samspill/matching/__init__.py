"""Matching of participants, opportunities, programmes and peer mentors.

``engine/`` holds the pure-Python scoring, explanations and assignment; ``services.py`` will hold the Django glue
(consent checks, reading candidates through the access gate).
"""
