"""Demo organisations, sectors and innovation fields from the seed pages."""

from datetime import date
from decimal import Decimal

from django.utils.text import slugify

from core.demo import register, upsert
from regions.demo import load_bodies as load_region_bodies
from regions.models import Region

from .models import ContactPerson, InnovationField, Organisation, Sector

SECTORS = [
    "Stationäre und ambulante Versorgung",
    "Pharmazeutische Versorgung",
    "Forschung und Entwicklung",
    "Medizintechnik",
    "Gesundheits-IT und Telemedizin",
    "Gesunde Ernährung",
    "Sport und Freizeit",
    "Pflege",
]

INNOVATION_FIELDS = [
    "Ambient Assisted Living",
    "In-vitro-Kulturen",
    "Telemedizin",
    "Orthopädietechnik",
    "Digitalisierung und Big Data",
    "Fachkräftesicherung",
]

K = Organisation.Kind
ORGANISATIONS = [
    # (name, kind, region slug, city, joined, innovation fields)
    (
        "LZG.NRW – Landeszentrum Gesundheit Nordrhein-Westfalen",
        K.POLITICS,
        "metropole-ruhr",
        "Bochum",
        date(2012, 1, 1),
        ["Digitalisierung und Big Data", "Fachkräftesicherung"],
    ),
    (
        "NRW.International GmbH",
        K.SERVICE_PROVIDER,
        "nordrhein-westfalen",
        "Düsseldorf",
        date(2012, 1, 1),
        [],
    ),
    (
        "NRW.INVEST GmbH",
        K.SERVICE_PROVIDER,
        "nordrhein-westfalen",
        "Düsseldorf",
        date(2012, 1, 1),
        [],
    ),
    (
        "ZTG Zentrum für Telematik und Telemedizin GmbH",
        K.SERVICE_PROVIDER,
        "metropole-ruhr",
        "Bochum",
        date(2013, 3, 1),
        ["Telemedizin", "Digitalisierung und Big Data"],
    ),
    (
        "Uniklinik RWTH Aachen",
        K.CLINIC,
        "aachen",
        "Aachen",
        date(2014, 5, 1),
        ["Telemedizin", "Orthopädietechnik"],
    ),
    (
        "RWTH Aachen University",
        K.RESEARCH,
        "aachen",
        "Aachen",
        date(2014, 5, 1),
        ["Orthopädietechnik", "Digitalisierung und Big Data"],
    ),
    (
        "MedLife e. V.",
        K.ASSOCIATION,
        "aachen",
        "Aachen",
        date(2015, 2, 1),
        ["Orthopädietechnik", "Telemedizin"],
    ),
    (
        "ZENIT GmbH",
        K.SERVICE_PROVIDER,
        "metropole-ruhr",
        "Mülheim an der Ruhr",
        date(2013, 6, 1),
        [],
    ),
    (
        "Fraunhofer-Institut für Biomedizinische Technik (IBMT)",
        K.RESEARCH,
        "saarland",
        "Sulzbach",
        date(2016, 4, 1),
        ["In-vitro-Kulturen", "Ambient Assisted Living"],
    ),
    (
        "saar.is saarland.innovation&standort e. V.",
        K.ASSOCIATION,
        "saarland",
        "Saarbrücken",
        date(2016, 4, 1),
        ["Ambient Assisted Living", "Telemedizin"],
    ),
    (
        "Gesundheitswirtschaft Mitteldeutschland (GWMD)",
        K.ASSOCIATION,
        "mitteldeutschland",
        "Leipzig",
        date(2018, 9, 1),
        ["Fachkräftesicherung"],
    ),
]


