from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "samspill.api"
    label = "api"
