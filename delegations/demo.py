"""Demo delegations and trips, from the seeds (000, 001): NRW.INVEST receives foreign
delegations, who learn about the cluster management, the lead market health and the lead-market
competitions (EFRE 2014–2020); NRW.International runs business and market-exploration trips to
the Netherlands, Belgium and Denmark. The seeds name no single visit or trip, so the dates,
countries, programmes and applicants are examples and say so."""

import datetime as dt
from zoneinfo import ZoneInfo

from django.utils import timezone
from django.utils.text import slugify

from cooperations.models import Cooperation
from core.demo import register, upsert
from events.models import (
    Event,
    Registration,
    RegistrationAnswer,
    RegistrationQuestion,
    Session,
)
from legal.models import LegalPage
from members.models import Organisation
from regions.models import Region

from .models import DelegationVisit, ProgrammeItem

BERLIN = ZoneInfo("Europe/Berlin")
EXAMPLE_DE = "Fiktives Beispiel: Die Seiten des Netzwerks nennen keinen einzelnen Besuch."
EXAMPLE_EN = "A fictitious example: the network's pages name no single visit."

INVEST = "nrwinvest-gmbh"
LZG = "lzgnrw-landeszentrum-gesundheit-nordrhein-westfalen"
ZTG = "ztg-zentrum-fur-telematik-und-telemedizin-gmbh"
UKA = "uniklinik-rwth-aachen"
RWTH = "rwth-aachen-university"
MEDLIFE = "medlife-e-v"
DELEGATIONS_COOPERATION = "auslaendische-delegationen-nrw-invest"


def at(day: dt.date, hour: int, minute: int = 0) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour, minute), tzinfo=BERLIN)


def visits(today: dt.date) -> list[dict]:
    return [
        {
            "slug": "delegation-japan-gesundheitswirtschaft-nrw",
            "title": "Delegation aus Japan: Gesundheitswirtschaft in Nordrhein-Westfalen",
            "title_en": "Delegation from Japan: the health economy in North Rhine-Westphalia",
            "country": "JP",
            "size": 12,
            "topics": "Telemedizin, Medizintechnik, Versorgung im Alter",
            "topics_en": "Telemedicine, medical technology, care for the elderly",
            "summary": "NRW.INVEST empfängt eine Delegation aus Japan, die das "
            "Clustermanagement, den Leitmarkt Gesundheit und Mitglieder in Bochum und Aachen "
            "kennenlernt.",
            "summary_en": "NRW.INVEST receives a delegation from Japan that meets the cluster "
            "management, learns about the lead market health and visits members in Bochum "
            "and Aachen.",
            "description": "Die Delegation erhält Informationen über das Clustermanagement "
            "Gesundheitswirtschaft, dessen Aufgaben und strategische Ausrichtung, "
            "Schnittstellen zu anderen Clustern sowie den Leitmarkt Gesundheit und die "
            f"Leitmarktwettbewerbe (EFRE 2014–2020).\n\n{EXAMPLE_DE}",
            "description_en": "The delegation learns about the health-economy cluster "
            "management, its tasks and strategy, its links to other clusters, the lead market "
            f"health and the lead-market competitions (EFRE 2014–2020).\n\n{EXAMPLE_EN}",
            "start": today + dt.timedelta(days=45),
            "days": 2,
            "region": "nordrhein-westfalen",
            "hosts": [INVEST, LZG],
            "visited": [ZTG, UKA],
            "programme": [
                (
                    0,
                    9,
                    30,
                    11,
                    0,
                    "Empfang und Vorstellung des Clustermanagements",
                    "Reception and introduction to the cluster management",
                    "Gesundheitscampus NRW, Bochum",
                    LZG,
                ),
                (
                    0,
                    11,
                    30,
                    12,
                    30,
                    "Leitmarkt Gesundheit und Leitmarktwettbewerbe",
                    "The lead market health and the lead-market competitions",
                    "Gesundheitscampus NRW, Bochum",
                    LZG,
                ),
                (
                    0,
                    14,
                    0,
                    16,
                    0,
                    "Besuch: Telematik und Telemedizin in der Praxis",
                    "Visit: telematics and telemedicine in practice",
                    "Bochum",
                    ZTG,
                ),
                (
                    1,
                    10,
                    0,
                    12,
                    30,
                    "Besuch der Uniklinik RWTH Aachen",
                    "Visit to the Uniklinik RWTH Aachen",
                    "Aachen",
                    UKA,
                ),
                (
                    1,
                    14,
                    0,
                    15,
                    0,
                    "Abschlussgespräch mit NRW.INVEST",
                    "Closing talk with NRW.INVEST",
                    "Aachen",
                    INVEST,
                ),
            ],
        },
        {
            "slug": "delegation-niederlande-medizintechnik-aachen",
            "title": "Delegation aus den Niederlanden: Medizintechnik in Aachen",
            "title_en": "Delegation from the Netherlands: medical technology in Aachen",
            "country": "NL",
            "size": 8,
            "topics": "Medizintechnik, grenzüberschreitende Versorgung",
            "topics_en": "Medical technology, cross-border care",
            "summary": "Ein Besuch aus der Provinz Limburg bei Mitgliedern in Aachen.",
            "summary_en": "A visit from the province of Limburg to members in Aachen.",
            "description": EXAMPLE_DE,
            "description_en": EXAMPLE_EN,
            "start": today - dt.timedelta(days=120),
            "days": 1,
            "region": "aachen",
            "hosts": [INVEST, MEDLIFE],
            "visited": [RWTH, UKA],
            "programme": [
                (
                    0,
                    10,
                    0,
                    12,
                    0,
                    "Besuch der RWTH Aachen University",
                    "Visit to RWTH Aachen University",
                    "Aachen",
                    RWTH,
                ),
                (
                    0,
                    13,
                    30,
                    15,
                    30,
                    "Besuch der Uniklinik RWTH Aachen",
                    "Visit to the Uniklinik RWTH Aachen",
                    "Aachen",
                    UKA,
                ),
            ],
        },
    ]


