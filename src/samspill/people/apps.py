from django.apps import AppConfig


class PeopleConfig(AppConfig):
    name = "samspill.people"
    label = "people"
