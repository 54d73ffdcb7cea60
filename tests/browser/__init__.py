"""Browser tests: Playwright driving Debian chromium against pytest-django's live server."""