DESCRIPTIONS = {
    "LZG.NRW – Landeszentrum Gesundheit Nordrhein-Westfalen": (
        "Das Landeszentrum Gesundheit berät das Land in Fragen der Gesundheit und beherbergt "
        "das Clustermanagement Gesundheitswirtschaft, das Akteure aus Versorgung, Forschung "
        "und Wirtschaft landesweit miteinander ins Gespräch bringt."
    ),
    "NRW.International GmbH": (
        "Die Landesgesellschaft bündelt die Außenwirtschaftsförderung Nordrhein-Westfalens und "
        "organisiert Unternehmer- und Markterkundungsreisen, etwa in die Niederlande, nach "
        "Belgien oder Dänemark."
    ),
    "NRW.INVEST GmbH": (
        "Die Wirtschaftsförderungsgesellschaft des Landes wirbt international für "
        "Nordrhein-Westfalen als Investitionsstandort und empfängt ausländische Delegationen."
    ),
    "ZTG Zentrum für Telematik und Telemedizin GmbH": (
        "Das Kompetenzzentrum begleitet Einrichtungen bei Telematik- und Telemedizinprojekten "
        "und richtet gemeinsam mit dem Clustermanagement den Landesgemeinschaftsstand auf der "
        "Gesundheits-IT-Fachmesse aus."
    ),
    "Uniklinik RWTH Aachen": (
        "Das Universitätsklinikum verbindet Krankenversorgung, Forschung und Lehre und arbeitet "
        "mit Unternehmen der Region an telemedizinischen und medizintechnischen Lösungen."
    ),
    "RWTH Aachen University": (
        "Die Technische Hochschule forscht in Ingenieur-, Natur- und Lebenswissenschaften, "
        "unter anderem an Medizintechnik, Orthopädietechnik und datengetriebener Medizin."
    ),
    "MedLife e. V.": (
        "Der Verein vernetzt Unternehmen, Kliniken und Hochschulen der Region Aachen rund um "
        "Medizintechnik und Lebenswissenschaften."
    ),
    "ZENIT GmbH": (
        "Das Zentrum für Innovation und Technik unterstützt Unternehmen bei Förderanträgen, "
        "Technologietransfer und internationalen Kooperationen, unter anderem im Enterprise "
        "Europe Network."
    ),
    "Fraunhofer-Institut für Biomedizinische Technik (IBMT)": (
        "Das Institut entwickelt Verfahren und Geräte für die biomedizinische Technik, von "
        "Ultraschall über Zellkulturen in vitro bis zu Assistenzsystemen für ein "
        "selbstbestimmtes Leben im Alter."
    ),
    "saar.is saarland.innovation&standort e. V.": (
        "Die saarländische Innovations- und Standortagentur trägt das Netzwerk "
        "healthcare.saarland und unterstützt Unternehmen der Gesundheitswirtschaft im Saarland."
    ),
    "Gesundheitswirtschaft Mitteldeutschland (GWMD)": (
        "Der Verbund bringt Akteure der Gesundheitswirtschaft aus Sachsen, Sachsen-Anhalt und "
        "Thüringen zusammen und arbeitet an der Sicherung von Fachkräften."
    ),
}

