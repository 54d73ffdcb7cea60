from django.apps import AppConfig


class PeersConfig(AppConfig):
    name = "samspill.peers"
    label = "peers"
