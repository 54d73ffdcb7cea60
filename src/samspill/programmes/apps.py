from django.apps import AppConfig


class ProgrammesConfig(AppConfig):
    name = "samspill.programmes"
    label = "programmes"
