from django.apps import AppConfig


class DemoConfig(AppConfig):
    name = "samspill.demo"
    label = "demo"
