"""The issue's pathway scenario, in the browser: intake (the job specialist opens an employment pathway) → the
agreement written and signed by the participant and the job specialist → vocational profile (the stage note in
the participant's words and a skill on the profile) → job finding with an employer contact → the placement
agreement co-signed by the employer → on-the-job support → follow-up → closed as employed; and the participant
proposing an activity from their own page. axe-core checks every page on the way."""

import re

import pytest

from samspill.core import clock
from samspill.pathways.models import Pathway
from samspill.testing.personas import PASSWORD, build_world


@pytest.fixture
def people(live_server, transactional_db):
    return build_world(with_passwords=frozenset({"owner", "participant", "employer_contact"}))


@pytest.fixture
def new_page(browser):
    """Another person's browser: a fresh context (locale en) per call."""
    contexts = []

    def make():
        context = browser.new_context(locale="en")
        context.set_default_timeout(15_000)
        contexts.append(context)
        return context.new_page()

    yield make
    for context in contexts:
        context.close()


def _status(page) -> str:
    return page.get_by_role("status").first.inner_text().strip()


def _move_forward(page, stage):
    form = page.locator("form", has=page.get_by_role("heading", name=f"Move forward to “{stage}”"))
    form.get_by_role("button", name="Move forward").click()
    page.wait_for_load_state()
    assert _status(page) == "The pathway has moved.", page.locator("main").inner_text()[:2000]
    assert page.locator("[aria-current='step']").inner_text().strip().startswith(stage)


def _open_pathway_as(page, live_server, participant_name="Amina Haddad"):
    page.goto(live_server.url + "/")
    page.get_by_role("navigation", name="Main menu").get_by_role("link", name="Pathways").click()
    page.get_by_role("link", name=participant_name).click()
    page.wait_for_load_state()


def _sign(page, version, assert_accessible, who):
    page.get_by_role("navigation", name="Pathway sections").get_by_role("link", name="Agreement").click()
    assert_accessible(page, f"agreement ({who})")
    page.get_by_role("button", name=f"Sign version {version}").click()
    page.wait_for_load_state()
    assert _status(page) == "You have signed the agreement."


