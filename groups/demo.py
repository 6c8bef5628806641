"""Demo working groups: GWMD's local working groups (seed 003: "Daneben arbeiten die
Mitglieder in lokalen Arbeitsgruppen zusammen. Der GWMD koordiniert und fördert diese
Treffen."). The seed names no group, so the groups are described from GWMD's stated goals
and marked as examples; their members are the demo organisations in Mitteldeutschland, and
each group has an upcoming meeting and a picture of the library."""

import datetime as dt

from django.core.files.base import ContentFile
from django.utils import timezone

from core.demo import register, upsert
from events.demo import at
from events.models import Event
from members.models import InnovationField, Organisation
from pictures.demo import demo_picture
from press.factsheet import fact_sheet_pdf
from regions.models import Region

from .models import GroupDocument, GroupMeeting, GroupMembership, WorkingGroup

GWMD = "Gesundheitswirtschaft Mitteldeutschland (GWMD)"

GROUPS = [
    {
        "slug": "ag-medizintechnik-jena",
        "name_de": "Arbeitsgruppe Medizintechnik Jena",
        "name_en": "Working group medical technology Jena",
        "topic_de": "Regionales Industrie-Matching: Aufträge aus Mitteldeutschland an Zulieferer "
        "aus der Region",
        "topic_en": "Regional industry matching: orders from Central Germany for suppliers "
        "from the region",
        "description_de": "Hersteller von Medizinprodukten und optischen Komponenten stellen "
        "einander ihre Kompetenzen vor, damit Aufträge aus Mitteldeutschland auch durch hier "
        "ansässige Firmen abgedeckt werden können. Der GWMD koordiniert und fördert die Treffen.",
        "description_en": "Makers of medical devices and optical components present their "
        "skills to each other, so that orders from Central Germany can be met by firms based "
        "here. GWMD coordinates and supports the meetings.",
        "fields": ["Orthopädietechnik", "Digitalisierung und Big Data"],
        "members": [GWMD, "Beispiel Medizintechnik Jena GmbH (fiktiv)"],
        "spokesperson": ("Dr. Beispiel Sprecherin (fiktiv)", "Beispiel Medizintechnik Jena GmbH"),
        "picture": "Illustration Medizintechnik",
        "city": "Jena",
        "meeting_in_days": 28,
    },
    {
        "slug": "ag-pflege-und-reha-leipzig-magdeburg",
        "name_de": "Arbeitsgruppe Pflege und Rehabilitation Leipzig/Magdeburg",
        "name_en": "Working group care and rehabilitation Leipzig/Magdeburg",
        "topic_de": "Fachkräfte für Pflege und Rehabilitation in Mitteldeutschland gewinnen und "
        "halten",
        "topic_en": "Winning and keeping skilled staff for care and rehabilitation in Central "
        "Germany",
        "description_de": "Pflegeeinrichtungen, Reha-Kliniken und Bildungsträger tauschen sich "
        "über Ausbildung, Weiterbildung und gemeinsame Auftritte auf Fachmessen aus.",
        "description_en": "Care homes, rehabilitation clinics and training providers share "
        "their experience of training, further education and joint appearances at fairs.",
        "fields": ["Fachkräftesicherung", "Ambient Assisted Living"],
        "members": [
            GWMD,
            "Exempla Pflegeakademie Leipzig (fiktiv)",
            "Probe Reha-Zentrum Magdeburg (fiktiv)",
        ],
        "spokesperson": ("Muster Sprecher (fiktiv)", "Probe Reha-Zentrum Magdeburg"),
        "picture": "Illustration Netzwerk",
        "city": "Leipzig",
        "meeting_in_days": 42,
    },
    {
        "slug": "ag-forschung-und-ausgruendungen-halle",
        "name_de": "Arbeitsgruppe Forschung und Ausgründungen Halle",
        "name_en": "Working group research and spin-offs Halle",
        "topic_de": "Von der Hochschule in die Versorgung: Ausgründungen und Kliniken vernetzen",
        "topic_en": "From university to care: connecting spin-offs and hospitals",
        "description_de": "Ausgründungen aus Hochschulen und Kliniken treffen Anwender aus der "
        "Versorgung und stellen die Region als Standort für Innovationen dar.",
        "description_en": "Spin-offs from universities and hospitals meet users from health "
        "care and present the region as a place for innovation.",
        "fields": ["In-vitro-Kulturen", "Telemedizin"],
        "members": [GWMD, "Muster Uniklinik-Ausgründung Halle (fiktiv)"],
        "spokesperson": ("Beispiel Sprecherin (fiktiv)", "Muster Uniklinik-Ausgründung Halle"),
        "picture": "Illustration In-vitro-Kulturen",
        "city": "Halle (Saale)",
        "meeting_in_days": 56,
    },
]


