"""The command's guards and options, run in-process on the test database with tiny demos."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from samspill.access.selectors import participants_for_actor
from samspill.accounts.models import Organisation, User
from samspill.accounts.services import organisation_create
from samspill.core.roles import Purpose
from samspill.demo.generator import DEMO_USERNAMES, demo_present
from samspill.people.models import Participant

pytestmark = pytest.mark.django_db


def demo(*args) -> str:
    output = StringIO()
    call_command("demo", "--no-serve", *args, stdout=output)
    return output.getvalue()


def test_it_refuses_a_database_that_holds_other_data():
    organisation_create(actor=None, name="Ekte kommune", kind="municipality", municipality_number="3907")
    with pytest.raises(CommandError):
        demo("--participants", "3")
    assert not User.objects.exists()


@pytest.mark.django_db(transaction=True)  # --reset flushes with TRUNCATE on PostgreSQL: not inside a test transaction
def test_reset_replaces_everything_and_a_second_run_adds_nothing():
    organisation_create(actor=None, name="Ekte kommune", kind="municipality", municipality_number="3907")
    demo("--reset", "--participants", "3", "--seed", "7")
    assert not Organisation.objects.filter(name="Ekte kommune").exists()
    assert demo_present() and Participant.objects.count() == 3
    counts = (User.objects.count(), Organisation.objects.count(), Participant.objects.count())
    demo("--participants", "40")
    assert (User.objects.count(), Organisation.objects.count(), Participant.objects.count()) == counts


@pytest.mark.parametrize("size", [1, 25])
def test_tiny_demos_still_have_every_account_and_the_demo_participant(size):
    demo("--participants", str(size))
    assert set(User.objects.filter(username__in=DEMO_USERNAMES).values_list("username", flat=True)) == set(
        DEMO_USERNAMES
    )
    assert Participant.objects.count() == size
    own = participants_for_actor(User.objects.get(username="deltaker"), purpose=Purpose.SELF_SERVICE)
    caseload = participants_for_actor(User.objects.get(username="jobbspesialist"), purpose=Purpose.CASE_MANAGEMENT)
    assert own.count() == 1 and caseload.filter(pk=own.get().pk).exists()


@pytest.mark.parametrize("arguments", [["--participants", "0"], ["--addr", "localhost"]])
def test_it_refuses_wrong_options(arguments):
    with pytest.raises(CommandError):
        demo(*arguments)


def test_its_help_renders():
    from samspill.demo.management.commands.demo import Command

    text = Command().create_parser("samspill", "demo").format_help()
    for option in ("--seed", "--participants", "--reset", "--no-serve", "--addr"):
        assert option in text