# The real organisations' public contact: what the seed pages give (saar.is' two contacts for
# healthcare.saarland, GWMD's office address, the Uniklinik's press office) and the
# organisations' own websites and postal addresses. Members without an address of their own
# here are reached through the cluster management by the profile's contact form.
PUBLIC_CONTACT = {
    "LZG.NRW – Landeszentrum Gesundheit Nordrhein-Westfalen": {
        "street": "Gesundheitscampus 10",
        "postcode": "44801",
        "website": "https://www.lzg.nrw.de",
    },
    "NRW.International GmbH": {
        "street": "Völklinger Straße 4",
        "postcode": "40219",
        "website": "https://www.nrw-international.de",
    },
    "NRW.INVEST GmbH": {
        "street": "Völklinger Straße 4",
        "postcode": "40219",
        "website": "https://www.nrwinvest.com",
    },
    "ZTG Zentrum für Telematik und Telemedizin GmbH": {"website": "https://www.ztg-nrw.de"},
    "Uniklinik RWTH Aachen": {
        "street": "Pauwelsstraße 30",
        "postcode": "52074",
        "website": "https://www.ukaachen.de",
    },
    "RWTH Aachen University": {
        "street": "Templergraben 55",
        "postcode": "52062",
        "website": "https://www.rwth-aachen.de",
    },
    "MedLife e. V.": {"website": "https://www.medlife-ev.de"},
    "ZENIT GmbH": {
        "street": "Bismarckstraße 28",
        "postcode": "45470",
        "website": "https://www.zenit.de",
    },
    "Fraunhofer-Institut für Biomedizinische Technik (IBMT)": {
        "street": "Joseph-von-Fraunhofer-Weg 1",
        "postcode": "66280",
        "website": "https://www.ibmt.fraunhofer.de",
    },
    "saar.is saarland.innovation&standort e. V.": {
        "street": "Franz-Josef-Röder-Straße 9",
        "postcode": "66119",
        "phone": "0681 9520-459",
        "website": "https://www.saar-is.de",
    },
    "Gesundheitswirtschaft Mitteldeutschland (GWMD)": {
        "email": "info@gesundheitswirtschaft-mitteldeutschland.de",
        "website": "https://www.gesundheitswirtschaft-mitteldeutschland.de",
    },
}
# Contact persons the seed pages name with their details, shown on the profiles.
PUBLIC_CONTACT_PERSONS = {
    "saar.is saarland.innovation&standort e. V.": [
        ("Dr. Thomas Siemer", "healthcare.saarland", "0681 9520-459", "thomas.siemer@saar-is.de"),
        ("Patrick Rosar", "Innovationen", "0681 9520-451", "patrick.rosar@saar-is.de"),
    ],
    "Uniklinik RWTH Aachen": [
        (
            "Dr. Mathias Brandstädter",
            "Stabsstelle Unternehmenskommunikation",
            "0241 80-89893",
            "kommunikation@ukaachen.de",
        ),
    ],
}

COORDINATES = {
    "Aachen": ("50.77753", "6.08342"),
    "Bochum": ("51.48165", "7.21648"),
    "Düsseldorf": ("51.22172", "6.77616"),
    "Mülheim an der Ruhr": ("51.42750", "6.88296"),
    "Sulzbach": ("49.29882", "7.05696"),
    "Saarbrücken": ("49.23262", "6.99690"),
    "Leipzig": ("51.33962", "12.37129"),
    "Köln": ("50.93753", "6.96028"),
    "Bonn": ("50.73743", "7.09821"),
    "Bielefeld": ("52.02113", "8.53469"),
    "Paderborn": ("51.71905", "8.75439"),
    "Siegen": ("50.87481", "8.02431"),
    "Arnsberg": ("51.39656", "8.06417"),
    "Münster": ("51.96236", "7.62571"),
    "Rheine": ("52.28509", "7.44055"),
    "Essen": ("51.45657", "7.01228"),
    "Dortmund": ("51.51494", "7.46600"),
    "Homburg": ("49.32637", "7.33867"),
    "Halle (Saale)": ("51.48158", "11.97947"),
    "Jena": ("50.92780", "11.58640"),
    "Düren": ("50.80434", "6.49299"),
    "Detmold": ("51.93855", "8.87318"),
    "Lüdenscheid": ("51.21977", "7.62730"),
    "Neunkirchen": ("49.34449", "7.18045"),
    "Magdeburg": ("52.12053", "11.62775"),
}

