from django.apps import AppConfig


class ConsentConfig(AppConfig):
    name = "samspill.consent"
    label = "consent"
