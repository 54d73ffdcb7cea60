from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "samspill.accounts"
    label = "accounts"
