from django.contrib.postgres.fields import ArrayField
from django.contrib.postgres.indexes import GinIndex
from django.core.exceptions import ValidationError
from django.db import connection, models
from django.db.models import Q
from django.db.models.expressions import RawSQL
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from core import structured_data as schema
from pictures.models import PictureField


class FederalState(models.TextChoices):
    BADEN_WUERTTEMBERG = "BW", "Baden-Württemberg"
    BAYERN = "BY", "Bayern"
    BERLIN = "BE", "Berlin"
    BRANDENBURG = "BB", "Brandenburg"
    BREMEN = "HB", "Bremen"
    HAMBURG = "HH", "Hamburg"
    HESSEN = "HE", "Hessen"
    MECKLENBURG_VORPOMMERN = "MV", "Mecklenburg-Vorpommern"
    NIEDERSACHSEN = "NI", "Niedersachsen"
    NORDRHEIN_WESTFALEN = "NW", "Nordrhein-Westfalen"
    RHEINLAND_PFALZ = "RP", "Rheinland-Pfalz"
    SAARLAND = "SL", "Saarland"
    SACHSEN = "SN", "Sachsen"
    SACHSEN_ANHALT = "ST", "Sachsen-Anhalt"
    SCHLESWIG_HOLSTEIN = "SH", "Schleswig-Holstein"
    THUERINGEN = "TH", "Thüringen"


class RegionQuerySet(models.QuerySet):
    def _descendants_sql(self) -> str:
        table = self.model._meta.db_table
        return f"""
            WITH RECURSIVE tree(id) AS (
                SELECT id FROM {table} WHERE id = %s
                UNION
                SELECT child.id FROM {table} child JOIN tree ON child.parent_id = tree.id
            )
            SELECT id FROM tree
        """  # noqa: S608 - the table name is ours, the value is a parameter

    def descendant_ids(self, region: "Region") -> list[int]:
        """The region itself and every region below it, in one recursive query."""
        with connection.cursor() as cursor:
            cursor.execute(self._descendants_sql(), [region.pk])
            return [row[0] for row in cursor.fetchall()]

    def descendants_subquery(self, region: "Region") -> RawSQL:
        """The ids of `descendant_ids` as a subquery (`region_id__in=...`): no query of its own
        where a page filters by it anyway."""
        return RawSQL(self._descendants_sql(), [region.pk])  # noqa: S611 - our SQL, a parameter

    def ancestors_of(self, region: "Region") -> list["Region"]:
        """The regions above `region`, outermost first, in one recursive query."""
        table = self.model._meta.db_table
        sql = f"""
            WITH RECURSIVE chain(id, parent_id, depth) AS (
                SELECT id, parent_id, 0 FROM {table} WHERE id = %s
                UNION ALL
                SELECT up.id, up.parent_id, chain.depth + 1
                FROM {table} up JOIN chain ON up.id = chain.parent_id
                WHERE chain.depth < 50
            )
            SELECT region.* FROM chain JOIN {table} region ON region.id = chain.id
            WHERE chain.depth > 0 ORDER BY chain.depth DESC
        """  # noqa: S608 - the table name is ours, the value is a parameter
        if region.parent_id is None:
            return []
        return list(self.model.objects.raw(sql, [region.pk]))

    def on_map(self):
        """Regions with a coordinate, as the map draws them."""
        return self.filter(latitude__isnull=False, longitude__isnull=False)

    def grouped_by_state(self) -> list[tuple[str, list["Region"]]]:
        return group_by_state(self)


def group_by_state(regions) -> list[tuple[str, list["Region"]]]:
    """(heading, regions): the states in the order of FederalState, only states with regions.

    A region spanning several states is listed once, under "Across states" after the states,
    rather than repeated under each of them; within a state the state-wide region comes first,
    then the health-economy regions. Regions without a federal state come last, so that no
    region is missing from the list.
    """
    rank = {"state": 0, "cross_state": 1, "health_region": 2}
    groups: dict[str, list[Region]] = {code: [] for code in FederalState.values}
    across: list[Region] = []
    others: list[Region] = []
    for region in regions:
        codes = [code for code in region.states if code in groups]
        if len(codes) > 1:
            across.append(region)
        elif codes:
            groups[codes[0]].append(region)
        else:
            others.append(region)
    labelled = [(FederalState(code).label, members) for code, members in groups.items()]
    labelled.append((_("Across states"), across))
    labelled.append((_("Other regions"), others))
    return [
        (label, sorted(members, key=lambda r: (rank.get(r.kind, 9), r.name)))
        for label, members in labelled
        if members
    ]


