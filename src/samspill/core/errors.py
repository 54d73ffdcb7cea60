"""Errors raised by services and selectors; views and the API translate them into responses."""

from django.utils.translation import gettext_lazy as _


class NotFound(Exception):
    """Raised both for what does not exist and for what the actor may not see, so the two look the same."""

    def __init__(self, message=None):
        super().__init__(message or _("Not found."))


class ApplicationError(Exception):
    """A request that cannot be carried out; ``field_errors`` maps field names to messages a user understands."""

    def __init__(self, message, *, field_errors: dict[str, list[str]] | None = None):
        super().__init__(message)
        self.message = message
        self.field_errors = field_errors or {}

    @classmethod
    def for_fields(cls, field_errors: dict[str, list[str]]):
        return cls(_("Some fields need attention."), field_errors=field_errors)

    def as_text(self) -> str:
        """For the command line: the message, then one line per field."""
        lines = [str(self.message)]
        lines += [f"  {field}: {' '.join(str(m) for m in messages)}" for field, messages in self.field_errors.items()]
        return "\n".join(lines)


class PermissionDenied(Exception):
    """An action (not a read) the actor may not perform on an object they are allowed to see."""
