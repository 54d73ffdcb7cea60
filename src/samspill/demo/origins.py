"""Where the synthetic participants come from: countries with plausible weights, arrival waves, mother tongues,
residence bases, education profiles and names.

Names are written the way they stand in the Norwegian population register: in Latin letters. Faker draws them where
it has a fitting locale that writes Latin letters (pl_PL, lt_LT, tr_TR, ro_RO, en_TH for romanised Thai, en_IN) or
where an official transliteration exists (uk_UA, through the Ukrainian national transliteration of 2010). Faker's
Arabic (ar_AA) and Persian (fa_IR) locales write Arabic script, which cannot be romanised mechanically (short vowels
are not written), and Faker has no locale for Tigrinya, Somali, Amharic, Oromo, Congolese or Filipino names: for
those the lists below hold common romanised names.
"""

import datetime as dt
from dataclasses import dataclass, field

from samspill.people.models import EducationLevel, ResidenceBasis

EARLIEST_ARRIVAL = dt.date(2018, 11, 16)

# Order of EducationLevel used by the weight tuples below.
EDUCATION_LEVELS = (
    EducationLevel.NONE,
    EducationLevel.PRIMARY,
    EducationLevel.LOWER_SECONDARY,
    EducationLevel.UPPER_SECONDARY,
    EducationLevel.VOCATIONAL,
    EducationLevel.BACHELOR,
    EducationLevel.MASTER,
    EducationLevel.DOCTORATE,
)


@dataclass(frozen=True)
class Names:
    """Either a Faker locale (with an optional transliteration) or lists of romanised names."""

    faker_locale: str = ""
    transliterate: str = ""  # "uk" for the Ukrainian national transliteration
    male: tuple[str, ...] = ()
    female: tuple[str, ...] = ()
    family: tuple[str, ...] = ()


@dataclass(frozen=True)
class Origin:
    country: str
    weight_nav: float  # among participants followed up by NAV
    weight_introduction: float  # among participants in a municipal introduction programme
    share_female: float
    # Arrival waves: (first day, last day or None for "until today", weight).
    waves: tuple[tuple[dt.date, dt.date | None, float], ...]
    mother_tongues: tuple[tuple[str, float], ...]
    residence: tuple[tuple[str, float], ...]
    education: tuple[float, ...]  # weights in the order of EDUCATION_LEVELS
    names: Names
    # Other languages often spoken: (language, probability, lowest CEFR index, highest CEFR index); "mother:xx"
    # restricts one to speakers of mother tongue xx.
    other_languages: tuple[tuple[str, float, int, int], ...] = ()
    occupation_bias: dict[str, float] = field(default_factory=dict)
    birth_countries: tuple[tuple[str, float], ...] = ()  # where some were born, if not in this country
    names_by_mother_tongue: dict[str, Names] = field(default_factory=dict)


def _d(year, month, day) -> dt.date:
    return dt.date(year, month, day)


ALWAYS = ((EARLIEST_ARRIVAL, None, 1.0),)
REFUGEE_MOSTLY = ((ResidenceBasis.REFUGEE, 0.8), (ResidenceBasis.FAMILY, 0.2))

