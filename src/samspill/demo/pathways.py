"""Pathway histories for the demo: the employers' profiles and opportunities, the programme catalogue, and for the
participants followed up by a job specialist a pathway to work over up to 36 months, with its agreement, stage notes,
co-created plan, employer contacts, placements, referrals and benefit periods.

Everything goes through the services and is scheduled on the generator's story clock (``_Builder.at``), so it is
played in date order with the rest of the story: each change-log row and each pathway event carries the day it
happened, and every event's effective date is the day it was recorded. Each participant's history is drawn up front
from a seeded ``random.Random`` of its own (the generator's draws stay as they were); the actions only replay it.
"""

import datetime as dt
import functools
import random
import string
from dataclasses import dataclass, field
from decimal import Decimal

from samspill.access.selectors import access_participant, access_pathway
from samspill.accounts.models import Organisation, User
from samspill.accounts.services import membership_add, user_create
from samspill.audit.services import change_record
from samspill.consent.models import Consent
from samspill.consent.services import consent_give
from samspill.core import clock
from samspill.core.errors import ApplicationError, NotFound, PermissionDenied
from samspill.core.roles import ConsentPurpose, Purpose, Role
from samspill.demo.catalogue import BY_CODE, Occupation
from samspill.employers.services import (
    candidate_propose,
    employer_contact_record,
    employer_profile_save,
    opportunity_create,
    opportunity_update,
    placement_end,
    placement_start,
)
from samspill.pathways.services import (
    activity_agree,
    activity_comment,
    activity_propose,
    activity_set_status,
    agreement_sign,
    agreement_version_create,
    benefit_period_record,
    confidentiality_declare,
    goal_add,
    pathway_create,
    pathway_member_add,
    pathway_move,
    stage_note_save,
)
from samspill.pathways.stages import ActivityKind, Outcome, Path, PathwayRole, Stage
from samspill.programmes.services import programme_create, referral_create, referral_transition

MAX_MONTHS = 36
ENTREPRENEURSHIP_SHARE = 0.06  # with the demo caseload's six, about 9 % of the pathways

# SN2007 industry code, size band, workplace mentors, language practice places, can adapt, about the workplace.
EMPLOYER_PROFILES = {
    "sandefjord-hotell": ("55.101", "50-249", 3, 4, True, "Hotell med restaurant, konferanse og selskap."),
    "vestfold-bakeri": ("10.710", "10-49", 1, 2, True, "Bakeri med produksjon om natten og butikk på dagtid."),
    "sandefjord-renhold": ("81.210", "50-249", 2, 3, True, "Renhold av kontorer, skoler og butikker."),
    "solstrand-omsorg": ("87.102", "50-249", 4, 3, True, "Sykehjem med korttids- og langtidsplasser."),
    "larvik-havn": ("52.240", "50-249", 2, 1, False, "Lasting, lossing og lager ved havna."),
    "larvik-dagligvare": ("47.111", "10-49", 1, 2, True, "Dagligvarebutikk med lang åpningstid."),
    "tonsberg-hotell": ("55.101", "50-249", 2, 2, True, "Hotell på brygga med restaurant og bar."),
    "vestfold-elektro": ("43.210", "10-49", 2, 1, False, "Elektrisk installasjon i bolig og næringsbygg."),
    "tonsberg-it": ("62.020", "10-49", 1, 1, True, "IT-drift og brukerstøtte for små bedrifter."),
    "vestfold-buss": ("49.311", "250+", 3, 0, False, "Rutebuss i Vestfold."),
    "horten-verksted": ("25.620", "50-249", 2, 1, True, "Sveising og maskinering for industri og offshore."),
    "holmestrand-bygg": ("41.200", "50-249", 3, 2, False, "Boligbygging og rehabilitering."),
    "faerder-gartneri": ("01.130", "10-49", 1, 3, True, "Grønnsaker og blomster, mye sesongarbeid."),
    "sandefjord-regnskap": ("69.201", "1-9", 1, 1, True, "Regnskap og lønn for små bedrifter."),
    "frisor-sandefjord": ("96.020", "1-9", 1, 1, True, "Frisørsalong i sentrum."),
    "grenland-prosess": ("20.150", "250+", 5, 1, False, "Prosessindustri med skiftarbeid."),
    "porsgrunn-lager": ("52.100", "50-249", 2, 2, True, "Lager og logistikk for dagligvare."),
    "skien-storkjokken": ("56.290", "10-49", 1, 2, True, "Storkjøkken som lager mat til kantiner og sykehjem."),
    "skien-omsorg": ("87.102", "250+", 4, 4, True, "Helsehus med sykehjem og rehabilitering."),
    "grenland-buss": ("49.311", "250+", 2, 0, False, "Rutebuss i Grenland."),
    "telemark-renhold": ("81.210", "10-49", 1, 2, True, "Renhold av kontorer og institusjoner."),
    "grenland-barnehager": ("88.911", "50-249", 3, 4, True, "Fem barnehager i Skien og Porsgrunn."),
    "notodden-trelast": ("16.100", "10-49", 1, 1, False, "Sagbruk og trelasthandel."),
    "bamble-sveis": ("25.110", "10-49", 1, 1, False, "Sveis og montasje av stålkonstruksjoner."),
    "midt-telemark-gard": ("01.500", "1-9", 1, 2, True, "Gård med grønnsaker, bær og dyr."),
    "alesund-fisk": ("10.209", "50-249", 2, 3, True, "Fiskeforedling med filetering og pakking."),
    "sunnmore-verft": ("30.111", "250+", 4, 1, False, "Skipsverft som bygger offshore- og fiskefartøy."),
    "kristiansund-klippfisk": ("10.201", "10-49", 1, 2, True, "Produksjon av klippfisk for eksport."),
    "molde-bygg": ("41.200", "50-249", 2, 1, False, "Bygg og anlegg i Romsdal."),
    "romsdal-havbruk": ("03.211", "10-49", 1, 1, False, "Oppdrett av laks i sjø."),
    "alesund-omsorg": ("87.102", "50-249", 3, 3, True, "Omsorgssenter med sykehjem og dagsenter."),
    "more-buss": ("49.311", "250+", 2, 0, False, "Rutebuss på Sunnmøre."),
    "sunnmore-hotell": ("55.101", "50-249", 2, 3, True, "Hotell med restaurant i Ålesund sentrum."),
    "molde-dagligvare": ("47.111", "10-49", 1, 2, True, "Dagligvarebutikk i Molde."),
    "kristiansund-elektro": ("43.210", "10-49", 1, 1, False, "Elektroinstallasjon og service."),
    "alesund-data": ("62.020", "10-49", 1, 1, True, "Utvikling og drift av IT-systemer."),
    "orsta-mobler": ("31.090", "50-249", 2, 2, True, "Møbelproduksjon med lakk og montering."),
}  # fmt: skip

