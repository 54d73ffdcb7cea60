import pytest
from django.core.management import CommandError, call_command

from samspill.accounts.models import Organisation, User
from samspill.core.roles import Role


@pytest.mark.django_db
def test_an_administrator_sets_up_an_organisation_and_a_user_from_the_command_line(tmp_path, capsys):
    call_command("organisation", "add", "NAV Larvik", "--kind", "nav_office", "--municipality", "3909")
    organisation = Organisation.objects.get(name="NAV Larvik")
    password_file = tmp_path / "pw"
    password_file.write_text("a-long-first-passphrase\n")
    call_command(
        "user",
        "kari",
        "--organisation",
        str(organisation.pk),
        "--role",
        "job_specialist",
        "--first-name",
        "Kari",
        "--password-file",
        str(password_file),
    )
    user = User.objects.get(username="kari")
    assert user.check_password("a-long-first-passphrase") and user.must_change_password
    assert list(user.memberships.values_list("role", flat=True)) == [Role.JOB_SPECIALIST]
    call_command("organisation", "list")
    assert "NAV Larvik" in capsys.readouterr().out


@pytest.mark.django_db
def test_bad_command_input_is_explained_and_stores_nothing(tmp_path):
    with pytest.raises(CommandError, match="four digits"):
        call_command("organisation", "add", "X", "--kind", "nav_office", "--municipality", "39")
    organisation = Organisation.objects.create(name="NAV Skien", kind="nav_office", municipality_number="4003")
    password_file = tmp_path / "pw"
    password_file.write_text("123")
    with pytest.raises(CommandError, match="password"):
        call_command(
            "user",
            "ola",
            "--organisation",
            str(organisation.pk),
            "--role",
            "coordinator",
            "--password-file",
            str(password_file),
        )
    assert not User.objects.filter(username="ola").exists()
    assert Organisation.objects.count() == 1