ARABIC_MALE = (
    "Ahmad", "Mohammad", "Omar", "Khaled", "Mahmoud", "Hassan", "Hussein", "Ali", "Yousef", "Ibrahim", "Mustafa",
    "Abdullah", "Samer", "Rami", "Fadi", "Tarek", "Walid", "Karim", "Amjad", "Majd", "Anas", "Bilal", "Hamza",
    "Jamal", "Ziad", "Firas", "Ayham", "Mazen", "Adnan", "Nabil", "Basel", "Muhannad",
)  # fmt: skip
ARABIC_FEMALE = (
    "Fatima", "Aisha", "Amina", "Rania", "Lina", "Hala", "Rasha", "Nour", "Dima", "Reem", "Yasmin", "Maryam",
    "Zainab", "Hiba", "Sara", "Layla", "Rana", "Huda", "Samar", "Salma", "Ghada", "Alaa", "Israa", "Nadia",
    "Rahaf", "Aya", "Shahd", "Batoul", "Rawan", "Heba",
)  # fmt: skip
SYRIAN_FAMILY = (
    "Al-Ahmad", "Haddad", "Khalil", "Hamdan", "Al-Hassan", "Darwish", "Mansour", "Saleh", "Haj Ali", "Al-Khatib",
    "Othman", "Kassem", "Ibrahim", "Al-Masri", "Nasser", "Al-Halabi", "Shaker", "Youssef", "Aziz", "Sabbagh",
    "Jaber", "Al-Homsi", "Ismail", "Hammoud", "Al-Sheikh", "Bakour", "Qassab", "Al-Ali", "Al-Hamwi", "Mousa",
)  # fmt: skip
IRAQI_FAMILY = (
    "Al-Jubouri", "Al-Obaidi", "Al-Dulaimi", "Kareem", "Hussein", "Abbas", "Jassim", "Al-Saadi", "Mahdi", "Hamad",
    "Al-Tamimi", "Salman", "Kadhim", "Al-Rubaie", "Hadi", "Jabbar", "Al-Zubaidi", "Naji",
)  # fmt: skip
SUDANESE_MALE = (
    "Mohamed", "Ahmed", "Osman", "Abdelrahman", "Mustafa", "Yasir", "Hamid", "Adam", "Ishag", "Mubarak",
    "Elsadig", "Awad", "Abubakar", "Hassan", "Khalid", "Babiker", "Omer", "Ismail",
)  # fmt: skip
SUDANESE_FEMALE = (
    "Fatima", "Amna", "Hawa", "Zahra", "Aisha", "Mariam", "Sara", "Samia", "Nafisa", "Khadija", "Hanan",
    "Asma", "Suad", "Rayan", "Tasneem", "Safaa",
)  # fmt: skip
SUDANESE_FAMILY = (
    "Osman", "Abdelrahman", "Elamin", "Adam", "Ishag", "Abakar", "Yagoub", "Hamid", "Elnour", "Mohamed",
    "Abdalla", "Babiker", "Elhassan", "Musa", "Idris", "Bashir", "Suliman", "Eltayeb",
)  # fmt: skip
KURDISH = Names(
    male=(
        "Azad", "Rebwar", "Kawa", "Dilshad", "Shivan", "Baran", "Hozan", "Diyar", "Karwan", "Serwan", "Hogir",
        "Rezan", "Aram", "Dara", "Hawre", "Alan", "Zana", "Bawar",
    ),
    female=(
        "Berivan", "Rojda", "Nazdar", "Shilan", "Avin", "Dilan", "Jwan", "Rojin", "Hevin", "Nasrin", "Zozan",
        "Bafrin", "Evin", "Sozan", "Lana", "Shno",
    ),
)  # fmt: skip
PERSIAN = Names(
    male=(
        "Reza", "Ali", "Mohammad", "Hossein", "Mehdi", "Amir", "Saeed", "Hamid", "Arash", "Babak", "Kaveh",
        "Dariush", "Farhad", "Behnam", "Navid", "Pouya", "Siavash", "Omid", "Majid", "Peyman",
    ),
    female=(
        "Maryam", "Fatemeh", "Zahra", "Sara", "Leila", "Shirin", "Niloufar", "Parisa", "Mahsa", "Roya", "Azadeh",
        "Neda", "Samira", "Elham", "Mina", "Shabnam", "Golnaz", "Nasrin", "Sepideh", "Ladan",
    ),
    family=(
        "Hosseini", "Mohammadi", "Rezaei", "Ahmadi", "Karimi", "Moradi", "Jafari", "Rahimi", "Kazemi", "Ghorbani",
        "Hashemi", "Sadeghi", "Najafi", "Rostami", "Ebrahimi", "Mousavi", "Tehrani", "Shirazi", "Abbasi", "Nouri",
        "Amini", "Zamani", "Bagheri", "Farahani",
    ),
)  # fmt: skip
AFGHAN = Names(
    male=(
        "Ahmad", "Mohammad", "Mustafa", "Abdul", "Hamid", "Jawad", "Farid", "Nasir", "Rahim", "Zabihullah", "Sayed",
        "Hekmatullah", "Najib", "Wahid", "Khalid", "Shafiq", "Basir", "Qadir", "Rohullah", "Mujtaba", "Sohrab",
        "Ismail", "Hamidullah", "Elyas",
    ),
    female=(
        "Fatima", "Zahra", "Maryam", "Nazanin", "Marzia", "Shabana", "Freshta", "Mursal", "Sakina", "Roya",
        "Parwana", "Hamida", "Lailuma", "Mahbooba", "Nilofar", "Tahmina", "Zarifa", "Sima", "Farzana", "Masooma",
    ),
    family=(
        "Ahmadi", "Rahimi", "Hakimi", "Popal", "Noori", "Sultani", "Hussaini", "Mohammadi", "Karimi", "Stanikzai",
        "Safi", "Sadat", "Amiri", "Rezai", "Jafari", "Haidari", "Naseri", "Azizi", "Wardak", "Samadi", "Habibi",
        "Qaderi", "Yousufzai", "Akbari",
    ),
)  # fmt: skip
TIGRINYA = Names(
    male=(
        "Yonas", "Daniel", "Samuel", "Mehari", "Tesfay", "Filmon", "Robel", "Henok", "Biniam", "Tekle", "Ermias",
        "Dawit", "Kibrom", "Amanuel", "Habtom", "Semere", "Yohannes", "Mussie", "Awet", "Natnael", "Aron", "Efrem",
    ),
    female=(
        "Helen", "Senait", "Selam", "Lidya", "Hiwet", "Feven", "Saba", "Yordanos", "Ruta", "Winta", "Eden", "Rahel",
        "Mebrat", "Tsega", "Luwam", "Simret", "Freweini", "Elsa", "Almaz", "Mihret", "Milena", "Yohana",
    ),
    family=(
        "Tesfaye", "Gebremedhin", "Habte", "Tekle", "Woldu", "Gebrehiwet", "Kidane", "Berhane", "Haile", "Yohannes",
        "Ghebreab", "Mehari", "Tewelde", "Asmerom", "Andemariam", "Okbazghi", "Zerai", "Negash", "Fessehaye",
        "Goitom", "Weldemichael", "Ghirmay", "Abraha", "Teklehaimanot",
    ),
)  # fmt: skip
TIGRE = Names(
    male=("Mohammed", "Idris", "Saleh", "Osman", "Ibrahim", "Adem", "Hamid", "Mahmud", "Jemal", "Nur"),
    female=("Amna", "Fatna", "Halima", "Zahra", "Asha", "Saida", "Khadija", "Miriam", "Zeineb", "Hawa"),
    family=("Idris", "Saleh", "Osman", "Mohammed", "Ibrahim", "Adem", "Hamid", "Mahmud", "Abdu", "Nur"),
)  # fmt: skip
ETHIOPIAN = Names(
    male=(
        "Abebe", "Dawit", "Tesfaye", "Getachew", "Solomon", "Yared", "Bereket", "Tadesse", "Mulugeta", "Girma",
        "Chala", "Gemechu", "Lemma", "Tolosa", "Abdi", "Kebede", "Fikru", "Biruk", "Yonatan", "Eyob",
    ),
    female=(
        "Tigist", "Meseret", "Hirut", "Selamawit", "Bethlehem", "Meron", "Hana", "Aster", "Almaz", "Genet", "Tsion",
        "Chaltu", "Lensa", "Ayantu", "Obse", "Mahlet", "Kidist", "Rediet",
    ),
    family=(
        "Bekele", "Tadesse", "Alemu", "Girma", "Mekonnen", "Haile", "Tesfaye", "Kebede", "Wolde", "Abera", "Desta",
        "Lemma", "Gudina", "Tolera", "Fayisa", "Negasa", "Hailu", "Getahun", "Assefa", "Worku",
    ),
)  # fmt: skip
SOMALI = Names(
    male=(
        "Abdi", "Mohamed", "Ahmed", "Abdirahman", "Abdullahi", "Hassan", "Hussein", "Ali", "Omar", "Yusuf", "Ismail",
        "Mahad", "Liban", "Guled", "Farah", "Bashir", "Said", "Abdikarim", "Hamse", "Mukhtar", "Abdiaziz", "Khalid",
    ),
    female=(
        "Hodan", "Fadumo", "Amina", "Hawa", "Sahra", "Ifrah", "Asha", "Sagal", "Naima", "Ayan", "Hibo", "Khadra",
        "Nasra", "Hamdi", "Ubah", "Deeqa", "Ilhan", "Idil", "Maryan", "Sucaad", "Hodo", "Nimco",
    ),
    family=(
        "Abdi", "Mohamed", "Ahmed", "Hassan", "Warsame", "Farah", "Jama", "Osman", "Ali", "Nur", "Aden", "Dahir",
        "Elmi", "Egal", "Hersi", "Ismail", "Yusuf", "Guled", "Mohamud", "Abdullahi", "Shire", "Isse", "Hirsi",
        "Omar",
    ),
)  # fmt: skip
CONGOLESE = Names(
    male=(
        "Jean-Pierre", "Patrick", "Emmanuel", "Christian", "Joseph", "Gloire", "Blaise", "Dieudonné", "Fabrice",
        "Trésor", "Serge", "Alain", "Olivier", "Papy", "Jonathan", "Espoir", "Héritier", "Moïse", "Baraka", "Amani",
    ),
    female=(
        "Marie", "Grâce", "Esther", "Rebecca", "Nadine", "Jeanne", "Sarah", "Divine", "Chantal", "Clarisse",
        "Furaha", "Neema", "Aline", "Rachel", "Ange", "Gloria", "Josiane", "Bénédicte", "Riziki", "Consolata",
    ),
    family=(
        "Mukendi", "Tshibangu", "Kalala", "Mbuyi", "Ilunga", "Kasongo", "Ngoy", "Mulamba", "Kabongo", "Lukusa",
        "Banza", "Kayembe", "Nkulu", "Bahati", "Mwamba", "Kahindo", "Kambale", "Masika", "Byamungu", "Bisimwa",
        "Cirhuza", "Mapendo", "Habimana", "Niyonzima",
    ),
)  # fmt: skip
FILIPINO = Names(
    male=(
        "Mark Anthony", "John Paul", "Jomar", "Rodel", "Jerome", "Ramil", "Jonathan", "Christian", "Ronald",
        "Arnel", "Reynaldo", "Michael", "Joel", "Dennis", "Rommel", "Jayson", "Marvin", "Noel",
    ),
    female=(
        "Maria Cristina", "Jocelyn", "Marites", "Rowena", "Mary Joy", "Jennifer", "Lorna", "Analyn", "Rosalie",
        "Kristine", "Rhea", "Grace", "Lovely", "Maricel", "Jonalyn", "Divina", "Charmaine", "Angelica", "Liezl",
        "Mary Ann", "Joanna", "Rochelle",
    ),
    family=(
        "Santos", "Reyes", "Cruz", "Bautista", "Ocampo", "Garcia", "Mendoza", "Torres", "Tomas", "Andrada",
        "Castillo", "Flores", "Villanueva", "Ramos", "Castro", "Rivera", "Aquino", "Navarro", "Salazar", "Mercado",
        "Dizon", "Manalo", "Pascual", "Gonzales", "De Leon", "Dela Cruz", "Soriano", "Aguilar", "Domingo",
        "Magbanua",
    ),
)  # fmt: skip

