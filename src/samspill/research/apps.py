from django.apps import AppConfig


class ResearchConfig(AppConfig):
    name = "samspill.research"
    label = "research"