S = SECTORS
F = INNOVATION_FIELDS
# Invented members so that every region's filters have something to show.
# (name, legal form, kind, region slug, city, sectors, innovation fields, employee band)
FICTITIOUS = [
    (
        "Beispiel Medizintechnik GmbH (fiktiv)",
        "GmbH",
        K.MEDICAL_TECHNOLOGY,
        "aachen",
        "Aachen",
        [S[3]],
        [F[3]],
        "10-49",
    ),
    (
        "Muster Reha-Klinik Eifel (fiktiv)",
        "gGmbH",
        K.CLINIC,
        "aachen",
        "Düren",
        [S[0]],
        [F[3], F[5]],
        "250-999",
    ),
    (
        "Exempla Telecare Aachen UG (fiktiv)",
        "UG",
        K.SERVICE_PROVIDER,
        "aachen",
        "Aachen",
        [S[4]],
        [F[2]],
        "1-9",
    ),
    (
        "Probe Zellkultur Labor GmbH (fiktiv)",
        "GmbH",
        K.RESEARCH,
        "aachen",
        "Aachen",
        [S[2]],
        [F[1]],
        "10-49",
    ),
    (
        "Beispiel Pharma Rheinland AG (fiktiv)",
        "AG",
        K.PHARMA,
        "koeln-bonn",
        "Köln",
        [S[1], S[2]],
        [F[1]],
        "1000+",
    ),
    (
        "Muster Pflegeheim am Rhein (fiktiv)",
        "gGmbH",
        K.CARE_HOME,
        "koeln-bonn",
        "Bonn",
        [S[7]],
        [F[0], F[5]],
        "50-249",
    ),
    (
        "Exempla Health Data GmbH (fiktiv)",
        "GmbH",
        K.SERVICE_PROVIDER,
        "koeln-bonn",
        "Köln",
        [S[4]],
        [F[4]],
        "10-49",
    ),
    (
        "Probe Ernährungsberatung Bonn (fiktiv)",
        "e. K.",
        K.SERVICE_PROVIDER,
        "koeln-bonn",
        "Bonn",
        [S[5]],
        [],
        "1-9",
    ),
    (
        "Beispiel Assistenzsysteme OWL GmbH (fiktiv)",
        "GmbH",
        K.INDUSTRY,
        "ostwestfalen-lippe",
        "Bielefeld",
        [S[3], S[7]],
        [F[0]],
        "50-249",
    ),
    (
        "Muster Klinikum Lippe (fiktiv)",
        "GmbH",
        K.CLINIC,
        "ostwestfalen-lippe",
        "Detmold",
        [S[0]],
        [F[2], F[5]],
        "1000+",
    ),
    (
        "Exempla Software für Kliniken GmbH (fiktiv)",
        "GmbH",
        K.SERVICE_PROVIDER,
        "ostwestfalen-lippe",
        "Paderborn",
        [S[4]],
        [F[4]],
        "10-49",
    ),
    (
        "Probe Gesundheitsnetz OWL e. V. (fiktiv)",
        "e. V.",
        K.ASSOCIATION,
        "ostwestfalen-lippe",
        "Bielefeld",
        [S[0]],
        [F[5]],
        "1-9",
    ),
    (
        "Beispiel Optik Sauerland GmbH (fiktiv)",
        "GmbH",
        K.OPTICS,
        "suedwestfalen",
        "Lüdenscheid",
        [S[3]],
        [],
        "50-249",
    ),
    (
        "Muster Orthopädie-Werkstatt Siegen (fiktiv)",
        "GmbH & Co. KG",
        K.MEDICAL_TECHNOLOGY,
        "suedwestfalen",
        "Siegen",
        [S[3]],
        [F[3]],
        "10-49",
    ),
    (
        "Exempla Seniorenresidenz Arnsberg (fiktiv)",
        "GmbH",
        K.CARE_HOME,
        "suedwestfalen",
        "Arnsberg",
        [S[7]],
        [F[0]],
        "50-249",
    ),
    (
        "Probe Sport und Prävention Siegen (fiktiv)",
        "e. V.",
        K.SERVICE_PROVIDER,
        "suedwestfalen",
        "Siegen",
        [S[6]],
        [],
        "1-9",
    ),
    (
        "Beispiel Laborbedarf Münster GmbH (fiktiv)",
        "GmbH",
        K.INDUSTRY,
        "muensterland",
        "Münster",
        [S[2], S[3]],
        [F[1]],
        "50-249",
    ),
    (
        "Muster Fachklinik Rheine (fiktiv)",
        "gGmbH",
        K.CLINIC,
        "muensterland",
        "Rheine",
        [S[0]],
        [F[5]],
        "250-999",
    ),
    (
        "Exempla Pflegedienst Münsterland (fiktiv)",
        "GmbH",
        K.SERVICE_PROVIDER,
        "muensterland",
        "Münster",
        [S[7]],
        [F[0], F[2]],
        "10-49",
    ),
    (
        "Probe Hochschule für Gesundheit Münster (fiktiv)",
        "",
        K.RESEARCH,
        "muensterland",
        "Münster",
        [S[2]],
        [F[4], F[5]],
        "250-999",
    ),
    (
        "Beispiel Telemedizin Ruhr GmbH (fiktiv)",
        "GmbH",
        K.SERVICE_PROVIDER,
        "metropole-ruhr",
        "Dortmund",
        [S[4]],
        [F[2]],
        "10-49",
    ),
    (
        "Muster Kliniken Essen (fiktiv)",
        "gGmbH",
        K.CLINIC,
        "metropole-ruhr",
        "Essen",
        [S[0]],
        [F[2], F[4]],
        "1000+",
    ),
    (
        "Exempla Arzneimittel Ruhr AG (fiktiv)",
        "AG",
        K.PHARMA,
        "metropole-ruhr",
        "Bochum",
        [S[1]],
        [],
        "250-999",
    ),
    (
        "Probe Medizinprodukte Dortmund GmbH (fiktiv)",
        "GmbH",
        K.MEDICAL_TECHNOLOGY,
        "metropole-ruhr",
        "Dortmund",
        [S[3]],
        [F[3]],
        "50-249",
    ),
    (
        "Beispiel Biotech Saar GmbH (fiktiv)",
        "GmbH",
        K.PHARMA,
        "saarland",
        "Homburg",
        [S[1], S[2]],
        [F[1]],
        "10-49",
    ),
    (
        "Muster Pflegezentrum Saar (fiktiv)",
        "gGmbH",
        K.CARE_HOME,
        "saarland",
        "Neunkirchen",
        [S[7]],
        [F[0]],
        "50-249",
    ),
    (
        "Exempla IT für Praxen Saarbrücken (fiktiv)",
        "GmbH",
        K.SERVICE_PROVIDER,
        "saarland",
        "Saarbrücken",
        [S[4]],
        [F[2], F[4]],
        "1-9",
    ),
    (
        "Probe Gesundheitscampus Saar e. V. (fiktiv)",
        "e. V.",
        K.ASSOCIATION,
        "saarland",
        "Saarbrücken",
        [S[2]],
        [F[5]],
        "1-9",
    ),
    (
        "Beispiel Medizintechnik Jena GmbH (fiktiv)",
        "GmbH",
        K.MEDICAL_TECHNOLOGY,
        "mitteldeutschland",
        "Jena",
        [S[3]],
        [F[3]],
        "50-249",
    ),
    (
        "Muster Uniklinik-Ausgründung Halle (fiktiv)",
        "GmbH",
        K.RESEARCH,
        "mitteldeutschland",
        "Halle (Saale)",
        [S[2]],
        [F[1], F[4]],
        "10-49",
    ),
    (
        "Exempla Pflegeakademie Leipzig (fiktiv)",
        "gGmbH",
        K.RESEARCH,
        "mitteldeutschland",
        "Leipzig",
        [S[7]],
        [F[5]],
        "10-49",
    ),
    (
        "Probe Reha-Zentrum Magdeburg (fiktiv)",
        "GmbH",
        K.CLINIC,
        "mitteldeutschland",
        "Magdeburg",
        [S[0], S[6]],
        [F[3]],
        "50-249",
    ),
]