QUESTIONS = [
    (
        "Welche Produkte oder Leistungen möchten Sie im Zielland vorstellen?",
        "text",
        True,
        "",
    ),
    (
        "Haben Sie bereits Kontakte im Zielland?",
        "yes_no",
        True,
        "",
    ),
    (
        "Welcher Programmpunkt ist Ihnen am wichtigsten?",
        "single",
        False,
        "Klinikbesuche\nB2B-Gespräche\nCluster-Treffen",
    ),
]

FEE_INCLUDES_DE = (
    "Enthalten: Programm, Dolmetscher, Transfers vor Ort, Mittagessen und ein gemeinsames "
    "Abendessen.\nNicht enthalten: An- und Abreise, Hotel (ein Kontingent ist reserviert)."
)
FEE_INCLUDES_EN = (
    "Included: programme, interpreters, local transfers, lunches and one joint dinner.\n"
    "Not included: travel there and back, hotel (rooms are reserved)."
)


def trips(today: dt.date) -> list[dict]:
    return [
        {
            # Made by the events demo; the programme, costs and questions are added here.
            "slug": "delegationsreise-gesundheitswirtschaft-niederlande",
            "programme": [
                (0, 9, 0, "Anreise und Begrüßung in Eindhoven", "Arrival and welcome in Eindhoven"),
                (
                    0,
                    14,
                    0,
                    "Besuch des Brainport Health Innovation Clusters",
                    "Visit to the Brainport health innovation cluster",
                ),
                (1, 9, 30, "Klinikbesuch: Digitale Versorgung", "Hospital visit: digital care"),
                (
                    1,
                    14,
                    0,
                    "B2B-Gespräche mit niederländischen Unternehmen",
                    "B2B talks with Dutch companies",
                ),
                (2, 10, 0, "Start-up-Campus und Rückreise", "Start-up campus and journey home"),
            ],
            "applicants": [
                ("Jana Krüger", "Medizintechnik Muster GmbH", Registration.Status.CONFIRMED),
                ("Tim Hoffmann", "Telemed Beispiel AG", Registration.Status.AWAITING_APPROVAL),
                ("Sara Yilmaz", "Pflege digital GmbH", Registration.Status.AWAITING_APPROVAL),
                ("Ben Schulz", "Beispiel Consulting", Registration.Status.DECLINED),
            ],
        },
        {
            "slug": "markterkundungsreise-gesundheitswirtschaft-belgien",
            "programme": [
                (
                    0,
                    10,
                    0,
                    "Briefing zum belgischen Gesundheitsmarkt",
                    "Briefing on the Belgian health market",
                ),
                (
                    0,
                    14,
                    0,
                    "Besuch eines Universitätsklinikums in Brüssel",
                    "Visit to a university hospital in Brussels",
                ),
                (1, 9, 30, "Life-Sciences-Cluster in Gent", "Life-sciences cluster in Ghent"),
            ],
            "applicants": [
                ("Lena Richter", "Reha Beispiel GmbH", Registration.Status.AWAITING_APPROVAL),
            ],
        },
        {
            "slug": "unternehmerreise-gesundheitswirtschaft-danemark",
            "programme": [
                (0, 13, 0, "Welfare-Tech-Cluster in Odense", "Welfare-tech cluster in Odense"),
                (
                    1,
                    10,
                    0,
                    "Besuch eines neuen Superkrankenhauses",
                    "Visit to a new super hospital",
                ),
                (2, 9, 30, "Telemedizin in der Fläche", "Telemedicine across the country"),
            ],
            "applicants": [],
        },
    ]


