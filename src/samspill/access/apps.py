from django.apps import AppConfig


class AccessConfig(AppConfig):
    name = "samspill.access"
    label = "access"
