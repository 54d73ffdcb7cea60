"""Samspill: a shared pathway to work for migrants, employers, support programmes and peer mentors."""

__version__ = "0.1.0"