# (provider key, kind, name, seats, description, eligibility)
PROGRAMMES = (
    ("sandefjord-vo", "norwegian", "Norskopplæring dag og kveld", 120,
     "Norsk på nivå A1–B2, med prøve i norsk.", "Voksne med rett eller plikt til opplæring, og andre som betaler."),
    ("sandefjord-vo", "introduction", "Introduksjonsprogrammet – norsk og samfunnskunnskap", 80,
     "Norsk og samfunnskunnskap som del av introduksjonsprogrammet.", "Deltakere i introduksjonsprogrammet."),
    ("sandefjord-vo", "financial", "Økonomikurs: privatøkonomi i Norge", 40,
     "Budsjett, skatt, lån og regninger. Med tolk ved behov.", "Alle som følges opp av NAV eller kommunen."),
    ("sandefjord-vo", "jobbsjansen", "Jobbsjansen Sandefjord", 25,
     "Norsk, arbeidspraksis og tett oppfølging i to år.", "Hjemmeværende innvandrere mellom 18 og 55 år."),
    ("tonsberg-vo", "norwegian", "Norskopplæring Tønsberg", 100, "Norsk på nivå A1–B2.", "Voksne innvandrere."),
    ("tonsberg-vo", "introduction", "Introduksjonsprogrammet – opplæring i Tønsberg", 60,
     "Norsk og samfunnskunnskap.", "Deltakere i introduksjonsprogrammet."),
    ("skien-ls", "norwegian", "Norsk for arbeidslivet", 90,
     "Norsk med yrkesretting: helse, bygg, renhold og restaurant.", "Voksne innvandrere."),
    ("skien-ls", "introduction", "Introduksjonsprogrammet Skien", 70, "Norsk og samfunnskunnskap.",
     "Deltakere i introduksjonsprogrammet."),
    ("skien-ls", "financial", "Privatøkonomi for nyankomne", 30, "Budsjett, skatt og bank.", "Alle voksne."),
    ("porsgrunn-vo", "norwegian", "Norskopplæring Porsgrunn", 70, "Norsk på nivå A1–B2.", "Voksne innvandrere."),
    ("porsgrunn-vo", "jobbsjansen", "Jobbsjansen Grenland", 25, "Norsk, praksis og oppfølging.",
     "Hjemmeværende innvandrere mellom 18 og 55 år."),
    ("alesund-vo", "norwegian", "Norskopplæring Ålesund", 90, "Norsk på nivå A1–B2.", "Voksne innvandrere."),
    ("alesund-vo", "introduction", "Introduksjonsprogrammet Ålesund", 60, "Norsk og samfunnskunnskap.",
     "Deltakere i introduksjonsprogrammet."),
    ("alesund-vo", "financial", "Økonomikurs Ålesund", 30, "Budsjett, skatt og bank.", "Alle voksne."),
    ("molde-vo", "norwegian", "Norskopplæring Molde", 60, "Norsk på nivå A1–B2.", "Voksne innvandrere."),
    ("molde-vo", "jobbsjansen", "Jobbsjansen Romsdal", 20, "Norsk, praksis og oppfølging.",
     "Hjemmeværende innvandrere mellom 18 og 55 år."),
    ("vestfold-fylkeskommune", "qualification", "Fagbrev på jobb – praksiskandidat", 60,
     "Veien til fagbrev for voksne med erfaring.", "Minst fem års allsidig praksis i faget."),
    ("vestfold-fylkeskommune", "business_start_up", "Etablereropplæring Vestfold", 30,
     "Kurs i forretningsplan, regnskap, skatt og mva.", "Alle som vil starte egen bedrift."),
    ("telemark-fylkeskommune", "qualification", "Fagbrev for voksne Telemark", 50,
     "Praksiskandidat og fagopplæring for voksne.", "Voksne med praksis i faget."),
    ("telemark-fylkeskommune", "business_start_up", "Etablerertjenesten Telemark", 30,
     "Veiledning og kurs for nye bedrifter.", "Alle som vil starte egen bedrift."),
    ("mr-fylkeskommune", "qualification", "Fagbrev på jobb Møre og Romsdal", 50,
     "Praksiskandidat og fagopplæring for voksne.", "Voksne med praksis i faget."),
    ("mr-fylkeskommune", "business_start_up", "Etablereropplæring Møre og Romsdal", 30,
     "Kurs og veiledning for gründere.", "Alle som vil starte egen bedrift."),
    ("helse-vestfold", "health", "Helseoppfølging for flyktninger", 40,
     "Helsekartlegging, fastlege og traumebehandling.", "Flyktninger og familiegjenforente."),
    ("helse-vestfold", "supported_employment", "IPS – jobbspesialist i psykisk helsetjeneste", 25,
     "Individuell jobbstøtte (IPS) sammen med behandlingen.", "Personer i behandling for psykiske lidelser."),
    ("helse-grenland", "health", "Migrasjonshelse Grenland – oppfølging", 40,
     "Helsekartlegging og oppfølging.", "Flyktninger og familiegjenforente."),
    ("helse-grenland", "supported_employment", "IPS Grenland", 20, "Individuell jobbstøtte (IPS).",
     "Personer i behandling for psykiske lidelser."),
    ("helse-sunnmore", "health", "Migrasjonshelse Sunnmøre – oppfølging", 40, "Helsekartlegging og oppfølging.",
     "Flyktninger og familiegjenforente."),
    ("nho-vt", "mentor", "Mentorprogram: Ny i arbeidslivet", 30,
     "Mentor fra en medlemsbedrift i seks måneder.", "Innvandrere med utdanning eller erfaring."),
    ("nho-mr", "mentor", "Mentorprogram Møre og Romsdal", 25, "Mentor fra en medlemsbedrift.",
     "Innvandrere med utdanning eller erfaring."),
)  # fmt: skip

# Opportunity kinds: (kind, subsidy of a placement, title prefix)
OPPORTUNITY_KINDS = {
    "job": ("none", ""),
    "language_practice": ("none", "Språkpraksis: "),
    "work_trial": ("work_trial", "Arbeidstrening: "),
    "apprenticeship": ("other", "Lærling: "),
    "subsidised_job": ("wage_subsidy", "Lønnstilskudd: "),
}
BENEFITS = ("work_assessment", "work_assessment", "unemployment", "social_assistance", "qualification")

GOALS_OWN_LANGUAGE = {
    "ar": "أريد أن أجد عملاً ثابتاً وأن أتعلم اللغة النرويجية في العمل.",
    "uk": "Я хочу знайти постійну роботу за своєю професією.",
    "ru": "Я хочу найти постоянную работу по специальности.",
    "fa": "می‌خواهم یک کار ثابت پیدا کنم و نروژی را بهتر یاد بگیرم.",
    "ti": "ቀዋሚ ስራ ክረክብ እደሊ እየ።",
    "so": "Waxaan rabaa inaan helo shaqo joogto ah oo aan barto luqadda noorwiijiga.",
    "pl": "Chcę znaleźć stałą pracę w swoim zawodzie.",
    "tr": "Mesleğimde kalıcı bir iş bulmak istiyorum.",
    "en": "I want a permanent job where I can use my experience.",
    "ro": "Vreau să găsesc un loc de muncă stabil în meseria mea.",
    "lt": "Noriu rasti nuolatinį darbą pagal savo profesiją.",
}
GOALS_NB = (
    "Jeg vil ha fast jobb som {title}.",
    "Jeg vil klare meg selv uten stønad.",
    "Jeg vil snakke bedre norsk på jobben.",
    "Jeg vil få godkjent utdanningen min og jobbe med det jeg kan.",
    "Jeg vil ha en jobb der jeg kan lære mer.",
    "Jeg vil jobbe deltid først, og så mer når barna er større.",
)
BUSINESS_GOALS = (
    "Jeg vil starte min egen bedrift innen {title}.",
    "Jeg vil ha mitt eget firma og ansette folk etter hvert.",
)
PARTICIPANT_WORDS = {
    Stage.ENGAGEMENT: (
        "Jeg vil gjerne ha hjelp til å finne jobb.",
        "Jeg forstår avtalen og vil være med.",
        "Jeg har ventet lenge på å komme i gang.",
    ),
    Stage.VOCATIONAL_PROFILING: (
        "Jeg har jobbet som {title} i mange år. Jeg kan mye, men jeg trenger bedre norsk.",
        "Jeg liker å jobbe med hendene og vil lære et fag.",
        "Jeg vil bruke erfaringen min fra hjemlandet.",
        "Jeg kan jobbe tidlig om morgenen og i helgene.",
    ),
    Stage.JOB_FINDING: (
        "Jeg har sendt mange søknader, men få svarer.",
        "Jeg vil gjerne prøve arbeidspraksis først.",
        "Jeg er klar for intervju, men jeg er litt nervøs.",
    ),
    Stage.EMPLOYER_ENGAGEMENT: (
        "Jeg var på besøk hos arbeidsgiveren og likte stedet.",
        "Jeg vil gjerne vise hva jeg kan.",
    ),
    Stage.JOB_SUPPORT: (
        "Det går bra på jobben, men det er mange nye ord.",
        "Kollegene er hyggelige. Jeg trenger mer tid med oppgavene.",
        "Jeg er sliten, men jeg er glad for å jobbe.",
    ),
    Stage.FOLLOW_UP: ("Jeg klarer meg godt nå.", "Jeg vil gjerne ha flere timer."),
    Stage.IDEA: ("Jeg har drevet eget firma før og vil gjøre det her også.",),
    Stage.TRAINING: ("Kurset er nyttig, særlig om skatt og mva.",),
    Stage.BUSINESS_PLAN: ("Jeg har regnet på hva jeg trenger for å komme i gang.",),
    Stage.REGISTRATION: ("Nå har jeg fått organisasjonsnummer!",),
    Stage.LAUNCH: ("De første kundene har kommet.",),
}
VOCATIONAL_NORWEGIAN = (
    "Ordliste for faget på norsk og morsmål.",
    "Øver på å forstå arbeidsinstrukser og HMS-regler.",
    "Trenger fagord og muntlig trening med kolleger.",
    "Bruker bilder og skriftlige sjekklister på arbeidsplassen.",
    "Øver på telefonsamtaler og å skrive korte meldinger.",
)
MEDIATION = (
    "Snakket med lederen om bønnepauser og fleksibel lunsj.",
    "Forklarte arbeidsgiveren at deltakeren er vant til mer direkte ledelse.",
    "Avtalte en fast kollega som fadder første måned.",
    "Snakket om forventninger til oppmøte og å si fra ved sykdom.",
    "Gikk gjennom uskrevne regler i lunsjen og på personalmøter.",
    "Arbeidsgiveren er usikker på språket; avtalte jevnlige samtaler med tolk.",
)
CONTACT_OUTCOMES = (
    "Presenterte deltakeren. Arbeidsgiveren vil møte henne/ham.",
    "Ingen ledige stillinger nå, men åpne for språkpraksis til høsten.",
    "Avtalte besøk på arbeidsplassen med deltakeren.",
    "Arbeidsgiveren trenger folk til sommeren.",
    "Sendte CV etter avtale. Venter på svar.",
    "Arbeidsgiveren ønsker bedre norsk før oppstart.",
    "Kartla arbeidsoppgaver som passer, og mulig tilrettelegging.",
)
COMMENTS = (
    "Vi tar det opp på neste møte.",
    "Tolk er bestilt.",
    "Deltakeren har begynt, og det går fint.",
    "Flyttet til neste uke på grunn av sykdom.",
    "Husk å ta med vitnemål og attester.",
)
BACK_REASONS = {
    Stage.VOCATIONAL_PROFILING: "Deltakeren vil endre yrkesmål etter samtaler med arbeidsgivere.",
    Stage.JOB_FINDING: "Arbeidsgiveren valgte en annen kandidat.",
    Stage.TRAINING: "Trenger mer opplæring i regnskap og mva før forretningsplanen.",
}
PLACEMENT_END_BACK = {
    "participant_left": "Deltakeren sluttet i praksisen; vi leter videre etter en jobb som passer bedre.",
    "employer_ended": "Arbeidsgiveren avsluttet; ny jobbsøking.",
    "health": "Praksisen stoppet av helsegrunner; ny plan når deltakeren er klar.",
    "completed": "Praksisen er fullført uten ansettelse; vi leter videre.",
}
BUSINESS_IDEAS = {
    "5120": "catering og matlevering", "5141": "frisørsalong", "9112": "renholdsfirma", "8322": "budbil og transport",
    "2512": "IT-konsulent", "7512": "bakeri", "7115": "snekkerfirma", "2411": "regnskapskontor",
    "5223": "nærbutikk med varer fra hjemlandet", "7231": "bilverksted",
}  # fmt: skip