def test_the_whole_employment_pathway(page, new_page, live_server, people, login, assert_accessible):
    specialist = page
    login(specialist, live_server, "owner", PASSWORD)
    participant = new_page()
    login(participant, live_server, "participant", PASSWORD)

    # Intake: from the participant's profile, the job specialist opens an employment pathway.
    specialist.goto(f"{live_server.url}/participants/{people.participant.pk}/")
    specialist.locator("main").get_by_role("link", name="Pathways", exact=True).click()
    assert_accessible(specialist, "the participant's pathways")
    specialist.get_by_label("Employment (Supported Employment)").check()
    specialist.get_by_role("button", name="Open the pathway").click()
    specialist.wait_for_load_state()
    assert specialist.get_by_role("heading", level=1).inner_text() == "Pathway of Amina Haddad"
    assert specialist.locator("[aria-current='step']").inner_text().strip().startswith("Engagement and agreement")
    assert_accessible(specialist, "pathway page")
    pathway = Pathway.objects.get(participant=people.participant)

    # Moving on before the agreement is signed is refused, in words.
    specialist.get_by_role("button", name="Move forward").click()
    specialist.wait_for_load_state()
    assert (
        "the agreement signed by the participant and the job specialist" in specialist.get_by_role("alert").inner_text()
    )
    assert_accessible(specialist, "pathway page with a refused move")

    # The agreement: written by the job specialist, signed by both.
    specialist.get_by_role("navigation", name="Pathway sections").get_by_role("link", name="Agreement").click()
    assert_accessible(specialist, "agreement, empty")
    specialist.get_by_label("Agreement text").fill(
        "Amina and her job specialist work together towards a job. We meet every second week."
    )
    specialist.get_by_label("Language of the text").select_option("en")
    specialist.get_by_role("button", name="Save the new version").click()
    specialist.wait_for_load_state()
    assert "Version 1 of the agreement is saved" in _status(specialist)
    specialist.get_by_role("button", name="Sign version 1").click()
    specialist.wait_for_load_state()
    assert "Job specialist: Owner Testesen" in specialist.locator("main").inner_text()

    participant.goto(live_server.url + "/me/")
    participant.get_by_role("link", name="My pathway to work").click()
    assert_accessible(participant, "the participant's pathways (own)")
    participant.get_by_role("link", name="Employment (Supported Employment)", exact=True).click()
    assert_accessible(participant, "pathway page (participant)")
    _sign(participant, 1, assert_accessible, "participant")
    assert "Signed by every party" in participant.locator("main").inner_text()

    # Vocational profiling: the stage note in the participant's words, and a skill on the profile.
    specialist.get_by_role("navigation", name="Pathway sections").get_by_role("link", name="Overview").click()
    _move_forward(specialist, "Vocational profiling")
    specialist.get_by_role("link", name="Write the notes for “Vocational profiling”").click()
    assert_accessible(specialist, "stage notes")
    specialist.get_by_label("An interpreter was used").check()
    specialist.get_by_label("Interpreter language").select_option("ar")
    specialist.get_by_label("Norwegian level (CEFR)").select_option("A2")
    specialist.get_by_label("In the participant's own words").fill("I baked bread for my family's bakery in Aleppo.")
    specialist.get_by_label("The participant agrees with this stage").check()
    specialist.get_by_label("Workplace mediation notes").fill("Talked about breaks for prayer.")
    specialist.get_by_role("button", name="Save the notes").click()
    specialist.wait_for_load_state()
    assert "I baked bread" in specialist.locator("main").inner_text()

    specialist.goto(f"{live_server.url}/participants/{people.participant.pk}/")
    specialist.locator("summary", has_text="Add a skill").click()
    specialist.get_by_label(re.compile(r"^Skill:?$")).fill("Baking bread")
    specialist.get_by_role("button", name="Add skill").click()
    specialist.wait_for_load_state()
    specialist.goto(f"{live_server.url}/pathways/{pathway.pk}/")
    _move_forward(specialist, "Job finding")

    # Job finding: the job specialist logs a contact with an employer for this pathway.
    specialist.get_by_role("link", name="Log an employer contact").click()
    assert_accessible(specialist, "employer contact log")
    specialist.get_by_label(re.compile(r"^Employer:?$")).select_option(label="Vestfold Bakeri AS")
    specialist.get_by_label("Participant (optional)").select_option(str(pathway.pk))
    specialist.get_by_label("Kind of contact").select_option("visit")
    specialist.get_by_label("Outcome").fill("The bakery is looking for a baker's assistant.")
    specialist.locator("main form[method='post']").last.locator("button[type='submit']").click()
    specialist.wait_for_load_state()
    assert "The contact is logged." in _status(specialist)
    specialist.goto(f"{live_server.url}/pathways/{pathway.pk}/")
    _move_forward(specialist, "Employer engagement")

    # Employer engagement: the employer joins the team and co-signs the placement agreement.
    specialist.locator("summary", has_text="Add a member to the team").click()
    specialist.get_by_label("Username").fill("employer_contact")
    specialist.get_by_label("Role on the pathway").select_option("employer")
    specialist.get_by_role("button", name="Add to the team").click()
    specialist.wait_for_load_state()
    assert "Employer Contact Testesen is on the team." in _status(specialist)
    assert_accessible(specialist, "pathway page with the team")

    specialist.get_by_role("navigation", name="Pathway sections").get_by_role("link", name="Agreement").click()
    specialist.get_by_label("Agreement text").fill(
        "Placement agreement: Amina starts a work trial at Vestfold Bakeri AS, 30 hours a week, with a workplace "
        "mentor. The job specialist visits every second week."
    )
    specialist.get_by_role("button", name="Save the new version").click()
    specialist.wait_for_load_state()
    specialist.get_by_role("button", name="Sign version 2").click()
    specialist.wait_for_load_state()
    participant.reload()
    _sign(participant, 2, assert_accessible, "participant, placement agreement")

    employer = new_page()
    login(employer, live_server, "employer_contact", PASSWORD)
    _open_pathway_as(employer, live_server)
    assert_accessible(employer, "pathway page (employer on the team)")
    assert employer.get_by_role("button", name="Move forward").count() == 0
    _sign(employer, 2, assert_accessible, "employer")
    assert "Signed by every party" in employer.locator("main").inner_text()
    assert "Employer: Employer Contact Testesen" in employer.locator("main").inner_text()

    # The placement starts (the opportunity is the employer's own; registered through the employers services).
    from samspill.employers.services import opportunity_create

    opportunity = opportunity_create(
        actor=people.user("employer_contact"),
        employer=people.organisations["employer"],
        data={
            "kind": "work_trial",
            "title": "Baker's assistant",
            "occupation_code": "7512",
            "occupation_title": "Baker",
            "hours_per_week": 30,
            "municipality_number": "3907",
        },
    )
    specialist.goto(f"{live_server.url}/pathways/{pathway.pk}/")
    specialist.get_by_role("link", name="Start a placement").click()
    assert_accessible(specialist, "placement start")
    specialist.get_by_label(re.compile(r"^Participant:?$")).select_option(str(pathway.pk))
    specialist.get_by_label("Opportunity").select_option(str(opportunity.pk))
    specialist.get_by_label("Start date").fill(clock.today().isoformat())
    specialist.get_by_label("Hours per week").fill("30")
    specialist.locator("main form[method='post']").last.locator("button[type='submit']").click()
    specialist.wait_for_load_state()
    specialist.goto(f"{live_server.url}/pathways/{pathway.pk}/")
    _move_forward(specialist, "On- and off-the-job support")

    # On-the-job support, then follow-up after placement, then closed as employed.
    specialist.get_by_role("link", name="Write the notes for “On- and off-the-job support”").click()
    specialist.get_by_label("Vocational Norwegian").fill("Names of the doughs and the machines.")
    specialist.get_by_label("Workplace mediation notes").fill("Agreed with the workplace mentor on clear instructions.")
    specialist.get_by_role("button", name="Save the notes").click()
    specialist.wait_for_load_state()
    _move_forward(specialist, "Follow-up")
    specialist.locator("summary", has_text="Close the pathway").click()
    close_form = specialist.locator("form", has=specialist.get_by_label("Outcome"))
    close_form.get_by_label("Outcome").select_option("employed")
    close_form.get_by_role("button", name="Close the pathway").click()
    specialist.wait_for_load_state()
    assert _status(specialist) == "The pathway has moved."
    assert specialist.locator("[aria-current='step']").inner_text().strip().startswith("Closed")
    facts = specialist.locator("dl.facts").first.inner_text()
    assert "Employed" in facts
    timeline = specialist.get_by_role("table", name="What happened on the pathway, newest first").inner_text()
    for text in ("Pathway started", "Agreement signed", "Employer contact", "Placement started", "Outcome: Employed"):
        assert text in timeline
    assert_accessible(specialist, "closed pathway")

    # The caseload board, from the header.
    specialist.get_by_role("navigation", name="Main menu").get_by_role("link", name="Pathways").click()
    assert specialist.get_by_role("heading", level=1).inner_text() == "Pathways by stage"
    assert_accessible(specialist, "caseload board")