KIND_SENTENCES = {
    K.INDUSTRY: "fertigt Komponenten und Geräte für Kliniken, Labore und die häusliche Versorgung",
    K.MEDICAL_TECHNOLOGY: "entwickelt Medizinprodukte gemeinsam mit Anwendern aus Kliniken",
    K.PHARMA: "erforscht und produziert Arzneimittel und arbeitet dabei mit Hochschulen zusammen",
    K.OPTICS: "stellt optische Komponenten für Diagnostik und Sehhilfen her",
    K.CLINIC: (
        "versorgt Patientinnen und Patienten stationär und ambulant und erprobt neue "
        "Versorgungsformen"
    ),
    K.CARE_HOME: "betreut pflegebedürftige Menschen und testet Assistenzsysteme im Alltag",
    K.SERVICE_PROVIDER: "berät Einrichtungen und Unternehmen der Gesundheitswirtschaft",
    K.RESEARCH: "forscht und lehrt zu Fragen der Gesundheitsversorgung und der Medizintechnik",
    K.ASSOCIATION: "vernetzt Unternehmen und Einrichtungen der Gesundheitswirtschaft in der Region",
}

FIRST_NAMES = ["Anna", "Jonas", "Miriam", "Felix", "Sabine", "Tobias", "Leonie", "Murat"]
LAST_NAMES = ["Beispiel", "Muster", "Probe", "Exempla"]


