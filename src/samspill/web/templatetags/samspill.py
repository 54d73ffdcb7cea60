from django import template

from samspill.core.countries import country_name
from samspill.core.languages import language_name

register = template.Library()


@register.filter
def country(code):
    """The country's name in the current language."""
    return country_name(code)


@register.filter
def language(code):
    """The language's name in the current language."""
    return language_name(code)


@register.filter
def can_see(access, field):
    return access.can_see(field)


@register.filter
def can_edit(access, field):
    return access.can_edit(field)