def test_the_participant_proposes_an_activity_from_their_page(
    page, new_page, live_server, people, login, assert_accessible
):
    from samspill.access.selectors import access_participant
    from samspill.core.roles import Purpose
    from samspill.pathways.services import pathway_create

    owner = people.user("owner")
    pathway_create(
        actor=owner,
        participant_access=access_participant(owner, people.participant.pk, Purpose.CASE_MANAGEMENT),
        path="employment",
    )
    login(page, live_server, "participant", PASSWORD)
    page.goto(live_server.url + "/me/")
    page.get_by_role("link", name="My pathway to work").click()
    page.get_by_role("link", name="Plan").first.click()
    assert page.get_by_role("heading", level=1).inner_text() == "Plan for Amina Haddad"
    assert_accessible(page, "plan (participant)")

    # A mistake is explained next to its field.
    page.get_by_role("button", name="Propose the activity").click()
    page.wait_for_load_state()
    assert page.get_by_role("alert").is_visible()
    assert_accessible(page, "plan with errors")

    page.get_by_label("Kind of activity").select_option("language_course")
    page.get_by_label("Title").fill("Norwegian course at the library")
    page.get_by_label("Description").fill("Tuesdays and Thursdays, in the evening.")
    page.get_by_label("Due date").fill("2030-06-30")
    page.get_by_role("button", name="Propose the activity").click()
    page.wait_for_load_state()
    assert _status(page) == "The activity is proposed."
    activity = page.locator("li.activity", has=page.get_by_role("heading", name="Norwegian course at the library"))
    assert "Proposed" in activity.inner_text() and "Participant" in activity.inner_text()

    activity.get_by_label("Comment").fill("I can start in August.")
    activity.get_by_role("button", name=re.compile("Add the comment")).click()
    page.wait_for_load_state()
    assert "I can start in August." in page.locator("main").inner_text()

    page.locator("summary", has_text="Add a goal").click()
    page.get_by_label("The goal, in your own words").fill("I want to work as a baker.")
    page.get_by_role("button", name="Add the goal").click()
    page.wait_for_load_state()
    assert "I want to work as a baker." in page.locator("main").inner_text()
    assert_accessible(page, "plan with the participant's activity, comment and goal")

    # The job specialist agrees and plans it; a done activity shows no controls any more.
    specialist = new_page()
    login(specialist, live_server, "owner", PASSWORD)
    specialist.goto(page.url)
    activity = specialist.locator(
        "li.activity", has=specialist.get_by_role("heading", name="Norwegian course at the library")
    )
    activity.get_by_role("button", name=re.compile("I agree")).click()
    specialist.wait_for_load_state()
    activity = specialist.locator(
        "li.activity", has=specialist.get_by_role("heading", name="Norwegian course at the library")
    )
    assert "Job specialist" in activity.inner_text()
    for status in ("planned", "done"):
        activity.get_by_label("New status").select_option(status)
        activity.get_by_role("button", name=re.compile("Change status")).click()
        specialist.wait_for_load_state()
        activity = specialist.locator(
            "li.activity", has=specialist.get_by_role("heading", name="Norwegian course at the library")
        )
    assert "Done" in activity.inner_text()
    assert activity.get_by_role("button", name=re.compile("Change status|I agree")).count() == 0
    assert_accessible(specialist, "plan (job specialist)")
