"""A small occupation catalogue written by the Samspill team for the demo: typical jobs of newcomers and of skilled
migrants in Norway, with their STYRK-08 codes (Norway's ISCO-08), a job title in Norwegian bokmål and in English, the
education that leads to them and a few skills in bokmål.

The titles are everyday job titles, not the official group names of STYRK-08; the codes are real four-digit
STYRK-08 codes (the tests check them against Statistics Norway's classification). The full classifications are
loaded from official files by the taxonomy app; this list only feeds the synthetic demo ecosystem.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class Occupation:
    code: str  # STYRK-08, four digits
    title_nb: str
    title_en: str
    education_field_nb: str  # the field of a vocational or higher education that leads here; "" when none does
    regulated: bool  # needs an authorisation, a licence or a recognised education in Norway
    skills_nb: tuple[str, ...]

    @property
    def skill_level(self) -> int:
        """ISCO-08 skill level (1 elementary … 4 professional), from the major group."""
        major = self.code[0]
        if major == "9":
            return 1
        if major == "3":
            return 3
        if major in "12":
            return 4
        return 2

    def title(self, language: str = "nb") -> str:
        return self.title_en if language.startswith("en") else self.title_nb


OCCUPATIONS: tuple[Occupation, ...] = (
    # Cleaning, kitchens, hotels and shops
    Occupation(
        "9112",
        "Renholder",
        "Cleaner",
        "",
        False,
        ("Renholdsrutiner", "Bruk av renholdsmaskiner", "Kjemikaliehåndtering", "Avfallssortering"),
    ),
    Occupation(
        "5120",
        "Kokk",
        "Cook",
        "Restaurant- og matfag",
        False,
        ("Matlaging", "Menyplanlegging", "Mattrygghet (HACCP)", "Storkjøkkendrift"),
    ),
    Occupation(
        "9412",
        "Kjøkkenassistent",
        "Kitchen helper",
        "",
        False,
        ("Oppvask og kjøkkenhygiene", "Matforberedelse", "Mattrygghet (HACCP)"),
    ),
    Occupation(
        "5246",
        "Kafémedarbeider",
        "Café worker",
        "",
        False,
        ("Kundeservice", "Kassesystemer", "Kaffebrygging", "Matforberedelse"),
    ),
    Occupation(
        "5131",
        "Servitør",
        "Waiter",
        "Restaurant- og matfag",
        False,
        ("Servering", "Kundeservice", "Kassesystemer", "Bordoppdekking"),
    ),
    Occupation(
        "7512",
        "Baker",
        "Baker",
        "Bakerfag",
        False,
        ("Baking", "Konditorarbeid", "Mattrygghet (HACCP)"),
    ),
    Occupation(
        "5223",
        "Butikkmedarbeider",
        "Shop sales assistant",
        "",
        False,
        ("Kundeservice", "Kassesystemer", "Varepåfylling", "Vareeksponering"),
    ),
    Occupation(
        "5141",
        "Frisør",
        "Hairdresser",
        "Frisørfag",
        False,
        ("Hårklipp", "Hårfarging", "Kundeservice", "Skjeggpleie"),
    ),
    # Transport and warehouses
    Occupation(
        "8331",
        "Bussjåfør",
        "Bus driver",
        "Transportfag",
        True,
        ("Førerkort klasse D", "Yrkessjåførkompetanse", "Kundeservice", "Trafikksikkerhet"),
    ),
    Occupation(
        "8332",
        "Lastebilsjåfør",
        "Lorry driver",
        "Transportfag",
        True,
        ("Førerkort klasse CE", "Yrkessjåførkompetanse", "Lastsikring"),
    ),
    Occupation(
        "8322",
        "Varebilsjåfør",
        "Delivery driver",
        "",
        False,
        ("Førerkort klasse B", "Varelevering", "Ruteplanlegging"),
    ),
    Occupation(
        "4321",
        "Lagermedarbeider",
        "Warehouse worker",
        "",
        False,
        ("Plukk og pakk", "Varemottak", "Lagerstyringssystem", "Varetelling"),
    ),
    Occupation(
        "8344",
        "Truckfører",
        "Forklift driver",
        "",
        False,
        ("Truckførerbevis", "Varemottak", "Lastsikring"),
    ),
    Occupation(
        "9321",
        "Pakkeriarbeider",
        "Packer",
        "",
        False,
        ("Pakking", "Kvalitetskontroll", "Samlebåndsarbeid"),
    ),
    # Health and care
    Occupation(
        "5321",
        "Helsefagarbeider",
        "Health care worker",
        "Helsefag",
        True,
        ("Personlig stell", "Legemiddelhåndtering", "Dokumentasjon i pasientjournal", "Demensomsorg"),
    ),
    Occupation(
        "5322",
        "Hjemmehjelp",
        "Home care worker",
        "",
        False,
        ("Praktisk bistand i hjemmet", "Personlig stell", "Matlaging"),
    ),
    Occupation(
        "5329",
        "Pleieassistent",
        "Care assistant",
        "",
        False,
        ("Personlig stell", "Demensomsorg", "Forflytningsteknikk"),
    ),
    Occupation(
        "2223",
        "Sykepleier",
        "Nurse",
        "Sykepleie",
        True,
        ("Sykepleie", "Legemiddelhåndtering", "Sårstell", "Dokumentasjon i pasientjournal"),
    ),
    Occupation(
        "2211",
        "Lege",
        "Medical doctor",
        "Medisin",
        True,
        ("Klinisk undersøkelse", "Diagnostikk", "Pasientkommunikasjon"),
    ),
    Occupation(
        "2261",
        "Tannlege",
        "Dentist",
        "Odontologi",
        True,
        ("Tannbehandling", "Pasientkommunikasjon", "Røntgendiagnostikk"),
    ),
    Occupation(
        "2262",
        "Farmasøyt",
        "Pharmacist",
        "Farmasi",
        True,
        ("Legemiddelrådgivning", "Resepthåndtering", "Legemiddelkunnskap"),
    ),
    Occupation(
        "3412",
        "Miljøarbeider",
        "Social care worker",
        "Sosialfag",
        False,
        ("Miljøarbeid", "Aktivitetsplanlegging", "Dokumentasjon"),
    ),
    # Teaching and childcare
    Occupation(
        "2341",
        "Grunnskolelærer",
        "Primary school teacher",
        "Lærerutdanning",
        True,
        ("Undervisning", "Klasseledelse", "Tilpasset opplæring", "Foreldresamarbeid"),
    ),
    Occupation(
        "2330",
        "Lektor",
        "Secondary school teacher",
        "Lektorutdanning",
        True,
        ("Undervisning", "Fagdidaktikk", "Vurdering"),
    ),
    Occupation(
        "2342",
        "Barnehagelærer",
        "Kindergarten teacher",
        "Barnehagelærerutdanning",
        True,
        ("Pedagogisk arbeid med barn", "Språkstimulering", "Foreldresamarbeid"),
    ),
    Occupation(
        "5311",
        "Barnehageassistent",
        "Kindergarten assistant",
        "",
        False,
        ("Omsorg for barn", "Lek og aktiviteter", "Språkstimulering"),
    ),
    # Building trades and industry
    Occupation(
        "7411",
        "Elektriker",
        "Electrician",
        "Elektrofag",
        True,
        ("Elektroinstallasjon", "Feilsøking", "Lesing av koblingsskjema", "NEK 400"),
    ),
    Occupation(
        "7115",
        "Tømrer",
        "Carpenter",
        "Tømrerfag",
        False,
        ("Tømring", "Forskaling", "Lesing av arbeidstegninger", "Bruk av elektroverktøy"),
    ),
    Occupation(
        "7212",
        "Sveiser",
        "Welder",
        "Sveisefag",
        False,
        ("MIG/MAG-sveising", "TIG-sveising", "Lesing av arbeidstegninger", "Platearbeid"),
    ),
    Occupation(
        "7126",
        "Rørlegger",
        "Plumber",
        "Rørleggerfag",
        True,
        ("Rørleggerarbeid", "Baderomsmontering", "Varmeanlegg"),
    ),
    Occupation(
        "7131",
        "Maler",
        "Painter",
        "Malerfag",
        False,
        ("Maling og tapetsering", "Sparkling", "Overflatebehandling"),
    ),
    Occupation(
        "7112",
        "Murer",
        "Bricklayer",
        "Murerfag",
        False,
        ("Muring", "Flislegging", "Betongarbeid"),
    ),
    Occupation(
        "9313",
        "Hjelpearbeider i bygg",
        "Construction labourer",
        "",
        False,
        ("Riving og rydding", "Bruk av elektroverktøy", "Stillasarbeid"),
    ),
    Occupation(
        "7231",
        "Bilmekaniker",
        "Car mechanic",
        "Bilfag",
        False,
        ("Bilreparasjon", "Feilsøking", "Dekkskift", "Service og vedlikehold"),
    ),
    Occupation(
        "5153",
        "Vaktmester",
        "Caretaker",
        "",
        False,
        ("Vedlikehold av bygg", "Enkle reparasjoner", "Snørydding"),
    ),
    # Engineering, ICT and offices
    Occupation(
        "2144",
        "Maskiningeniør",
        "Mechanical engineer",
        "Maskinteknikk",
        False,
        ("Teknisk tegning (CAD)", "Prosjektledelse", "Vedlikeholdsplanlegging", "Maskinkonstruksjon"),
    ),
    Occupation(
        "2142",
        "Byggingeniør",
        "Civil engineer",
        "Bygg og anlegg",
        False,
        ("Konstruksjonsberegning", "Teknisk tegning (CAD)", "Prosjektledelse", "Byggesaksbehandling"),
    ),
    Occupation(
        "2151",
        "Elkraftingeniør",
        "Electrical engineer",
        "Elkraftteknikk",
        False,
        ("Elkraftsystemer", "Automasjon", "Teknisk tegning (CAD)"),
    ),
    Occupation(
        "3112",
        "Bygningsingeniør",
        "Civil engineering technician",
        "Byggteknikk",
        False,
        ("Byggteknikk", "Teknisk tegning (CAD)", "Kalkulasjon"),
    ),
    Occupation(
        "2512",
        "Programvareutvikler",
        "Software developer",
        "Informatikk",
        False,
        ("Python", "JavaScript", "SQL", "Git", "Java"),
    ),
    Occupation(
        "3511",
        "IT-driftstekniker",
        "ICT operations technician",
        "IT-drift",
        False,
        ("Brukerstøtte", "Nettverk", "Windows-drift", "Linux"),
    ),
    Occupation(
        "2411",
        "Regnskapsrådgiver",
        "Accountant",
        "Økonomi og revisjon",
        True,
        ("Regnskapsføring", "Revisjon", "Skatt og avgift", "Excel"),
    ),
    Occupation(
        "4311",
        "Regnskapsmedarbeider",
        "Bookkeeping clerk",
        "Regnskap",
        False,
        ("Bokføring", "Fakturering", "Lønnskjøring", "Excel"),
    ),
    Occupation(
        "4110",
        "Kontormedarbeider",
        "Office clerk",
        "Administrasjon",
        False,
        ("Kontorarbeid", "Microsoft Office", "Arkivering", "Kundeservice"),
    ),
    Occupation(
        "2643",
        "Tolk",
        "Interpreter",
        "Språk og oversettelse",
        False,
        ("Tolking", "Oversettelse", "Tolkeetikk"),
    ),
    # Farms, gardens and the sea
    Occupation(
        "9211",
        "Gårdsarbeider",
        "Farm worker",
        "",
        False,
        ("Innhøsting", "Traktorkjøring", "Dyrestell"),
    ),
    Occupation(
        "9214",
        "Gartneriarbeider",
        "Horticultural worker",
        "",
        False,
        ("Planteproduksjon", "Innhøsting", "Vanning og gjødsling"),
    ),
    Occupation(
        "6221",
        "Havbruksarbeider",
        "Fish farm worker",
        "Akvakultur",
        False,
        ("Fôring av fisk", "Notvask", "Fiskehelse", "Båtførerbevis"),
    ),
    Occupation(
        "8160",
        "Fiskeindustriarbeider",
        "Fish processing worker",
        "",
        False,
        ("Filetering", "Pakking", "Mattrygghet (HACCP)", "Kvalitetskontroll"),
    ),
)

BY_CODE: dict[str, Occupation] = {occupation.code: occupation for occupation in OCCUPATIONS}


def occupation(code: str) -> Occupation:
    return BY_CODE[code]


def occupation_choices(language: str = "nb") -> list[tuple[str, str]]:
    return sorted(((o.code, o.title(language)) for o in OCCUPATIONS), key=lambda item: item[1].casefold())
