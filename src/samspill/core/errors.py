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


def field_errors_of(error) -> dict[str, list[str]]:
    """A Django ValidationError as {field: [messages]} ("__all__" for errors of the whole object)."""
    if hasattr(error, "error_dict"):
        return {field: [str(m) for e in errors for m in e.messages] for field, errors in error.error_dict.items()}
    return {"__all__": [str(m) for m in error.messages]}


def validate_model(instance, **full_clean_options) -> None:
    """Runs the model's validation and raises ApplicationError with the field errors."""
    from django.core.exceptions import ValidationError

    try:
        instance.full_clean(**full_clean_options)
    except ValidationError as error:
        raise ApplicationError.for_fields(field_errors_of(error)) from error


def reject_unknown_fields(data: dict, allowed) -> None:
    unknown = sorted(set(data) - set(allowed))
    if unknown:
        raise ApplicationError.for_fields(
            {name: [_("This field does not exist or cannot be set.")] for name in unknown}
        )


def as_uuid(value):
    """An id from a URL or a body as a UUID; anything malformed is simply "not found"."""
    import uuid

    try:
        return value if isinstance(value, uuid.UUID) else uuid.UUID(str(value))
    except ValueError as exc:
        raise NotFound() from exc