def load():
    today = timezone.localdate()
    regions = {region.slug: region for region in Region.objects.all()}
    organisations = {org.slug: org for org in Organisation.objects.all()}
    cooperations = {c.slug: c for c in Cooperation.objects.all()}
    for data in visits(today):
        _visit(dict(data), regions, organisations, cooperations)
    for data in trips(today):
        _trip(data)


def _visit(data, regions, organisations, cooperations):
    programme = data.pop("programme")
    hosts = [organisations[s] for s in data.pop("hosts") if s in organisations]
    visited = [organisations[s] for s in data.pop("visited") if s in organisations]
    start = data.pop("start")
    days = data.pop("days")
    slug = data.pop("slug")
    data["region"] = regions.get(data.pop("region"))
    dates = {"start_date": start, "end_date": start + dt.timedelta(days=days - 1)}
    # Dates move with today; keep the first ones once created.
    visit, _created = DelegationVisit.objects.get_or_create(slug=slug, defaults={**data, **dates})
    visit = upsert(DelegationVisit, slug=slug, defaults=data)
    if set(visit.hosts.all()) != set(hosts):
        visit.hosts.set(hosts)
    if set(visit.visited_organisations.all()) != set(visited):
        visit.visited_organisations.set(visited)
    linked = (
        [cooperations[DELEGATIONS_COOPERATION]] if DELEGATIONS_COOPERATION in cooperations else []
    )
    if set(visit.cooperations.all()) != set(linked):
        visit.cooperations.set(linked)
    for day, hour, minute, end_hour, end_minute, title, title_en, place, org in programme:
        moment = visit.start_date + dt.timedelta(days=day)
        upsert(
            ProgrammeItem,
            visit=visit,
            title=title,
            defaults={
                "title_en": title_en,
                "start": at(moment, hour, minute),
                "end": at(moment, end_hour, end_minute),
                "place": place,
                "organisation": organisations.get(org),
            },
        )


def _trip(data):
    """The costs, programme, application questions and applicants of a trip the events demo
    made (it also links the trips to NRW.International's cooperation)."""
    event = Event.objects.filter(slug=data["slug"]).first()
    if event is None:
        return
    upsert(
        Event,
        slug=event.slug,
        defaults={"fee_includes": FEE_INCLUDES_DE, "fee_includes_en": FEE_INCLUDES_EN},
    )
    first_day = timezone.localtime(event.start).date()
    for day, hour, minute, title, title_en in data["programme"]:
        upsert(
            Session,
            event=event,
            title=title,
            defaults={
                "title_en": title_en,
                "start": at(first_day + dt.timedelta(days=day), hour, minute),
            },
        )
    questions = [
        upsert(
            RegistrationQuestion,
            event=event,
            text=text,
            defaults={"kind": kind, "required": required, "choices": choices, "position": position},
        )
        for position, (text, kind, required, choices) in enumerate(QUESTIONS)
    ]
    _applicants(event, questions, data["applicants"])


def _applicants(event, questions, applicants):
    privacy = LegalPage.objects.current(LegalPage.Kind.PRIVACY)
    consented = event.start - dt.timedelta(days=30)
    for index, (name, organisation, status) in enumerate(applicants):
        registration, created = Registration.objects.get_or_create(
            event=event,
            email=slugify(name).replace("-", ".") + "@example.org",
            defaults={
                "name": name,
                "organisation_name": organisation,
                "status": status,
                "privacy_notice": privacy,
                "consented_at": consented,
                "confirmed_at": consented if status == Registration.Status.CONFIRMED else None,
            },
        )
        if not created:
            continue
        answers = [
            f"Unsere Lösung für {organisation} (Beispielantwort).",
            "yes" if index % 2 == 0 else "no",
            questions[2].choice_list[index % len(questions[2].choice_list)],
        ]
        RegistrationAnswer.objects.bulk_create(
            RegistrationAnswer(registration=registration, question=question, value=value)
            for question, value in zip(questions, answers, strict=True)
        )


register(
    "delegations",
    load,
    after=("regions", "members", "events", "cooperations", "legal"),
    position=55,
)
