from django.apps import AppConfig


class PathwaysConfig(AppConfig):
    name = "samspill.pathways"
    label = "pathways"