def load():
    sectors = {}
    for position, name in enumerate(SECTORS):
        sectors[name] = upsert(
            Sector, slug=slugify(name), defaults={"name": name, "position": position}
        )
    fields = {}
    for name in INNOVATION_FIELDS:
        fields[name] = upsert(InnovationField, slug=slugify(name), defaults={"name": name})
    regions = {region.slug: region for region in Region.objects.all()}
    for name, kind, region_slug, city, joined, field_names in ORGANISATIONS:
        latitude, longitude = (Decimal(value) for value in COORDINATES[city])
        organisation = upsert(
            Organisation,
            slug=slugify(name)[:200],
            defaults={
                "name": name,
                "kind": kind,
                "status": Organisation.Status.MEMBER,
                "region": regions[region_slug],
                "city": city,
                "joined_on": joined,
                "description": DESCRIPTIONS[name],
                "latitude": latitude,
                "longitude": longitude,
                "last_confirmed_on": date(2026, 1, 15),
                **PUBLIC_CONTACT.get(name, {}),
            },
        )
        _set_related(organisation.innovation_fields, [fields[field] for field in field_names])
        for position, (person, role, phone, email) in enumerate(
            PUBLIC_CONTACT_PERSONS.get(name, [])
        ):
            upsert(
                ContactPerson,
                organisation=organisation,
                email=email,
                defaults={
                    "name": person,
                    "role": role,
                    "phone": phone,
                    "is_public": True,
                    "position": position,
                },
            )
    for number, row in enumerate(FICTITIOUS):
        name, legal_form, kind, region_slug, city, sector_names, field_names, band = row
        slug = slugify(name)[:200]
        latitude, longitude = (Decimal(value) for value in COORDINATES[city])
        organisation = upsert(
            Organisation,
            slug=slug,
            defaults={
                "name": name,
                "legal_form": legal_form,
                "kind": kind,
                "status": Organisation.Status.MEMBER,
                "region": regions[region_slug],
                "street": f"Musterstraße {number + 1}",
                "postcode": f"{10000 + number * 1713:05d}"[:5],
                "city": city,
                "latitude": latitude,
                "longitude": longitude,
                "website": f"https://{slug}.example.org",
                "email": f"info@{slug}.example.org",
                "phone": f"+49 000 {100000 + number}",
                "description": (
                    f"Dieses erfundene Mitglied {KIND_SENTENCES[kind]}. Es dient nur als "
                    "Beispiel im Demo-Datenbestand des Portals."
                ),
                "employee_band": band,
                "founded_year": 1950 + (number * 7) % 70,
                "joined_on": date(2015 + number % 10, 1 + number % 12, 1),
                "last_confirmed_on": date(2025, 1 + number % 12, 1),
            },
        )
        _set_related(organisation.sectors, [sectors[sector] for sector in sector_names])
        _set_related(organisation.innovation_fields, [fields[field] for field in field_names])
        first = FIRST_NAMES[number % len(FIRST_NAMES)]
        last = LAST_NAMES[number % len(LAST_NAMES)]
        upsert(
            ContactPerson,
            organisation=organisation,
            email=f"{first.lower()}.{last.lower()}@{slug}.example.org",
            defaults={
                "name": f"{first} {last}",
                "role": "Geschäftsführung" if number % 2 else "Kommunikation",
                "phone": f"+49 000 {200000 + number}",
                "is_public": number % 3 != 0,
            },
        )

    # The regions' bodies link to these organisations' profiles (regions/demo.py).
    load_region_bodies()


def _set_related(manager, objects) -> None:
    """Set a many-to-many relation only when it differs, so a second run changes nothing."""
    if set(manager.values_list("pk", flat=True)) != {obj.pk for obj in objects}:
        manager.set(objects)


register("members", load, after=("regions",), position=20)