ORIGINS: tuple[Origin, ...] = (
    Origin(
        "UA", 18, 40, 0.68,
        ((_d(2022, 3, 1), None, 1.0),),
        (("uk", 0.7), ("ru", 0.3)),
        ((ResidenceBasis.REFUGEE, 0.96), (ResidenceBasis.FAMILY, 0.02), (ResidenceBasis.WORK, 0.02)),
        (0, 0, 2, 13, 30, 30, 23, 2),
        Names(faker_locale="uk_UA", transliterate="uk"),
        other_languages=(("mother:uk:ru", 0.9, 3, 5), ("mother:ru:uk", 0.7, 2, 4), ("en", 0.45, 0, 3)),
        occupation_bias={"2144": 2, "2341": 2, "2411": 2, "2223": 1.5, "2512": 2, "8332": 2, "4311": 2, "2211": 1.5},
    ),
    Origin(
        "SY", 13, 10, 0.45,
        ((EARLIEST_ARRIVAL, _d(2020, 12, 31), 0.5), (_d(2021, 1, 1), None, 0.5)),
        (("ar", 0.88), ("ku", 0.12)),
        REFUGEE_MOSTLY,
        (4, 18, 18, 22, 10, 20, 7, 1),
        Names(male=ARABIC_MALE, female=ARABIC_FEMALE, family=SYRIAN_FAMILY),
        other_languages=(("mother:ku:ar", 0.95, 3, 4), ("en", 0.35, 0, 3), ("tr", 0.1, 0, 2)),
        occupation_bias={"5120": 2, "5141": 2, "7411": 1.5, "5223": 1.5, "7231": 2, "2211": 1.5, "2262": 1.5},
        birth_countries=(("LB", 0.04), ("TR", 0.03)),
        names_by_mother_tongue={"ku": KURDISH},
    ),
    Origin(
        "AF", 7, 12, 0.4,
        ((EARLIEST_ARRIVAL, _d(2021, 8, 14), 0.3), (_d(2021, 8, 15), None, 0.7)),
        (("fa", 0.7), ("ps", 0.3)),
        ((ResidenceBasis.REFUGEE, 0.85), (ResidenceBasis.FAMILY, 0.15)),
        (18, 22, 18, 20, 5, 13, 4, 0),
        AFGHAN,
        other_languages=(("mother:ps:fa", 0.6, 2, 4), ("mother:fa:ps", 0.2, 1, 3), ("en", 0.3, 0, 3)),
        occupation_bias={"5120": 2, "7212": 1.5, "8322": 1.5, "9214": 1.5, "2643": 1.5},
        birth_countries=(("IR", 0.22), ("PK", 0.05)),
    ),
    Origin(
        "ER", 9, 8, 0.42,
        ALWAYS,
        (("ti", 0.88), ("tig", 0.12)),
        ((ResidenceBasis.REFUGEE, 0.75), (ResidenceBasis.FAMILY, 0.25)),
        (8, 22, 25, 25, 6, 12, 2, 0),
        TIGRINYA,
        other_languages=(("mother:tig:ti", 0.8, 2, 4), ("ar", 0.15, 1, 3), ("en", 0.3, 0, 2), ("am", 0.1, 1, 3)),
        occupation_bias={"8331": 2, "9112": 2, "9412": 2, "5329": 2, "5322": 1.5},
        birth_countries=(("ET", 0.08), ("SD", 0.06)),
        names_by_mother_tongue={"tig": TIGRE},
    ),
    Origin(
        "SO", 8, 4, 0.52,
        ALWAYS,
        (("so", 1.0),),
        ((ResidenceBasis.REFUGEE, 0.6), (ResidenceBasis.FAMILY, 0.4)),
        (22, 25, 18, 18, 5, 10, 2, 0),
        SOMALI,
        other_languages=(("en", 0.3, 0, 3), ("ar", 0.25, 0, 3), ("sw", 0.08, 2, 4)),
        occupation_bias={"5322": 2, "5311": 2, "8322": 2, "5223": 2, "5329": 1.5},
        birth_countries=(("KE", 0.1), ("ET", 0.05)),
    ),
    Origin(
        "PL", 9, 0, 0.3,
        ALWAYS,
        (("pl", 1.0),),
        ((ResidenceBasis.EEA, 1.0),),
        (0, 2, 8, 20, 45, 18, 7, 0),
        Names(faker_locale="pl_PL"),
        other_languages=(("en", 0.5, 0, 3), ("de", 0.12, 0, 2)),
        occupation_bias={
            "7115": 4, "9313": 4, "7212": 3, "4321": 3, "8160": 3, "8332": 2, "7131": 3, "7112": 3, "7126": 2,
            "8344": 2,
        },
    ),  # fmt: skip
    Origin(
        "LT", 5, 0, 0.35,
        ALWAYS,
        (("lt", 0.85), ("ru", 0.15)),
        ((ResidenceBasis.EEA, 1.0),),
        (0, 2, 8, 25, 40, 18, 7, 0),
        Names(faker_locale="lt_LT"),
        other_languages=(("ru", 0.6, 2, 4), ("en", 0.5, 0, 3)),
        occupation_bias={"8332": 3, "4321": 3, "8160": 3, "6221": 2, "7115": 2, "9313": 2, "7212": 2},
    ),
    Origin(
        "RO", 3, 0, 0.4,
        ALWAYS,
        (("ro", 1.0),),
        ((ResidenceBasis.EEA, 1.0),),
        (0, 4, 12, 30, 30, 18, 6, 0),
        Names(faker_locale="ro_RO"),
        other_languages=(("en", 0.45, 0, 3), ("it", 0.12, 1, 3)),
        occupation_bias={"9313": 3, "7115": 2, "9211": 3, "9214": 3, "9112": 2},
    ),
    Origin(
        "IQ", 4, 2, 0.45,
        ALWAYS,
        (("ar", 0.6), ("ckb", 0.4)),
        ((ResidenceBasis.REFUGEE, 0.6), (ResidenceBasis.FAMILY, 0.3), (ResidenceBasis.WORK, 0.1)),
        (6, 16, 18, 24, 8, 20, 7, 1),
        Names(male=ARABIC_MALE, female=ARABIC_FEMALE, family=IRAQI_FAMILY),
        other_languages=(("mother:ckb:ar", 0.7, 2, 4), ("en", 0.35, 0, 3)),
        occupation_bias={"7231": 2, "7411": 1.5, "5223": 1.5, "2142": 1.5},
        names_by_mother_tongue={"ckb": KURDISH},
    ),
    Origin(
        "IR", 3, 3, 0.5,
        ALWAYS,
        (("fa", 0.85), ("az", 0.1), ("ckb", 0.05)),
        ((ResidenceBasis.REFUGEE, 0.6), (ResidenceBasis.FAMILY, 0.25), (ResidenceBasis.EDUCATION, 0.1),
         (ResidenceBasis.WORK, 0.05)),
        (1, 4, 8, 20, 7, 35, 22, 3),
        PERSIAN,
        other_languages=(("mother:az:fa", 0.95, 4, 5), ("mother:ckb:fa", 0.9, 3, 4), ("en", 0.65, 1, 4)),
        occupation_bias={"2144": 2, "2142": 2, "2512": 2, "2223": 1.5, "2261": 1.5},
        names_by_mother_tongue={"ckb": KURDISH},
    ),  # fmt: skip
    Origin(
        "TR", 3, 3, 0.45,
        ALWAYS,
        (("tr", 0.75), ("ku", 0.25)),
        ((ResidenceBasis.REFUGEE, 0.6), (ResidenceBasis.WORK, 0.2), (ResidenceBasis.FAMILY, 0.2)),
        (2, 8, 12, 22, 10, 30, 14, 2),
        Names(faker_locale="tr_TR"),
        other_languages=(("mother:ku:tr", 0.95, 3, 4), ("en", 0.5, 0, 3), ("de", 0.1, 1, 3)),
        occupation_bias={"5120": 2, "7231": 1.5, "2142": 1.5, "2341": 1.5},
        names_by_mother_tongue={"ku": KURDISH},
    ),
    Origin(
        "PH", 4, 0, 0.8,
        ALWAYS,
        (("fil", 1.0),),
        ((ResidenceBasis.WORK, 0.45), (ResidenceBasis.FAMILY, 0.5), (ResidenceBasis.EDUCATION, 0.05)),
        (0, 1, 3, 12, 20, 55, 9, 0),
        FILIPINO,
        other_languages=(("en", 0.97, 3, 4),),
        occupation_bias={"2223": 6, "5321": 4, "5329": 3, "9112": 2, "5311": 1.5},
    ),
    Origin(
        "TH", 4, 0, 0.88,
        ALWAYS,
        (("th", 1.0),),
        ((ResidenceBasis.FAMILY, 0.9), (ResidenceBasis.WORK, 0.1)),
        (3, 20, 28, 27, 7, 13, 2, 0),
        Names(faker_locale="en_TH"),
        other_languages=(("en", 0.35, 0, 2),),
        occupation_bias={"9112": 4, "5120": 3, "9412": 3, "9214": 2, "5141": 1.5},
    ),
    Origin(
        "ET", 3, 3, 0.55,
        ALWAYS,
        (("am", 0.5), ("om", 0.3), ("ti", 0.2)),
        ((ResidenceBasis.REFUGEE, 0.5), (ResidenceBasis.FAMILY, 0.5)),
        (6, 18, 20, 26, 8, 18, 4, 0),
        ETHIOPIAN,
        other_languages=(("mother:om:am", 0.6, 2, 4), ("mother:ti:am", 0.5, 2, 4), ("en", 0.45, 0, 3)),
        occupation_bias={"5321": 1.5, "9112": 2, "5329": 1.5},
    ),
    Origin(
        "CD", 2, 6, 0.5,
        ALWAYS,
        (("sw", 0.45), ("ln", 0.4), ("fr", 0.15)),
        ((ResidenceBasis.REFUGEE, 0.9), (ResidenceBasis.FAMILY, 0.1)),
        (8, 18, 18, 26, 8, 16, 5, 1),
        CONGOLESE,
        other_languages=(
            ("fr", 0.75, 2, 4), ("mother:ln:sw", 0.3, 1, 3), ("mother:sw:ln", 0.2, 1, 3), ("en", 0.2, 0, 2),
        ),
        occupation_bias={"5329": 2, "9211": 2, "2643": 1.5, "9214": 1.5},
        birth_countries=(("UG", 0.15), ("RW", 0.08), ("TZ", 0.05)),
    ),
    Origin(
        "SD", 3, 4, 0.35,
        ALWAYS,
        (("ar", 1.0),),
        ((ResidenceBasis.REFUGEE, 0.85), (ResidenceBasis.FAMILY, 0.15)),
        (10, 18, 18, 24, 6, 18, 6, 0),
        Names(male=SUDANESE_MALE, female=SUDANESE_FEMALE, family=SUDANESE_FAMILY),
        other_languages=(("en", 0.45, 0, 3),),
        occupation_bias={"2211": 1.5, "9112": 1.5, "8322": 1.5},
        birth_countries=(("SS", 0.05),),
    ),
    Origin(
        "IN", 2, 0, 0.35,
        ALWAYS,
        (("hi", 0.4), ("ml", 0.25), ("ta", 0.2), ("te", 0.15)),
        ((ResidenceBasis.WORK, 0.8), (ResidenceBasis.FAMILY, 0.2)),
        (0, 0, 0, 3, 5, 42, 47, 3),
        Names(faker_locale="en_IN"),
        other_languages=(("en", 0.98, 3, 4), ("mother:ml:hi", 0.4, 1, 3), ("mother:ta:hi", 0.3, 1, 3)),
        occupation_bias={"2512": 6, "2144": 3, "2142": 2, "3511": 3, "2211": 1.5},
    ),
)  # fmt: skip

