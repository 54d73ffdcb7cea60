from django.apps import AppConfig


class MatchingConfig(AppConfig):
    name = "samspill.matching"
    label = "matching"
