"""The current request's id, so audit rows written deep in services can name the request they belong to."""

import contextvars
import uuid

_request_id: contextvars.ContextVar[str] = contextvars.ContextVar("samspill_request_id", default="")


def current_request_id() -> str:
    return _request_id.get() or ""


def set_request_id(value: str):
    return _request_id.set(value)


def reset_request_id(token) -> None:
    _request_id.reset(token)


def new_request_id() -> str:
    return uuid.uuid4().hex
