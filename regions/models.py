from django.contrib.postgres.fields import ArrayField
from django.core.exceptions import ValidationError
from django.db import connection, models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _


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
    def descendant_ids(self, region: "Region") -> list[int]:
        """The region itself and every region below it, in one recursive query."""
        table = self.model._meta.db_table
        sql = f"""
            WITH RECURSIVE tree(id) AS (
                SELECT id FROM {table} WHERE id = %s
                UNION
                SELECT child.id FROM {table} child JOIN tree ON child.parent_id = tree.id
            )
            SELECT id FROM tree
        """  # noqa: S608 - the table name is ours, the value is a parameter
        with connection.cursor() as cursor:
            cursor.execute(sql, [region.pk])
            return [row[0] for row in cursor.fetchall()]


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
    contact_name = models.CharField(_("contact name"), max_length=120, blank=True)
    contact_role = models.CharField(_("contact role"), max_length=120, blank=True)
    contact_phone = models.CharField(_("contact phone"), max_length=40, blank=True)
    contact_email = models.EmailField(_("contact e-mail"), blank=True)
    contact_public = models.BooleanField(
        _("publish contact"),
        default=False,
        help_text=_("Show the regional contact on the public region page."),
    )
    website = models.URLField(_("website"), blank=True)
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
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("regions:detail", kwargs={"slug": self.slug})

    def ancestors(self) -> list["Region"]:
        chain, seen, node = [], {self.pk}, self.parent
        while node is not None:
            if node.pk in seen:
                break
            chain.append(node)
            seen.add(node.pk)
            node = node.parent
        return chain

    def clean(self):
        if (
            self.parent_id
            and self.pk
            and (self.parent_id == self.pk or self.pk in {a.pk for a in self.parent.ancestors()})
        ):
            raise ValidationError({"parent": _("A region cannot lie inside itself.")})


class KeyFigure(models.Model):
    region = models.ForeignKey(
        Region, verbose_name=_("region"), on_delete=models.CASCADE, related_name="figures"
    )
    label = models.CharField(_("label"), max_length=200)
    value = models.DecimalField(_("value"), max_digits=14, decimal_places=2)
    unit = models.CharField(_("unit"), max_length=40, blank=True)
    qualifier = models.CharField(
        _("qualifier"), max_length=40, blank=True, help_text=_("For example “about” or “over”.")
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
        ]

    def __str__(self):
        return f"{self.label}: {self.value} {self.unit} ({self.year})"