def load():
    region = Region.objects.filter(slug="mitteldeutschland").first()
    if region is None:
        return
    names = {name for data in GROUPS for name in data["members"]}
    organisations = {org.name: org for org in Organisation.objects.filter(name__in=names)}
    fields = {field.name: field for field in InnovationField.objects.all()}
    today = timezone.localdate()
    for data in GROUPS:
        name, organisation = data["spokesperson"]
        group = upsert(
            WorkingGroup,
            slug=data["slug"],
            defaults={
                **{
                    key: data[key]
                    for key in (
                        "name_de",
                        "name_en",
                        "topic_de",
                        "topic_en",
                        "description_de",
                        "description_en",
                    )
                },
                "region": region,
                "picture": demo_picture(data["picture"]),
                "spokesperson_name": name,
                "spokesperson_organisation": organisation,
                "is_example": True,
                "is_published": True,
            },
        )
        group.innovation_fields.set([fields[f] for f in data["fields"] if f in fields])
        for member in data["members"]:
            org = organisations.get(member)
            if org is None:
                continue
            if not GroupMembership.objects.filter(group=group, organisation=org).exists():
                GroupMembership.objects.create(
                    group=group,
                    organisation=org,
                    status=GroupMembership.Status.MEMBER,
                    contact_name=org.name,
                    contact_email=org.email or f"kontakt@{org.slug}.example",
                    decided_at=timezone.now(),
                )
        day = today + dt.timedelta(days=data["meeting_in_days"])
        # Upcoming dates move with today; keep the first dates once created.
        event, _created = Event.objects.get_or_create(
            slug=f"treffen-{data['slug']}",
            defaults={
                "title": f"Treffen der {data['name_de']}",
                "kind": Event.Kind.WORKING_GROUP,
                "start": at(day, 14),
                "end": at(day, 17),
                "city": data["city"],
                "region": region,
                "summary": "Arbeitstreffen der Mitglieder; der GWMD koordiniert und lädt ein.",
                "organiser": organisations.get(GWMD),
                "is_published": True,
            },
        )
        upsert(GroupMeeting, event=event, defaults={"group": group})
        _minutes(group, today)


def _minutes(group: WorkingGroup, today: dt.date) -> None:
    """The minutes of the group's last meeting, for its members' documents page."""
    if group.documents.exists():
        return
    title = f"Protokoll des Treffens der {group.name_de}"
    pdf = fact_sheet_pdf(
        title,
        [
            ("heading", "Teilnehmende"),
            ("text", ", ".join(m.organisation.name for m in group.memberships.current())),
            ("heading", "Ergebnisse"),
            ("text", f"Die Gruppe hat ihr Thema besprochen: {group.topic_de}"),
            ("text", "Beispielprotokoll der Demo-Daten."),
        ],
    )
    GroupDocument.objects.create(
        group=group,
        title_de=title,
        title_en=f"Minutes of the meeting of the {group.name_en}",
        kind=GroupDocument.Kind.MINUTES,
        date=today - dt.timedelta(days=60),
        file=ContentFile(pdf, name=f"protokoll-{group.slug}.pdf"),
    )


register("groups", load, after=("regions", "pictures", "members", "events"), position=85)