BY_COUNTRY: dict[str, Origin] = {origin.country: origin for origin in ORIGINS}

# Ukrainian national transliteration (Cabinet of Ministers resolution 55 of 2010), as in Ukrainian passports.
_UK_INITIAL = {"є": "ye", "ї": "yi", "й": "y", "ю": "yu", "я": "ya"}
_UK = {
    "а": "a", "б": "b", "в": "v", "г": "h", "ґ": "g", "д": "d", "е": "e", "є": "ie", "ж": "zh", "з": "z", "и": "y",
    "і": "i", "ї": "i", "й": "i", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o", "п": "p", "р": "r", "с": "s",
    "т": "t", "у": "u", "ф": "f", "х": "kh", "ц": "ts", "ч": "ch", "ш": "sh", "щ": "shch", "ь": "", "ю": "iu",
    "я": "ia", "'": "", "’": "", "ʼ": "",
}  # fmt: skip


def transliterate_ukrainian(text: str) -> str:
    out = []
    at_word_start = True
    lowered = text.lower()
    index = 0
    while index < len(text):
        char, low = text[index], lowered[index]
        if low == "з" and lowered[index + 1 : index + 2] == "г":
            latin = "zgh"
            index += 1
        elif at_word_start and low in _UK_INITIAL:
            latin = _UK_INITIAL[low]
        elif low in _UK:
            latin = _UK[low]
        else:
            latin = char
        if char != low and latin:
            latin = latin[0].upper() + latin[1:]
        out.append(latin)
        at_word_start = not low.isalpha() and low not in "'’ʼ"
        index += 1
    return "".join(out)


def lithuanian_married_name(family_name: str) -> str:
    """The married woman's form of a Lithuanian family name (Kazlauskas → Kazlauskienė)."""
    for ending in ("ius", "as", "is", "ys", "us"):
        if family_name.endswith(ending):
            return family_name[: -len(ending)] + "ienė"
    return family_name
