from django.apps import AppConfig


class WebConfig(AppConfig):
    name = "samspill.web"
    label = "web"
