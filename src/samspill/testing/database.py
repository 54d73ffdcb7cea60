import hashlib

from django.apps import apps


def fingerprint(*, include_access_log: bool = True) -> str:
    """A digest of every row of every Samspill table, to prove a request changed nothing.

    Sessions are outside it (logging in writes one). ``include_access_log=False`` is for a request that was
    allowed to read, and so rightly logged the read, but must not have written anything else."""
    digest = hashlib.sha256()
    for model in sorted(apps.get_models(), key=lambda m: m._meta.label):
        if not model.__module__.startswith("samspill."):
            continue
        if not include_access_log and model._meta.label == "audit.AccessLog":
            continue
        digest.update(model._meta.label.encode())
        for row in model.objects.order_by("pk").values():
            digest.update(repr(sorted(row.items())).encode())
    return digest.hexdigest()