def org_number(rng: random.Random) -> str:
    """A nine-digit organisation number with a valid modulus-11 check digit."""
    while True:
        digits = [9] + [rng.randint(0, 9) for _ in range(7)]
        rest = sum(d * w for d, w in zip(digits, (3, 2, 7, 6, 5, 4, 3, 2), strict=True)) % 11
        check = 0 if rest == 0 else 11 - rest
        if check < 10:
            return "".join(map(str, digits)) + str(check)


@dataclass
class Story:
    """One participant's pathway, as planned, and what the actions found while playing it."""

    plan: object
    path: Path
    specialist: User
    t: dt.datetime
    horizon: dt.datetime
    forced: str = ""  # the stage a demo story stops in ("full": the whole way)
    close_as: str = ""  # the outcome a demo story is closed with at the end
    quiet_days: int = 0
    hotel: bool = False  # the demo employer's placement
    planned_stage: str = ""
    closed: bool = False
    opportunity_kind: str = ""
    broken: str = ""
    agreement: str = ""  # the text of the newest version, and the parties that signed it
    signed: set = field(default_factory=set)
    accesses: dict = field(default_factory=dict)  # party -> ((party, day), PathwayAccess)
    pathway: object = None
    user: User | None = None
    stage: Stage | None = None
    done: bool = False
    activities: dict = field(default_factory=dict)
    employers: list = field(default_factory=list)  # employer keys contacted, in order
    consented: set = field(default_factory=set)  # organisation keys the story gave a consent to
    placement: object = None
    opportunity: object = None
    referrals: dict = field(default_factory=dict)
    team: dict = field(default_factory=dict)  # party -> user
    placements: int = 0


