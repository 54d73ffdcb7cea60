from django.apps import AppConfig


class TaxonomyConfig(AppConfig):
    name = "samspill.taxonomy"
    label = "taxonomy"