class Region(models.Model):
    class Kind(models.TextChoices):
        HEALTH_REGION = "health_region", _("Health-economy region")
        STATE = "state", _("Federal state")
        CROSS_STATE = "cross_state", _("Cross-state region")

    name = models.CharField(_("name"), max_length=120)
    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent region"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
    )
    states = ArrayField(
        models.CharField(max_length=2, choices=FederalState.choices),
        verbose_name=_("federal states"),
        default=list,
        blank=True,
        help_text=_("The federal state(s) the region lies in."),
    )
    summary = models.CharField(_("short description"), max_length=300, blank=True)
    description = models.TextField(_("description"), blank=True)
    managing_body = models.CharField(_("managing body"), max_length=200, blank=True)
    website = models.URLField(_("website"), blank=True)
    picture = PictureField(_("picture"))
    latitude = models.DecimalField(
        _("latitude"), max_digits=8, decimal_places=5, null=True, blank=True
    )
    longitude = models.DecimalField(
        _("longitude"), max_digits=8, decimal_places=5, null=True, blank=True
    )

    objects = RegionQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("region")
        verbose_name_plural = _("regions")
        constraints = [
            models.CheckConstraint(
                condition=~Q(parent=models.F("pk")), name="region_not_own_parent"
            ),
            models.CheckConstraint(
                condition=Q(latitude__isnull=True, longitude__isnull=True)
                | Q(latitude__gte=-90, latitude__lte=90, longitude__gte=-180, longitude__lte=180),
                name="region_coordinate_valid",
            ),
            # The range check above lets a half coordinate through (NULL compares unknown).
            models.CheckConstraint(
                condition=Q(latitude__isnull=True, longitude__isnull=True)
                | Q(latitude__isnull=False, longitude__isnull=False),
                name="region_coordinate_complete",
            ),
            models.CheckConstraint(
                condition=~Q(kind="state") | Q(states__len=1), name="region_state_has_one_state"
            ),
            models.CheckConstraint(
                condition=~Q(kind="cross_state") | Q(states__len__gte=2),
                name="region_cross_state_spans_states",
            ),
        ]
        indexes = [
            models.Index(fields=["kind"], name="region_kind_idx"),
            GinIndex(fields=["states"], name="region_states_gin"),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("regions:detail", kwargs={"slug": self.slug})

    def ancestors(self) -> list["Region"]:
        """The regions above this one, outermost first (one query)."""
        return Region.objects.ancestors_of(self)

    @property
    def state_names(self) -> list[str]:
        return [FederalState(code).label for code in self.states if code in FederalState.values]

    def schema_reference(self) -> dict:
        """The region as another item names it: a schema.org Place with its name and page."""
        return {"@type": "Place", "name": self.name, "url": schema.page_url(self)}

    def structured_data(self) -> dict:
        """schema.org Place for the region page: its coordinate, its federal state, the region
        it lies in and the regions within it (`children` prefetched by the page)."""
        geo = None
        if self.latitude is not None and self.longitude is not None:
            geo = {
                "@type": "GeoCoordinates",
                "latitude": float(self.latitude),
                "longitude": float(self.longitude),
            }
        state_names = self.state_names
        address = None
        if state_names:
            # The federal states are German ones; a region across states names none of them.
            address = schema.thing(
                "PostalAddress",
                addressRegion=state_names[0] if len(state_names) == 1 else "",
                addressCountry="DE",
            )
        return schema.compact(
            {
                "@context": schema.SCHEMA,
                **self.schema_reference(),
                "description": self.summary or schema.plain_text(self.description, 300),
                "geo": geo,
                "address": address,
                "containedInPlace": self.parent.schema_reference() if self.parent_id else None,
                "containsPlace": [child.schema_reference() for child in self.children.all()],
            }
        )

    def clean(self):
        errors = {}
        # Mirrors the database trigger regions_region_no_cycle (migration 0003).
        if (
            self.parent_id
            and self.pk
            and (self.parent_id == self.pk or self.parent_id in Region.objects.descendant_ids(self))
        ):
            errors["parent"] = _(
                "A region cannot lie inside itself or inside one of its own sub-regions."
            )
        if self.kind == self.Kind.STATE and len(self.states or []) != 1:
            errors["states"] = _("A federal state region lies in exactly one federal state.")
        if self.kind == self.Kind.CROSS_STATE and len(self.states or []) < 2:
            errors["states"] = _("A cross-state region spans at least two federal states.")
        if (self.latitude is None) != (self.longitude is None):
            errors["longitude" if self.longitude is None else "latitude"] = _(
                "Give both latitude and longitude, or neither."
            )
        if errors:
            raise ValidationError(errors)


class RegionContact(models.Model):
    """A contact person of a region: the cluster managers and their colleagues."""

    region = models.ForeignKey(
        Region, verbose_name=_("region"), on_delete=models.CASCADE, related_name="contacts"
    )
    name = models.CharField(_("name"), max_length=120)
    role = models.CharField(_("role"), max_length=200, blank=True)
    organisation = models.CharField(_("organisation"), max_length=200, blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    fax = models.CharField(_("fax"), max_length=40, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    is_public = models.BooleanField(
        _("show publicly"),
        default=False,
        help_text=_("The person agreed to be shown on the region page and the about page."),
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["region", "position", "name"]
        verbose_name = _("regional contact")
        verbose_name_plural = _("regional contacts")
        constraints = [
            models.CheckConstraint(condition=~Q(name=""), name="regioncontact_named"),
        ]

    def __str__(self):
        return self.name


class RegionBody(models.Model):
    """An organisation behind a region: the one that runs its cluster, those that support it."""

    region = models.ForeignKey(
        Region, verbose_name=_("region"), on_delete=models.CASCADE, related_name="bodies"
    )
    name = models.CharField(_("name"), max_length=200)
    role = models.CharField(
        _("role"), max_length=200, help_text=_("For example: runs the cluster, accompanies it.")
    )
    organisation = models.ForeignKey(
        "members.Organisation",
        verbose_name=_("organisation in the directory"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    website = models.URLField(_("website"), blank=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["region", "position", "name"]
        verbose_name = _("body behind the region")
        verbose_name_plural = _("bodies behind the region")

    def __str__(self):
        return self.name


class KeyFigure(models.Model):
    class Qualifier(models.TextChoices):
        EXACT = "", _("exactly")
        ABOUT = "about", _("about")
        OVER = "over", _("over")
        UNDER = "under", _("under")
        UP_TO = "up_to", _("up to")

    region = models.ForeignKey(
        Region, verbose_name=_("region"), on_delete=models.CASCADE, related_name="figures"
    )
    label = models.CharField(_("label"), max_length=200)
    value = models.DecimalField(_("value"), max_digits=14, decimal_places=2)
    unit = models.CharField(_("unit"), max_length=40, blank=True)
    qualifier = models.CharField(
        _("qualifier"),
        max_length=10,
        choices=Qualifier.choices,
        default=Qualifier.EXACT,
        blank=True,
        help_text=_("Whether the value is exact, approximate or a lower or upper bound."),
    )
    year = models.PositiveSmallIntegerField(_("year"))
    source = models.CharField(_("source"), max_length=300)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["region", "position", "pk"]
        verbose_name = _("key figure")
        verbose_name_plural = _("key figures")
        constraints = [
            models.CheckConstraint(
                condition=Q(year__gte=1900, year__lte=2100), name="keyfigure_year_plausible"
            ),
            models.CheckConstraint(condition=~Q(source=""), name="keyfigure_has_source"),
            models.CheckConstraint(
                condition=Q(qualifier__in=["", "about", "over", "under", "up_to"]),
                name="keyfigure_qualifier_valid",
            ),
            models.UniqueConstraint(
                fields=["region", "label", "year"], name="keyfigure_unique_label_year"
            ),
        ]

    def __str__(self):
        return f"{self.label}: {self.value} {self.unit} ({self.year})"

    def clean(self):
        if self.source is not None and not self.source.strip():
            raise ValidationError({"source": _("Name the source of the figure.")})