class PathwayStories:
    def __init__(self, builder):
        from samspill.demo import generator as g

        self.g = g
        self.b = builder
        self.rng = random.Random(f"samspill-demo:{builder.seed}:pathways")
        self.programmes: dict[tuple[str, str], object] = {}
        self.opportunities: dict[str, list] = {}
        self.stories: list[Story] = []
        self.by_spec: dict[int, object] = {}

    # -- time ------------------------------------------------------------------------------------------------------

    def moment(self, day: dt.date) -> dt.datetime:
        while day.weekday() >= 5:
            day += dt.timedelta(days=1)
        while day > self.g.TODAY or day.weekday() >= 5:
            day -= dt.timedelta(days=1)
        minutes = self.rng.randint(8 * 60 + 30, 14 * 60 + 30)
        return dt.datetime.combine(day, dt.time(minutes // 60, minutes % 60), tzinfo=self.g.OSLO)

    def go(self, s: Story, low: int, high: int) -> bool:
        """Moves the story's cursor some days on; False (and the story stops) past its horizon."""
        if s.done:
            return False
        day = s.t.astimezone(self.g.OSLO).date() + dt.timedelta(days=self.rng.randint(low, high))
        if day > self.g.TODAY:
            s.done = True
            return False
        when = self.moment(day)
        if when <= s.t:
            when = s.t + dt.timedelta(minutes=self.rng.randint(10, 60))
        if when > s.horizon or when.date() > self.g.TODAY:
            s.done = True
            return False
        s.t = when
        return True

    def do(self, s: Story, fn, *args, **kwargs) -> None:
        """Schedules one action at the cursor, then moves the cursor a few minutes on."""
        self.b.at(s.t, functools.partial(self.run, s, fn, args, kwargs))
        s.t += dt.timedelta(minutes=self.rng.randint(2, 12))

    def run(self, s: Story, fn, args, kwargs) -> None:
        """Plays one action. Should a service refuse it, the story stops there (and says why): the rest of the
        demo goes on."""
        if s.broken:
            return
        try:
            fn(s, *args, **kwargs)  # each service writes in its own transaction (a savepoint here)
        except (ApplicationError, PermissionDenied, NotFound) as error:
            text = error.as_text() if isinstance(error, ApplicationError) else str(error)
            s.broken = f"{fn.__name__} {args}: {text}"

    def side(self, when: dt.datetime, fn, *args) -> None:
        self.b.at(when, functools.partial(fn, *args))

    # -- the catalogue: employer profiles, opportunities, programmes ------------------------------------------------

    def staff(self, key: str) -> User:
        return self.b.staff[key][0]

    def provider_user(self, key: str) -> User:
        users = self.b.staff[key]
        if key == self.g.DEMO_PARTNER:
            return self.b.demo_users["partner"]
        return users[-1]

    def schedule_catalogue(self) -> None:
        start = self.g.PLATFORM_START
        for index, (key, _name, _municipality, _codes) in enumerate(self.g.EMPLOYERS):
            when = self.moment(start.date() + dt.timedelta(days=14 + index))
            self.side(when, self.save_profile, key)
        for index, row in enumerate(PROGRAMMES):
            when = self.moment(start.date() + dt.timedelta(days=7 + index // 3))
            self.side(when, self.create_programme, row)
        # Opportunities the employers register over the years, beside those the stories need.
        kinds = list(OPPORTUNITY_KINDS)
        for key, _name, _municipality, codes in self.g.EMPLOYERS:
            for number in range(self.rng.randint(1, 3)):
                day = start.date() + dt.timedelta(days=self.rng.randint(40, (self.g.TODAY - start.date()).days - 5))
                kind = kinds[number % len(kinds)] if key == self.g.DEMO_EMPLOYER else self.rng.choice(kinds)
                occupation = BY_CODE[self.rng.choice(codes)]
                spec = self.opportunity_spec(key, kind, occupation)
                when = self.moment(day)
                self.side(when, self.create_opportunity, key, spec, None)
                if self.rng.random() < 0.4:
                    closed = when + dt.timedelta(days=self.rng.randint(30, 120))
                    if closed < self.g.DEMO_NOW - dt.timedelta(days=1):
                        status = self.rng.choice(("filled", "closed"))
                        self.side(self.moment(closed.date()), self.close_opportunity, key, spec, status)
        # The demo employer has an opportunity of every kind open now.
        hotel = next(codes for key, _n, _m, codes in self.g.EMPLOYERS if key == self.g.DEMO_EMPLOYER)
        for index, kind in enumerate(kinds):
            occupation = BY_CODE[hotel[index % len(hotel)]]
            when = self.moment(self.g.TODAY - dt.timedelta(days=200 - 25 * index))
            self.side(
                when,
                self.create_opportunity,
                self.g.DEMO_EMPLOYER,
                self.opportunity_spec(self.g.DEMO_EMPLOYER, kind, occupation),
                None,
            )

    def save_profile(self, key: str) -> None:
        code, size, mentors, places, adapt, about = EMPLOYER_PROFILES[key]
        employer_profile_save(
            actor=self.staff(key),
            organisation=self.b.organisations[key],
            data={
                "industry_code": code,
                "size_band": size,
                "workplace_mentors": mentors,
                "language_practice_places": places,
                "adaptation_possible": adapt,
                "description": about,
            },
        )

    def create_programme(self, row) -> None:
        key, kind, name, seats, description, eligibility = row
        programme = programme_create(
            actor=self.provider_user(key),
            provider=self.b.organisations[key],
            data={"name": name, "kind": kind, "description": description, "eligibility": eligibility, "seats": seats},
        )
        self.programmes[(key, kind)] = programme

    def opportunity_spec(self, key: str, kind: str, occupation: Occupation) -> dict:
        rng = self.rng
        municipality = self.b.organisations[key].municipality_number
        level = rng.choice(("A2", "B1", "B1", "B2")) if kind in ("job", "apprenticeship") else rng.choice(("", "A2"))
        if occupation.skill_level >= 3 and kind == "job":
            level = "B2"
        return {
            "kind": kind,
            "title": f"{OPPORTUNITY_KINDS[kind][1]}{occupation.title_nb}",
            "occupation_code": occupation.code,
            "occupation_title": occupation.title_nb,
            "description": rng.choice(
                (
                    "Vi har god erfaring med nye kolleger fra andre land.",
                    "Opplæring på jobben, med fast kontaktperson.",
                    "Arbeid i team. Noe helg og kveld.",
                    "Passer for deg som vil lære faget i praksis.",
                )
            ),
            "norwegian_level": level,
            "hours_per_week": Decimal(rng.choice(("20.0", "30.0", "37.5", "37.5"))),
            "municipality_number": municipality,
            "positions": rng.choice((1, 1, 1, 2, 3)),
        }

    def create_opportunity(self, key: str, spec: dict, s: Story | None):
        opportunity = opportunity_create(actor=self.staff(key), employer=self.b.organisations[key], data=dict(spec))
        self.opportunities.setdefault(key, []).append(opportunity)
        self.by_spec[id(spec)] = opportunity
        if s is not None:
            s.opportunity = opportunity
        return opportunity

    def close_opportunity(self, key: str, spec: dict, status: str) -> None:
        opportunity = self.by_spec.get(id(spec))
        if opportunity is not None and opportunity.status == "open" and not opportunity.placements.exists():
            opportunity_update(actor=self.staff(key), opportunity=opportunity, data={"status": status})
            opportunity.status = status

    # -- choosing the participants and their stories ---------------------------------------------------------------

    def schedule(self) -> None:
        self.schedule_catalogue()
        self.schedule_stories()
        self.schedule_waiting_referrals()

    def schedule_waiting_referrals(self) -> None:
        """A few referrals to the demo partner made in the last days of the story: they wait in its inbox."""
        key, waiting = self.g.DEMO_PARTNER, 0
        partner = self.b.organisations[key]
        for s in self.stories:
            if waiting >= 4:
                break
            if s.closed or s.plan.region != "Vestfold" or key in s.consented:
                continue
            if self.has_planned_consent(s.plan, "partner", partner):
                continue
            accepted = waiting % 2 == 1  # accepted by the partner, not started yet
            days = self.rng.randint(8, 14) if accepted else self.rng.randint(1, 7)
            when = self.moment(self.g.TODAY - dt.timedelta(days=days))
            if when <= s.t + dt.timedelta(hours=1):
                continue
            s.consented.add(key)
            s.t = when
            self.do(s, self.act_consent, ConsentPurpose.SHARE_PARTNER, key)
            self.do(s, self.act_referral, key, "norwegian")
            if accepted:
                decided = self.moment(when.date() + dt.timedelta(days=self.rng.randint(2, 4)))
                move = (key, "norwegian", "accepted", "")
                self.b.at(decided, functools.partial(self.run, s, self.act_referral_move, move, {}))
            waiting += 1

    def schedule_stories(self) -> None:
        demo_specialist = self.b.demo_users["jobbspesialist"]
        followed = [p for p in self.b.plans if p.specialist is not None]
        demo_caseload = [p for p in followed if p.specialist is demo_specialist]
        others = [p for p in followed if p.specialist is not demo_specialist]
        self.schedule_demo_caseload(demo_caseload)
        # Everyone followed up gets a history; only those still in a team's queue (registered, not yet assigned)
        # have none, as in a real service.
        for plan in others:
            path = Path.ENTREPRENEURSHIP if self.rng.random() < ENTREPRENEURSHIP_SHARE else Path.EMPLOYMENT
            self.schedule_story(plan, path)

    def new_story(self, plan, path: Path, *, start: dt.datetime | None = None, forced="", quiet_days=0) -> Story:
        start = start or self.moment(plan.registered.date() + dt.timedelta(days=self.rng.randint(3, 21)))
        if start <= plan.registered:
            start = plan.registered + dt.timedelta(hours=1)
        horizon = min(
            self.g.DEMO_NOW - dt.timedelta(hours=1) - dt.timedelta(days=quiet_days),
            start + dt.timedelta(days=round(MAX_MONTHS * 30.44)),
        )
        story = Story(
            plan=plan,
            path=path,
            specialist=plan.specialist,
            t=start,
            horizon=horizon,
            forced=forced,
            quiet_days=quiet_days,
        )
        self.stories.append(story)
        return story

    def schedule_story(self, plan, path: Path, **options) -> Story | None:
        s = self.new_story(plan, path, **options)
        if s.t.date() > self.g.TODAY or s.t > s.horizon:
            return None
        if path == Path.EMPLOYMENT:
            self.employment(s)
        else:
            self.entrepreneurship(s)
        self.tail(s)
        return s

    def schedule_demo_caseload(self, plans) -> None:
        """The demo job specialist's caseload: pathways in every stage, and some that need attention."""
        me = next((p for p in plans if p.index == 0), None)
        rest = sorted((p for p in plans if p.index != 0), key=lambda p: (p.registered, p.index))
        # The earliest registered get the stories that take longest.
        targets = [
            # (where the story ends, path, days without follow-up at the end, needed: the rest are extras)
            ("closed:employed", Path.EMPLOYMENT, 0, True),
            ("follow_up", Path.EMPLOYMENT, 45, True),  # follow-up due
            ("closed:dropped", Path.EMPLOYMENT, 0, False),
            ("launch", Path.ENTREPRENEURSHIP, 0, True),
            ("job_support", Path.EMPLOYMENT, 0, True),  # the demo employer's placement
            ("follow_up", Path.ENTREPRENEURSHIP, 0, True),
            ("job_support", Path.EMPLOYMENT, 0, False),
            ("closed:education", Path.EMPLOYMENT, 0, False),
            ("employer_engagement", Path.EMPLOYMENT, 0, True),
            ("registration", Path.ENTREPRENEURSHIP, 0, True),
            ("job_finding", Path.EMPLOYMENT, 40, True),  # no employer contact for a while
            ("business_plan", Path.ENTREPRENEURSHIP, 0, True),
            ("job_finding", Path.EMPLOYMENT, 0, False),
            ("vocational_profiling", Path.EMPLOYMENT, 0, True),
            ("training", Path.ENTREPRENEURSHIP, 0, True),
            ("vocational_profiling", Path.EMPLOYMENT, 0, False),
            ("idea", Path.ENTREPRENEURSHIP, 0, True),
            ("engagement", Path.EMPLOYMENT, 0, True),
        ]
        hotel_story_given = False
        rest = [p for p in rest if p.registered.date() <= self.g.TODAY - dt.timedelta(days=20)]
        extras = len(targets) - len(rest)
        for index in range(len(targets) - 1, -1, -1):
            if extras > 0 and not targets[index][3]:
                del targets[index]
                extras -= 1
        for plan, (forced, path, quiet, _needed) in zip(rest, targets, strict=False):
            days = (self.g.TODAY - plan.registered.date()).days
            start = self.moment(plan.registered.date() + dt.timedelta(days=min(14, max(1, days // 20))))
            close_as = ""
            if forced.startswith("closed:"):
                close_as = forced.split(":")[1]
                forced = {"dropped": "job_finding", "education": "vocational_profiling"}.get(close_as, "full")
            s = self.new_story(plan, path, start=start, forced=forced, quiet_days=quiet)
            s.close_as = close_as
            if forced == "job_support" and not hotel_story_given and self.may_place_at_the_demo_employer(plan):
                s.hotel = True
                hotel_story_given = True
            if path == Path.EMPLOYMENT:
                self.employment(s)
            else:
                self.entrepreneurship(s)
            self.tail(s)
        if me is not None:
            self.demo_participant(me)

    def may_place_at_the_demo_employer(self, plan) -> bool:
        """Long enough ago, and either no planned consent to the demo employer or one that stays: the story gives
        the consent itself, or finds the one the generator planned (given within 120 days of registration)."""
        if plan.registered.date() > self.g.TODAY - dt.timedelta(days=300):
            return False
        hotel = self.b.organisations[self.g.DEMO_EMPLOYER]
        planned = [c for c in plan.consents if c.purpose == ConsentPurpose.SHARE_EMPLOYER and c.organisation is hotel]
        return all(not c.withdrawn for c in planned)

    def has_planned_consent(self, plan, kind: str, organisation: Organisation | None = None) -> bool:
        purpose = {"employer": ConsentPurpose.SHARE_EMPLOYER, "partner": ConsentPurpose.SHARE_PARTNER}[kind]
        return any(
            c.purpose == purpose and (organisation is None or c.organisation is organisation) for c in plan.consents
        )

    # -- the pieces of a story, drawn up front -----------------------------------------------------------------------

    def title(self, plan) -> str:
        title = plan.target.title_nb
        return title if title[:2].isupper() else title[0].lower() + title[1:]

    def norwegian_level(self, plan) -> str:
        row = next((r for r in plan.languages if r["language"] == "nb"), None)
        return (row or {}).get("spoken_interaction", "") or ""

    def note_data(self, s: Story, stage: Stage) -> dict:
        plan, rng = s.plan, self.rng
        interpreter = plan.data.get("interpreter_needed", False)
        data = {
            "interpreter_used": bool(interpreter and rng.random() < 0.85),
            "interpreter_language": plan.data.get("interpreter_language", "") if interpreter else "",
            "norwegian_level": self.norwegian_level(plan),
            "participant_words": rng.choice(PARTICIPANT_WORDS.get(stage, ("",))).format(title=self.title(plan)),
            "participant_agrees": rng.random() < 0.92,
        }
        if stage in (Stage.JOB_FINDING, Stage.EMPLOYER_ENGAGEMENT, Stage.JOB_SUPPORT, Stage.FOLLOW_UP) or (
            rng.random() < 0.3
        ):
            data["vocational_norwegian"] = rng.choice(VOCATIONAL_NORWEGIAN)
        if stage in (Stage.EMPLOYER_ENGAGEMENT, Stage.JOB_SUPPORT, Stage.FOLLOW_UP, Stage.LAUNCH):
            data["workplace_mediation"] = rng.choice(MEDIATION)
        if data["interpreter_used"]:
            data["participant_words"] += " (via tolk)"
        return data

    def agreement_text(self, s: Story, with_parties: str = "") -> str:
        path = "arbeid" if s.path == Path.EMPLOYMENT else "egen bedrift"
        text = (
            f"Samarbeidsavtale om veien til {path}.\n\n"
            "Deltakeren og jobbspesialisten lager planen sammen, og deltakeren sier selv hva som er viktig. "
            "Vi møtes minst hver fjortende dag, med tolk når det trengs. Deltakeren kan når som helst trekke "
            "samtykker til deling."
        )
        if with_parties:
            text += f"\n\n{with_parties}"
        return text

    def open_story(self, s: Story) -> None:
        """Opening meeting: the pathway, the agreement's first version, the first stage note and goals."""
        self.do(s, self.act_open)
        self.do(s, self.act_agreement, self.agreement_text(s))
        first = Stage.ENGAGEMENT if s.path == Path.EMPLOYMENT else Stage.IDEA
        self.do(s, self.act_note, first, self.note_data(s, first))
        texts = BUSINESS_GOALS if s.path == Path.ENTREPRENEURSHIP else GOALS_NB
        goal = self.rng.choice(texts).format(title=BUSINESS_IDEAS.get(s.plan.target.code, self.title(s.plan)))
        self.do(s, self.act_goal, goal, "nb", False)
        mother = s.plan.data.get("interpreter_language") or s.plan.data.get("preferred_language", "")
        if mother in GOALS_OWN_LANGUAGE and self.rng.random() < 0.45:
            self.do(s, self.act_goal, GOALS_OWN_LANGUAGE[mother], mother, True)
        elif self.rng.random() < 0.3:
            self.do(s, self.act_goal, self.rng.choice(GOALS_NB).format(title=self.title(s.plan)), "nb", True)

    def sign(self, s: Story, parties=("job_specialist", "participant")) -> bool:
        for party in parties:
            if not self.go(s, 0, 6):
                return False
            self.do(s, self.act_sign, party)
        return True

    def activity(
        self,
        s: Story,
        key: str,
        kind: str,
        title: str,
        owner: str,
        *,
        by="job_specialist",
        days=(7, 40),
        agree=True,
        meeting=False,
        description="",
    ) -> None:
        data = {
            "kind": kind,
            "title": title,
            "owner_role": owner,
            "due_date": s.t.date() + dt.timedelta(days=self.rng.randint(*days)),
            "description": description,
        }
        if meeting:
            data["meeting_at"] = self.moment(s.t.date() + dt.timedelta(days=self.rng.randint(3, 14)))
            data["interpreter"] = bool(s.plan.data.get("interpreter_needed"))
            data["meeting_language"] = s.plan.data.get("interpreter_language") or "nb"
        self.do(s, self.act_propose, key, data, by)
        if agree:
            self.do(s, self.act_agree, key, "participant" if by != "participant" else "job_specialist")

    def status(self, s: Story, key: str, *statuses) -> None:
        for status in statuses:
            self.do(s, self.act_status, key, status)

    def move(self, s: Story, stage: Stage, reason: str = "", outcome: str = "", number: str = "") -> None:
        self.do(s, self.act_move, stage, reason, outcome, number)
        s.planned_stage = stage
        s.closed = stage == Stage.CLOSED

    def reached(self, s: Story, stage: str) -> bool:
        """For demo stories: whether the story has arrived where it must end."""
        return s.forced == stage

    def chance(self, s: Story, p: float) -> bool:
        return not s.forced and self.rng.random() < p

    def pace(self, s: Story, low: int, high: int) -> bool:
        """``go`` with demo stories kept shorter, so that they reach their stage in time."""
        if s.forced:
            available = (s.horizon - s.t).days
            low, high = min(low, max(1, available // 12)), min(high, max(2, available // 8))
        return self.go(s, low, high)

    def close(self, s: Story, outcome: str) -> None:
        self.move(s, Stage.CLOSED, "", outcome)
        s.done = s.closed = True

    def maybe_drop(self, s: Story, p: float) -> bool:
        if not self.chance(s, p):
            return False
        if not self.go(s, 5, 40):
            return True
        outcome = self.rng.choice(
            (Outcome.DROPPED, Outcome.DROPPED, Outcome.MOVED, Outcome.EDUCATION, Outcome.OTHER, Outcome.DROPPED)
        )
        self.close(s, outcome)
        if self.rng.random() < 0.15 and self.go(s, 60, 200):  # comes back
            first = Stage.ENGAGEMENT if s.path == Path.EMPLOYMENT else Stage.IDEA
            s.done = False
            self.move(s, first, "Deltakeren tok kontakt igjen og vil fortsette.")
            self.do(s, self.act_note, first, self.note_data(s, first))
        return True

    # -- the employment path -------------------------------------------------------------------------------------

    def employment(self, s: Story) -> None:
        rng, plan = self.rng, s.plan
        self.open_story(s)
        if self.reached(s, "engagement"):
            self.do(s, self.act_sign, "job_specialist")  # the participant has not signed yet
            return
        if self.chance(s, 0.03):
            return  # never signed: the agreement waits
        if not self.sign(s):
            return
        if self.maybe_drop(s, 0.04) or not self.pace(s, 5, 25):
            return
        self.move(s, Stage.VOCATIONAL_PROFILING)
        self.do(s, self.act_note, Stage.VOCATIONAL_PROFILING, self.note_data(s, Stage.VOCATIONAL_PROFILING))
        self.activity(s, "cv", ActivityKind.CV, "Lage CV på norsk", "participant", days=(10, 30))
        self.status(s, "cv", "planned")
        self.referrals(s)
        if plan.education_rank >= 5 and rng.random() < 0.6:
            self.activity(
                s,
                "recognition",
                ActivityKind.CREDENTIAL_RECOGNITION,
                "Søke godkjenning av utdanning (HK-dir)",
                "job_specialist",
                days=(20, 60),
            )
        if plan.health:
            self.activity(
                s,
                "health",
                ActivityKind.HEALTH_FOLLOW_UP,
                "Samtale med fastlegen om tilrettelegging",
                "health",
                days=(14, 45),
            )
        if not self.pace(s, 10, 40):
            return
        self.status(s, "cv", "in_progress", "done")
        if self.reached(s, "vocational_profiling"):
            self.activity(
                s,
                "interests",
                ActivityKind.MEETING,
                "Kartlegge interesser og arbeidserfaring",
                "job_specialist",
                meeting=True,
                agree=False,
            )
            return
        if self.maybe_drop(s, 0.05) or not self.pace(s, 5, 30):
            return
        loops = 0
        while not s.done:
            if s.planned_stage != Stage.JOB_FINDING:
                self.move(s, Stage.JOB_FINDING)
            self.do(s, self.act_note, Stage.JOB_FINDING, self.note_data(s, Stage.JOB_FINDING))
            if not self.job_finding(s):
                return
            if self.chance(s, 0.07) and loops == 0:
                if not self.go(s, 3, 20):
                    return
                self.move(s, Stage.VOCATIONAL_PROFILING, BACK_REASONS[Stage.VOCATIONAL_PROFILING])
                if not self.go(s, 14, 45):
                    return
                self.move(s, Stage.JOB_FINDING)
                if not self.job_finding(s):
                    return
            if self.maybe_drop(s, 0.08):
                return
            if not self.pace(s, 3, 20):
                return
            result = self.employer_engagement(s)
            if result != "placed":
                if result == "stop" or loops >= 2:
                    return
                loops += 1
                continue
            result = self.job_support(s)
            if result != "back" or loops >= 2:
                return
            loops += 1

    def job_finding(self, s: Story) -> bool:
        """Visits while the job specialist looks for work with the participant: contacts, applications."""
        rng = self.rng
        visits = 1 if s.forced else rng.randint(2, 5)
        for visit in range(visits):
            if not self.pace(s, 7, 30):
                return False
            employer = self.choose_employer(s)
            self.do(s, self.act_contact, employer)
            if visit == 0:
                self.activity(
                    s,
                    "search",
                    ActivityKind.JOB_SEARCH,
                    "Søke på minst fem stillinger i måneden",
                    "participant",
                    days=(20, 60),
                )
                self.status(s, "search", "in_progress")
            elif rng.random() < 0.5:
                key = f"application{visit}"
                self.activity(
                    s,
                    key,
                    ActivityKind.APPLICATION,
                    f"Søknad til {self.b.organisations[employer].name}",
                    "participant",
                    days=(5, 20),
                )
                self.status(s, key, "planned")
            if visit == 1 and rng.random() < 0.35:
                self.activity(
                    s,
                    "own",
                    ActivityKind.OTHER,
                    rng.choice(
                        (
                            "Besøke jobbmessen i byen",
                            "Ta førerkort klasse B",
                            "Prøve en dag på en arbeidsplass",
                            "Øve på jobbintervju med en venn",
                        )
                    ),
                    "participant",
                    by="participant",
                )
            if visit >= 1 and rng.random() < 0.3:
                self.do(
                    s, self.act_comment, "search", rng.choice(("job_specialist", "participant")), rng.choice(COMMENTS)
                )
        if self.reached(s, "job_finding"):
            self.activity(
                s, "interview", ActivityKind.MEETING, "Intervjutrening", "job_specialist", meeting=True, agree=False
            )
            return False
        return True

    def choose_employer(self, s: Story, *, for_placement: bool = False) -> str:
        plan = s.plan
        options = []
        for key, _name, municipality, codes in self.g.EMPLOYERS:
            if self.g.region_of(municipality) != plan.region:
                continue
            if for_placement:
                organisation = self.b.organisations[key]
                if key == self.g.DEMO_EMPLOYER or self.has_planned_consent(plan, "employer", organisation):
                    continue
            options.append((key, 6.0 if plan.target.code in codes else 0.6))
        return self.g._weighted(self.rng, options)

    def employer_engagement(self, s: Story) -> str:
        """Consent, an opportunity, the candidate, the employer on the team: "placed", "back" or "stop"."""
        rng = self.rng
        hotel = s.hotel
        employer = self.g.DEMO_EMPLOYER if hotel else self.choose_employer(s, for_placement=True)
        if hotel:  # after the consent the generator may have planned for the demo employer
            s.t = max(s.t, self.moment(s.plan.registered.date() + dt.timedelta(days=125)))
        if employer not in s.consented:
            s.consented.add(employer)
            self.do(s, self.act_consent, ConsentPurpose.SHARE_EMPLOYER, employer, only_if_missing=hotel)
        self.do(s, self.act_contact, employer)
        self.move(s, Stage.EMPLOYER_ENGAGEMENT)
        codes = next(c for k, _n, _m, c in self.g.EMPLOYERS if k == employer)
        occupation = s.plan.target if s.plan.target.code in codes else BY_CODE[codes[0]]
        apprenticeship = 1 if occupation.skill_level == 2 else 0.1
        kinds = (("job", 3), ("language_practice", 2), ("work_trial", 2.5), ("subsidised_job", 1.5))
        kind = self.g._weighted(rng, (*kinds, ("apprenticeship", apprenticeship)))
        if hotel:
            kind = "subsidised_job"
        s.opportunity_kind = kind
        self.do(s, self.act_opportunity, employer, self.opportunity_spec(employer, kind, occupation))
        self.do(s, self.act_candidate)
        self.do(s, self.act_note, Stage.EMPLOYER_ENGAGEMENT, self.note_data(s, Stage.EMPLOYER_ENGAGEMENT))
        if self.reached(s, "employer_engagement"):
            return "stop"
        if not self.pace(s, 7, 30):
            return "stop"
        if self.chance(s, 0.2):
            self.move(s, Stage.JOB_FINDING, BACK_REASONS[Stage.JOB_FINDING])
            return "back"
        # The employer joins the team and the agreement gets a version that names them.
        self.do(s, self.act_member, "employer", employer)
        self.do(
            s,
            self.act_agreement,
            self.agreement_text(s, f"Arbeidsgiveren {self.b.organisations[employer].name} er med i samarbeidet."),
        )
        if not self.sign(s, ("job_specialist", "participant", "employer")):
            return "stop"
        if not self.pace(s, 3, 21):
            return "stop"
        self.do(s, self.act_placement, employer)
        s.placements += 1
        return "placed"

    def job_support(self, s: Story) -> str:
        rng = self.rng
        self.move(s, Stage.JOB_SUPPORT)
        self.do(s, self.act_note, Stage.JOB_SUPPORT, self.note_data(s, Stage.JOB_SUPPORT))
        key = f"vocational{s.placements}"
        self.activity(s, key, ActivityKind.VOCATIONAL_NORWEGIAN, "Fagnorsk på arbeidsplassen", "school", days=(30, 90))
        self.status(s, key, "in_progress")
        meeting = f"followup{s.placements}"
        self.activity(
            s,
            meeting,
            ActivityKind.MEETING,
            "Oppfølgingsmøte med arbeidsgiver",
            "job_specialist",
            meeting=True,
            days=(10, 20),
        )
        if s.plan.health and rng.random() < 0.5:
            self.activity(
                s,
                f"adapt{s.placements}",
                ActivityKind.HEALTH_FOLLOW_UP,
                "Tilrettelegging av arbeidstid",
                "employer",
                days=(14, 40),
            )
        if self.reached(s, "job_support"):
            return "stop"
        if not self.pace(s, 14, 30):
            return "stop"
        self.status(s, meeting, "done")
        self.do(s, self.act_comment, meeting, "job_specialist", rng.choice(COMMENTS))
        if not self.pace(s, 45, 150):
            return "stop"
        roll = rng.random() if not s.forced else 0.0
        if roll < 0.6:
            self.status(s, key, "done")
            self.move(s, Stage.FOLLOW_UP)
            self.do(s, self.act_note, Stage.FOLLOW_UP, self.note_data(s, Stage.FOLLOW_UP))
            self.activity(
                s,
                "checkin",
                ActivityKind.MEETING,
                "Oppfølging etter ansettelse",
                "job_specialist",
                meeting=True,
                days=(20, 40),
            )
            if self.reached(s, "follow_up"):
                return "stop"
            if not self.pace(s, 60, 240):
                return "stop"
            self.status(s, "checkin", "done")
            if s.opportunity_kind in ("work_trial", "language_practice", "subsidised_job"):
                self.do(s, self.act_placement_end, "hired")
            self.close(s, Outcome.EMPLOYED)
            return "stop"
        reason = rng.choice(("participant_left", "employer_ended", "health", "completed"))
        if roll < 0.7:  # goes back to school
            self.do(s, self.act_placement_end, "participant_left")
            self.close(s, Outcome.EDUCATION)
            return "stop"
        if roll < 0.76:  # parental leave, long illness: closed for now
            self.do(s, self.act_placement_end, "other")
            self.close(s, Outcome.OTHER)
            return "stop"
        self.do(s, self.act_placement_end, reason)
        self.status(s, key, "cancelled")
        self.do(s, self.act_benefit, rng.choice(BENEFITS))
        self.move(s, Stage.JOB_FINDING, PLACEMENT_END_BACK[reason])
        return "back"

    # -- the entrepreneurship path -------------------------------------------------------------------------------

    def entrepreneurship(self, s: Story) -> None:
        rng = self.rng
        self.open_story(s)
        self.activity(s, "course", ActivityKind.BUSINESS_COURSE, "Etablererkurs", "partner", days=(30, 90))
        if self.reached(s, "idea"):
            return
        if not self.sign(s) or self.maybe_drop(s, 0.05) or not self.pace(s, 7, 30):
            return
        self.move(s, Stage.TRAINING)
        self.do(s, self.act_note, Stage.TRAINING, self.note_data(s, Stage.TRAINING))
        self.referrals(s, business=True)
        self.status(s, "course", "in_progress")
        if self.reached(s, "training") or not self.pace(s, 30, 90):
            return
        self.status(s, "course", "done")
        self.activity(
            s, "plan", ActivityKind.BUSINESS_PLAN, "Skrive forretningsplan og budsjett", "participant", days=(30, 70)
        )
        if self.maybe_drop(s, 0.1) or not self.pace(s, 3, 14):
            return
        self.move(s, Stage.BUSINESS_PLAN)
        self.do(s, self.act_note, Stage.BUSINESS_PLAN, self.note_data(s, Stage.BUSINESS_PLAN))
        self.status(s, "plan", "in_progress")
        if self.chance(s, 0.15):
            if not self.go(s, 14, 40):
                return
            self.move(s, Stage.TRAINING, BACK_REASONS[Stage.TRAINING])
            if not self.go(s, 20, 50):
                return
            self.move(s, Stage.BUSINESS_PLAN)
        if self.reached(s, "business_plan") or not self.pace(s, 30, 80):
            return
        self.status(s, "plan", "done")
        if self.chance(s, 0.12):
            if self.go(s, 5, 30):
                self.close(s, Outcome.EMPLOYED)  # took a job offer instead
            return
        self.move(s, Stage.REGISTRATION)
        self.do(s, self.act_note, Stage.REGISTRATION, self.note_data(s, Stage.REGISTRATION))
        self.activity(
            s,
            "register",
            ActivityKind.BUSINESS_REGISTRATION,
            "Registrere foretaket i Brønnøysund",
            "participant",
            days=(7, 30),
        )
        if self.reached(s, "registration") or not self.pace(s, 7, 40):
            return
        self.status(s, "register", "in_progress", "done")
        self.move(s, Stage.LAUNCH, number=org_number(rng))
        self.do(s, self.act_note, Stage.LAUNCH, self.note_data(s, Stage.LAUNCH))
        self.activity(
            s,
            "finance",
            ActivityKind.FINANCIAL_GUIDANCE,
            "Oppfølging av regnskap første halvår",
            "partner",
            days=(30, 90),
        )
        if self.reached(s, "launch") or not self.pace(s, 60, 150):
            return
        self.move(s, Stage.FOLLOW_UP)
        self.do(s, self.act_note, Stage.FOLLOW_UP, self.note_data(s, Stage.FOLLOW_UP))
        if self.reached(s, "follow_up") or not self.pace(s, 90, 300):
            return
        self.close(s, Outcome.SELF_EMPLOYED if rng.random() < 0.8 else Outcome.OTHER)

    # -- referrals: side threads with their own dates ----------------------------------------------------------------

    def provider(self, s: Story, kind: str) -> str | None:
        for key, programme_kind, *_rest in PROGRAMMES:
            municipality = next(m for k, _n, _k, m, _w in self.g.ORGANISATIONS if k == key)
            if programme_kind == kind and self.g.region_of(municipality) == s.plan.region:
                if kind in ("norwegian", "introduction", "financial", "jobbsjansen") and key == self.g.DEMO_PARTNER:
                    if s.plan.office.municipality in ("3907", "3909") or self.rng.random() < 0.5:
                        return key
                    continue
                return key
        return None

    def referrals(self, s: Story, business: bool = False) -> None:
        plan, rng = s.plan, self.rng
        wanted = []
        level = self.norwegian_level(plan)
        if business:
            wanted.append("business_start_up")
            if rng.random() < 0.4:
                wanted.append("financial")
        else:
            if plan.office.is_municipality and rng.random() < 0.7:
                wanted.append("introduction")
            elif level in ("", "A1", "A2", "B1") and rng.random() < 0.5:
                wanted.append("norwegian")
            if plan.health and rng.random() < 0.6:
                wanted.append("health")
            if plan.health and rng.random() < 0.25:
                wanted.append("supported_employment")
            if plan.education_rank in (3, 4) and rng.random() < 0.12:
                wanted.append("qualification")
            if plan.education_rank >= 5 and rng.random() < 0.15:
                wanted.append("mentor")
            if rng.random() < 0.06:
                wanted.append("financial")
            if plan.data.get("residence_basis") == "family" and rng.random() < 0.3:
                wanted.append("jobbsjansen")
        for kind in wanted:
            key = self.provider(s, kind)
            if key is None:
                continue
            organisation = self.b.organisations[key]
            if self.has_planned_consent(plan, "partner", organisation) or key in s.consented:
                continue
            s.consented.add(key)
            self.do(s, self.act_consent, ConsentPurpose.SHARE_PARTNER, key)
            self.do(s, self.act_referral, key, kind)
            self.referral_thread(s, key, kind, s.t)

    def referral_thread(self, s: Story, key: str, kind: str, created: dt.datetime) -> None:
        rng = self.rng
        steps = []
        decided = self.moment(created.date() + dt.timedelta(days=rng.randint(3, 20)))
        if rng.random() < 0.1:
            steps.append((decided, "declined", "Programmet passer ikke nå; vi foreslår norskkurs først."))
        else:
            steps.append((decided, "accepted", ""))
            started = self.moment(decided.date() + dt.timedelta(days=rng.randint(7, 40)))
            steps.append((started, "started", ""))
            finished = self.moment(started.date() + dt.timedelta(days=rng.randint(60, 300)))
            steps.append((finished, "completed", ""))
        previous = created
        for when, status, reason in steps:
            if when <= previous or when > self.g.DEMO_NOW - dt.timedelta(hours=2):
                break
            previous = when
            self.b.at(when, functools.partial(self.run, s, self.act_referral_move, (key, kind, status, reason), {}))

    # -- after the story: what is left open ----------------------------------------------------------------------

    def tail(self, s: Story) -> None:
        """Demo stories that must look a certain way at the end of the story."""
        if s.close_as and not s.closed:
            s.done = False
            self.go(s, 1, 10)  # past the horizon, the cursor stays where it is
            self.close(s, s.close_as)

    # -- the demo participant ------------------------------------------------------------------------------------

    def demo_participant(self, plan) -> None:
        """deltaker: an employment pathway in employer engagement with a signed agreement (the mentor on the team
        signed the newest version), a plan with goals and activities, one proposed by them, one waiting for their
        agreement."""
        g = self.g
        start = self.moment(plan.registered.date() + dt.timedelta(days=6))
        s = self.new_story(plan, Path.EMPLOYMENT, start=start, forced="demo")
        s.t = start
        self.do(s, self.act_open)
        self.do(s, self.act_agreement, self.agreement_text(s))
        self.do(
            s,
            self.act_note,
            Stage.ENGAGEMENT,
            {
                "interpreter_used": False,
                "norwegian_level": "B1",
                "participant_agrees": True,
                "participant_words": "Jeg vil jobbe som kokk. Jeg vil ha hjelp til å finne jobb på et hotell.",
            },
        )
        self.do(s, self.act_goal, "Jeg vil ha fast jobb som kokk på et hotell.", "nb", False)
        self.do(s, self.act_goal, GOALS_OWN_LANGUAGE["ar"], "ar", True)
        self.go(s, 1, 2)
        self.do(s, self.act_sign, "job_specialist")
        self.do(s, self.act_sign, "participant")
        self.go(s, 10, 14)
        self.move(s, Stage.VOCATIONAL_PROFILING)
        self.do(
            s,
            self.act_note,
            Stage.VOCATIONAL_PROFILING,
            {
                "interpreter_used": False,
                "norwegian_level": "B1",
                "participant_agrees": True,
                "participant_words": "Jeg har laget mat i seks år i Aleppo og jobbet på kjøkken i Norge. "
                "Jeg er god på arabisk og middelhavsmat, og jeg vil lære norske fagord.",
                "vocational_norwegian": "Fagord for kjøkken, hygiene og allergener.",
            },
        )
        self.activity(s, "cv", ActivityKind.CV, "Lage CV på norsk", "participant", days=(10, 20))
        self.status(s, "cv", "planned")
        self.go(s, 14, 18)
        self.status(s, "cv", "in_progress", "done")
        self.do(s, self.act_comment, "cv", "participant", "Jeg har skrevet CV-en selv. Kan du se på den?")
        self.go(s, 5, 8)
        self.move(s, Stage.JOB_FINDING)
        self.do(
            s,
            self.act_note,
            Stage.JOB_FINDING,
            {
                "interpreter_used": False,
                "norwegian_level": "B1",
                "participant_agrees": True,
                "participant_words": "Jeg vil helst jobbe dagtid, men kan ta noen kvelder.",
                "vocational_norwegian": "Øver på å lese oppskrifter og HMS-rutiner på norsk.",
            },
        )
        self.activity(
            s,
            "search",
            ActivityKind.JOB_SEARCH,
            "Søke på kokkestillinger i Sandefjord og Tønsberg",
            "participant",
            days=(30, 45),
        )
        self.status(s, "search", "in_progress")
        self.go(s, 7, 10)
        self.do(s, self.act_contact, "tonsberg-hotell")
        self.go(s, 20, 25)
        self.do(s, self.act_consent, ConsentPurpose.SHARE_PARTNER, g.DEMO_PARTNER, only_if_missing=True)
        self.do(s, self.act_referral, g.DEMO_PARTNER, "norwegian")
        self.referral_thread(s, g.DEMO_PARTNER, "norwegian", s.t)
        self.activity(
            s, "norsk", ActivityKind.LANGUAGE_COURSE, "Norskkurs B2, to kvelder i uka", "school", days=(60, 120)
        )
        self.status(s, "norsk", "in_progress")
        self.go(s, 20, 30)
        self.do(s, self.act_contact, "vestfold-bakeri")
        late = g.TODAY - dt.timedelta(days=45)
        s.t = self.moment(late)
        self.do(s, self.act_contact, g.DEMO_EMPLOYER)
        self.move(s, Stage.EMPLOYER_ENGAGEMENT)
        self.do(
            s,
            self.act_note,
            Stage.EMPLOYER_ENGAGEMENT,
            {
                "interpreter_used": False,
                "norwegian_level": "B1",
                "participant_agrees": True,
                "participant_words": "Jeg var på hotellet og så kjøkkenet. Det er stort, og jeg vil gjerne prøve.",
                "vocational_norwegian": "Kjøkkensjefen bruker mange fagord; vi lager en ordliste sammen.",
                "workplace_mediation": "Snakket med kjøkkensjefen om bønnepause og om hvordan tilbakemeldinger gis.",
            },
        )
        self.do(s, self.act_candidate_demo)
        s.t = self.moment(g.TODAY - dt.timedelta(days=30))
        self.do(s, self.act_member_mentor)
        self.go(s, 1, 2)
        self.do(s, self.act_declare)
        self.do(
            s,
            self.act_agreement,
            self.agreement_text(
                s, "Mentoren Rasha Al-Khatib er med i samarbeidet og har skrevet under taushetserklæring."
            ),
        )
        self.do(s, self.act_sign, "job_specialist")
        self.go(s, 1, 2)
        self.do(s, self.act_sign, "mentor")
        self.do(s, self.act_sign, "participant")
        self.activity(
            s,
            "mentor",
            ActivityKind.MENTOR_SESSION,
            "Mentorsamtale om arbeidslivet i Norge",
            "mentor",
            meeting=True,
            days=(7, 14),
        )
        s.t = self.moment(g.TODAY - dt.timedelta(days=12))
        s.t = s.t.replace(hour=19, minute=5)  # the participant writes in the evening
        self.activity(
            s,
            "hospitere",
            ActivityKind.WORK_TRIAL,
            "Hospitere en dag på kjøkkenet på hotellet",
            "participant",
            by="participant",
            days=(10, 20),
            description="Jeg vil se hvordan de jobber før intervjuet.",
        )
        s.t = self.moment(g.TODAY - dt.timedelta(days=8))
        self.status(s, "hospitere", "planned")
        self.do(s, self.act_comment, "hospitere", "job_specialist", "Kjøkkensjefen sier ja. Vi finner en dag.")
        s.t = self.moment(g.TODAY - dt.timedelta(days=3))
        self.activity(
            s,
            "intervju",
            ActivityKind.MEETING,
            "Forberede jobbintervju på Sandefjord Hotell",
            "job_specialist",
            meeting=True,
            days=(7, 10),
            agree=False,
        )

    # -- the actions, run in the order of the story ----------------------------------------------------------------

    def today(self) -> dt.date:
        return clock.now().astimezone(self.g.OSLO).date()

    def access(self, s: Story, party: str = "job_specialist"):
        """The party's access through the gate: one read (and access-log row) per party and visit, again after
        the pathway has moved."""
        user = {"job_specialist": s.specialist, "participant": s.user}.get(party) or s.team.get(party)
        key = (party, self.today())
        cached = s.accesses.get(party)
        if cached is None or cached[0] != key:
            cached = s.accesses[party] = (key, access_pathway(user, s.pathway.pk))
        return user, cached[1]

    def login(self, s: Story) -> User:
        plan = s.plan
        if plan.user is not None:
            return plan.user
        specialist = s.specialist
        alphabet = string.ascii_letters + string.digits
        user = user_create(
            actor=specialist,
            username=self.b.username_for(plan.data["given_name"], plan.data["family_name"]),
            password=None,
            password_hash="!" + "".join(self.rng.choice(alphabet) for _ in range(40)),
            first_name=plan.data["given_name"],
            last_name=plan.data["family_name"],
            email=plan.data.get("email", ""),
        )
        membership_add(actor=specialist, user=user, organisation=plan.office.organisation, role=Role.PARTICIPANT)
        participant = plan.participant
        participant.user = user
        participant.updated_at = clock.now()
        participant.save(update_fields=["user", "updated_at"])
        change_record(
            actor=specialist,
            instance=participant,
            action="update",
            before={"user": None},
            after={"user": str(user.pk)},
            participant=participant,
        )
        plan.user = user
        return user

    def act_open(self, s: Story) -> None:
        s.user = self.login(s)
        access = access_participant(s.specialist, s.plan.participant.pk, Purpose.CASE_MANAGEMENT)
        s.pathway = pathway_create(actor=s.specialist, participant_access=access, path=s.path, started_on=self.today())
        s.stage = Stage(s.pathway.stage)

    def act_agreement(self, s: Story, text: str) -> None:
        if s.agreement == text:
            return  # the same employer again: the version that names them stands
        user, access = self.access(s)
        agreement_version_create(actor=user, access=access, text=text, language="nb")
        s.agreement, s.signed = text, set()

    def act_sign(self, s: Story, party: str) -> None:
        if not s.agreement or party in s.signed:
            return
        user, access = self.access(s, party)
        agreement_sign(actor=user, access=access)
        s.signed.add(party)

    def act_note(self, s: Story, stage: Stage, data: dict) -> None:
        user, access = self.access(s)
        if access.pathway.stage == Stage.CLOSED:
            return
        data = dict(data)
        own = {k: data.pop(k) for k in ("participant_words",) if k in data and self.rng.random() < 0.25}
        stage_note_save(actor=user, access=access, stage=stage, data=data)
        if own:  # the participant writes their own words themself
            participant, self_access = self.access(s, "participant")
            stage_note_save(actor=participant, access=self_access, stage=stage, data=own)

    def act_goal(self, s: Story, text: str, language: str, by_participant: bool) -> None:
        user, access = self.access(s, "participant" if by_participant else "job_specialist")
        goal_add(actor=user, access=access, text=text, language=language)

    def act_propose(self, s: Story, key: str, data: dict, by: str) -> None:
        user, access = self.access(s, by)
        if access.pathway.stage == Stage.CLOSED:
            return
        s.activities[key] = activity_propose(actor=user, access=access, data=data)

    def act_agree(self, s: Story, key: str, party: str) -> None:
        activity = s.activities.get(key)
        if activity is None:
            return
        user, access = self.access(s, party)
        activity_agree(actor=user, access=access, activity_id=activity.pk)

    def act_status(self, s: Story, key: str, status: str) -> None:
        activity = s.activities.get(key)
        if activity is None or activity.status in ("done", "cancelled") or activity.status == status:
            return
        user, access = self.access(s)
        steps = ["planned", status] if activity.status == "proposed" and status == "done" else [status]
        for step in steps:
            s.activities[key] = activity_set_status(
                actor=user, access=access, activity_id=activity.pk, status=step, effective_date=self.today()
            )

    def act_comment(self, s: Story, key: str, party: str, text: str) -> None:
        activity = s.activities.get(key)
        if activity is None:
            return
        user, access = self.access(s, party)
        activity_comment(actor=user, access=access, activity_id=activity.pk, text=text)

    def act_move(self, s: Story, stage: Stage, reason: str, outcome: str, number: str) -> None:
        user, access = self.access(s)
        s.pathway = pathway_move(
            actor=user,
            access=access,
            to_stage=stage,
            effective_date=self.today(),
            reason=reason,
            outcome=str(outcome),
            org_number=number,
        )
        s.stage = Stage(s.pathway.stage)
        s.accesses.clear()

    def act_contact(self, s: Story, employer: str) -> None:
        if s.stage == Stage.CLOSED:
            return
        kind = self.rng.choice(("visit", "phone", "phone", "email", "meeting"))
        employer_contact_record(
            actor=s.specialist,
            employer=self.b.organisations[employer],
            pathway=s.pathway,
            data={"date": self.today(), "kind": kind, "outcome": self.rng.choice(CONTACT_OUTCOMES)},
        )
        s.employers.append(employer)

    def act_consent(self, s: Story, purpose, key: str, only_if_missing: bool = False) -> None:
        organisation = self.b.organisations[key]
        if (
            only_if_missing
            and Consent.objects.filter(
                participant=s.plan.participant,
                purpose=purpose,
                recipient_organisation=organisation,
                withdrawn_at__isnull=True,
            ).exists()
        ):
            return
        by_participant = self.rng.random() < 0.6
        user = s.user if by_participant else s.specialist
        access = access_participant(
            user, s.plan.participant.pk, Purpose.SELF_SERVICE if by_participant else Purpose.CASE_MANAGEMENT
        )
        consent_give(actor=user, access=access, purpose=purpose, recipient_organisation=organisation)
        s.consented.add(key)

    def act_opportunity(self, s: Story, key: str, spec: dict) -> None:
        s.opportunity = self.create_opportunity(key, spec, s)

    def act_candidate(self, s: Story) -> None:
        if s.opportunity is None or s.opportunity.status != "open":
            return
        candidate_propose(
            actor=s.specialist,
            opportunity=s.opportunity,
            pathway=s.pathway,
            note="Motivert kandidat med relevant erfaring. Trenger litt tid med fagordene.",
        )

    def act_candidate_demo(self, s: Story) -> None:
        employer = self.b.organisations[self.g.DEMO_EMPLOYER]
        consented = Consent.objects.filter(
            participant=s.plan.participant,
            purpose=ConsentPurpose.SHARE_EMPLOYER,
            recipient_organisation=employer,
            withdrawn_at__isnull=True,
        ).exists()
        job = next(
            (o for o in self.opportunities.get(self.g.DEMO_EMPLOYER, []) if o.kind == "job" and o.status == "open"),
            None,
        )
        if consented and job is not None:
            candidate_propose(
                actor=s.specialist,
                opportunity=job,
                pathway=s.pathway,
                note="Erfaren kokk med arabisk og middelhavsmat. Norsk på B1, lærer fagord raskt.",
            )

    def act_member(self, s: Story, role: str, key: str) -> None:
        user = self.b.demo_users["arbeidsgiver"] if key == self.g.DEMO_EMPLOYER else self.staff(key)
        s.team[role] = user
        if s.pathway.members.filter(user=user, role=role, active=True).exists():
            return
        _me, access = self.access(s)
        pathway_member_add(
            actor=s.specialist, access=access, user=user, role=role, organisation=self.b.organisations[key]
        )
        s.team[role] = user

    def act_member_mentor(self, s: Story) -> None:
        mentor = self.b.demo_users["mentor"]
        _me, access = self.access(s)
        organisation = self.b.organisations[self.g.DEMO_MENTOR_ORGANISATION]
        pathway_member_add(
            actor=s.specialist, access=access, user=mentor, role=PathwayRole.MENTOR, organisation=organisation
        )
        s.team["mentor"] = mentor

    def act_declare(self, s: Story) -> None:
        confidentiality_declare(actor=s.team["mentor"], pathway_id=s.pathway.pk)

    def act_placement(self, s: Story, key: str) -> None:
        opportunity = s.opportunity
        if opportunity is None or opportunity.status == "closed":
            return
        subsidy = OPPORTUNITY_KINDS[opportunity.kind][0]
        health = s.plan.health or {}
        adaptation = health.get("adaptation_needs") or self.rng.choice(
            ("Skriftlige instrukser og bilder.", "Fast fadder de første ukene.", "Kortere dager den første måneden.")
        )
        placement_start(
            actor=s.specialist,
            pathway=s.pathway,
            opportunity=opportunity,
            data={
                "start_date": self.today(),
                "hours_per_week": opportunity.hours_per_week,
                "subsidy_kind": subsidy,
                "adaptation_plan": adaptation,
                "on_the_job_supports": self.rng.choice(
                    (
                        "Jobbspesialisten er med de første dagene, deretter ukentlig.",
                        "Fagnorsk på arbeidsplassen to timer i uka.",
                        "Fadder blant kollegene og faste samtaler med leder.",
                    )
                ),
                "follow_up_interval_days": self.rng.choice((7, 14, 14, 21, 30)),
            },
        )
        s.placement = True
        if opportunity.positions == 1:
            opportunity_update(actor=self.staff(key), opportunity=opportunity, data={"status": "filled"})
            opportunity.status = "filled"

    def act_placement_end(self, s: Story, reason: str) -> None:
        from samspill.employers.selectors import pathway_active_placement

        placement = pathway_active_placement(pathway=s.pathway)
        if placement is not None:
            placement_end(actor=s.specialist, placement=placement, end_date=self.today(), end_reason=reason)

    def act_benefit(self, s: Story, benefit: str) -> None:
        user, access = self.access(s)
        benefit_period_record(actor=user, access=access, start=self.today(), benefit=benefit)

    def act_referral(self, s: Story, key: str, kind: str) -> None:
        programme = self.programmes.get((key, kind))
        if programme is None or s.stage == Stage.CLOSED:
            return
        s.referrals[(key, kind)] = referral_create(
            actor=s.specialist,
            pathway=s.pathway,
            programme=programme,
            note=self.rng.choice(
                (
                    "Deltakeren ønsker dette selv.",
                    "Passer godt med planen. Trenger tolk de første gangene.",
                    "Avtalt i møte med deltakeren.",
                )
            ),
        )

    def act_referral_move(self, s: Story, key: str, kind: str, status: str, reason: str) -> None:
        referral = s.referrals.get((key, kind))
        if referral is None:
            return
        if status in ("accepted", "declined"):
            actor = self.provider_user(key)
        else:
            actor = s.specialist if self.rng.random() < 0.5 else self.provider_user(key)
        if status == "started" and referral.programme.referrals.filter(status="started").count() >= (
            referral.programme.seats
        ):
            return
        effective = self.today() if status in ("started", "completed") else None
        s.referrals[(key, kind)] = referral_transition(
            actor=actor, referral=referral, to=status, effective_date=effective, reason=reason
        )


def schedule(builder) -> PathwayStories:
    """Plans the pathway histories on the builder's story clock; the builder plays them with everything else."""
    stories = PathwayStories(builder)
    stories.schedule()
    return stories
