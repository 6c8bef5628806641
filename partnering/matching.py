"""Suggestions for a post: member organisations and opposite posts, with a transparent score.

score = 3 × shared innovation fields + 2 × shared sectors + regional proximity (same region 3,
same federal state 2, neighbouring state 1) + text similarity (0–3, PostgreSQL full-text rank
of the post's words against the candidate). A candidate needs something in common besides
proximity (a field, a sector or similar wording) to be suggested at all.

Everything is computed in SQL, so a page asks a constant number of queries however many
organisations and posts there are.
"""

import re
from dataclasses import dataclass, field

from django.contrib.postgres.expressions import ArraySubquery
from django.contrib.postgres.fields import ArrayField
from django.contrib.postgres.search import SearchQuery, SearchRank
from django.db import connections
from django.db.models import (
    Case,
    CharField,
    Exists,
    F,
    Func,
    IntegerField,
    OuterRef,
    Q,
    Value,
    When,
)
from django.db.models.functions import Cast, Least, Round
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from members.models import InnovationField, Organisation, Sector
from regions.models import FederalState, Region

from .models import OPPOSITE_KINDS, Post

FIELD_WEIGHT = 3
SECTOR_WEIGHT = 2
SAME_REGION, SAME_STATE, NEIGHBOUR, FAR = 3, 2, 1, 0
TEXT_MAX = 3
# ts_rank of a few shared words lies around 0.1–0.3; this maps it onto 0–TEXT_MAX points.
TEXT_SCALE = 10
MAX_QUERY_WORDS = 40
# At most this many members have their text ranked for a post's suggestions (see
# _best_structure_pool).
POOL_SIZE = 500

# Land borders between the federal states (a fixed fact, so kept here rather than in the
# database); "neighbour" in the proximity score means sharing one of these borders.
STATE_NEIGHBOURS = {
    "BW": {"BY", "HE", "RP"},
    "BY": {"BW", "HE", "TH", "SN"},
    "BE": {"BB"},
    "BB": {"BE", "MV", "NI", "ST", "SN"},
    "HB": {"NI"},
    "HH": {"NI", "SH"},
    "HE": {"BW", "BY", "TH", "NI", "NW", "RP"},
    "MV": {"SH", "NI", "BB"},
    "NI": {"SH", "HH", "HB", "MV", "BB", "ST", "TH", "HE", "NW"},
    "NW": {"NI", "HE", "RP"},
    "RP": {"NW", "HE", "BW", "SL"},
    "SL": {"RP"},
    "SN": {"BY", "TH", "ST", "BB"},
    "ST": {"NI", "BB", "SN", "TH"},
    "SH": {"HH", "NI", "MV"},
    "TH": {"HE", "NI", "ST", "SN", "BY"},
}


@dataclass
class Match:
    """One suggestion: the organisation or post, its score and the reasons in words."""

    target: object
    score: int
    reasons: list[str] = field(default_factory=list)
    # Set where the target is reached by another link than its public page.
    url: str = ""


@dataclass
class PostProfile:
    """What a post brings to the comparison, read once per post."""

    post: Post
    field_ids: list[int]
    sector_ids: list[int]
    region: Region | None
    target_region_ids: list[int]
    states: set[str]
    query: SearchQuery | None

    @classmethod
    def of(cls, post: Post) -> "PostProfile":
        region = post.organisation.region
        if region is not None and region.parent_id:
            region = Region.objects.select_related("parent").get(pk=region.pk)
        states: set[str] = set()
        if region is not None:
            states = set(region.states or (region.parent.states if region.parent else []))
        target_ids: set[int] = set()
        for target in post.target_regions.all():
            target_ids.update(Region.objects.descendant_ids(target))
        return cls(
            post=post,
            # Through .all(): the fields a card's query prefetched (Post.objects.for_cards).
            field_ids=[innovation_field.pk for innovation_field in post.innovation_fields.all()],
            sector_ids=list(post.sectors.values_list("pk", flat=True)),
            region=region,
            target_region_ids=sorted(target_ids),
            states=states,
            query=words_query(f"{post.title} {post.description}"),
        )

    @property
    def neighbour_states(self) -> set[str]:
        return set().union(*(STATE_NEIGHBOURS.get(state, set()) for state in self.states))


def words_query(text: str) -> SearchQuery | None:
    """Any of the text's words (OR), stemmed in German by PostgreSQL; None without words."""
    words = []
    for word in re.findall(r"[^\W\d_]{3,}", text.lower()):
        if word not in words:
            words.append(word)
    if not words:
        return None
    # Only letters reach the raw query, so no tsquery operator can be smuggled in.
    return SearchQuery(" | ".join(words[:MAX_QUERY_WORDS]), search_type="raw", config="german")


def cardinality(expression):
    return Func(expression, function="cardinality", output_field=IntegerField())


def proximity_points(profile: PostProfile, *, prefix: str, region: str = "region"):
    """Same region (or a target region) 3, same federal state 2, neighbouring state 1: of the
    region at `prefix` + `region` (`region=""` for a Region itself)."""
    path = f"{prefix}{region}__" if region else prefix
    region_id = f"{prefix}{region}_id" if region else f"{prefix}id"
    parent_id = f"{path}parent_id"
    states = f"{path}states"
    parent_states = f"{path}parent__states"
    proximity = []
    if profile.region is not None:
        same_region = Q(**{region_id: profile.region.pk})
        if profile.target_region_ids:
            same_region |= Q(**{f"{region_id}__in": profile.target_region_ids})
        proximity.append(When(same_region, then=Value(SAME_REGION)))
        family = [profile.region.pk] + (
            [profile.region.parent_id] if profile.region.parent_id else []
        )
        proximity.append(
            When(
                Q(**{f"{parent_id}__in": family}) | Q(**{f"{region_id}__in": family}),
                then=Value(SAME_STATE),
            )
        )
    elif profile.target_region_ids:
        proximity.append(
            When(Q(**{f"{region_id}__in": profile.target_region_ids}), then=Value(SAME_REGION))
        )
    if profile.states:
        states_list = sorted(profile.states)
        proximity.append(
            When(
                Q(**{f"{states}__overlap": states_list})
                | Q(**{f"{parent_states}__overlap": states_list}),
                then=Value(SAME_STATE),
            )
        )
    neighbours = sorted(profile.neighbour_states - profile.states)
    if neighbours:
        proximity.append(
            When(
                Q(**{f"{states}__overlap": neighbours})
                | Q(**{f"{parent_states}__overlap": neighbours}),
                then=Value(NEIGHBOUR),
            )
        )
    return Case(*proximity, default=Value(FAR), output_field=IntegerField())


def annotate_candidates(queryset, profile: PostProfile, *, prefix: str, name_subqueries, vector):
    """Add the score parts to organisations (prefix "") or posts (prefix "organisation__")."""
    field_names, sector_names = name_subqueries
    region_id = f"{prefix}region_id"
    states = f"{prefix}region__states"
    parent_states = f"{prefix}region__parent__states"
    proximity = proximity_points(profile, prefix=prefix)
    if profile.query is not None:
        text = Cast(
            Round(Least(Value(float(TEXT_MAX)), SearchRank(vector, profile.query) * TEXT_SCALE)),
            IntegerField(),
        )
    else:
        text = Value(0)

    return queryset.annotate(
        shared_field_names=field_names,
        shared_sector_names=sector_names,
        proximity=proximity,
        text_points=text,
        region_name=F(f"{prefix}region__name"),
        candidate_region_id=F(region_id),
        region_states=F(states),
        region_parent_states=F(parent_states),
    ).annotate(
        theme_points=cardinality(F("shared_field_names")) * FIELD_WEIGHT
        + cardinality(F("shared_sector_names")) * SECTOR_WEIGHT
        + F("text_points"),
        score=F("theme_points") + F("proximity"),
    )


def _best_structure_pool(post: Post, profile: PostProfile, limit: int) -> list[int] | None:
    """The members sharing a field or a sector that can still be among the `limit` best, or
    None where every candidate must be scored in full.

    Exact up to POOL_SIZE: with K the `limit`-th best of the points without the text (shared
    fields and sectors, proximity), the `limit` best scores are at least K, and a member below
    K - TEXT_MAX cannot reach K with its text. So only the pool above that floor has its text
    ranked and its shared names read, in place of every member with a shared field (tens of
    thousands at 100,000 organisations: 1.2 s). Where more than POOL_SIZE members are that
    close (a post whose fields half the members share), the POOL_SIZE with the most points
    are kept (the longest-standing records first among equals): among so many that close, the
    text then picks from those. The points are summed from one aggregate of each relation
    table and the proximity of each region, computed once per region by the expression that
    scores a candidate, all in one query. Where the floor is within what proximity alone gives
    (a member with only words in common), there is no pool.
    """
    # Both columns annotated, so that the compiled query names them (as `region_key` and
    # `region_points`) whatever order Django puts them in.
    regions = Region.objects.annotate(
        region_key=F("pk"), region_points=proximity_points(profile, prefix="", region="")
    ).values("region_key", "region_points")
    regions_sql, regions_params = regions.query.sql_with_params()
    fields = Organisation.innovation_fields.through._meta.db_table
    sectors = Organisation.sectors.through._meta.db_table
    organisations = Organisation._meta.db_table
    sql = f"""
        WITH proximity AS ({regions_sql}),
        by_field AS (
            SELECT organisation_id, count(*) AS shared FROM {fields}
            WHERE innovationfield_id = ANY(%s) GROUP BY organisation_id
        ), by_sector AS (
            SELECT organisation_id, count(*) AS shared FROM {sectors}
            WHERE sector_id = ANY(%s) GROUP BY organisation_id
        ), scored AS MATERIALIZED (
            SELECT o.id, %s * coalesce(f.shared, 0) + %s * coalesce(s.shared, 0)
                + coalesce(p.region_points, %s) AS structure
            FROM by_field f FULL JOIN by_sector s USING (organisation_id)
            JOIN {organisations} o ON o.id = coalesce(f.organisation_id, s.organisation_id)
            LEFT JOIN proximity p ON p.region_key = o.region_id
            WHERE o.status = %s AND o.id <> %s
        ), kth AS (
            SELECT structure FROM scored ORDER BY structure DESC OFFSET %s LIMIT 1
        )
        SELECT scored.id, kth.structure FROM scored, kth
        WHERE scored.structure >= kth.structure - %s
        ORDER BY scored.structure DESC, scored.id LIMIT %s
    """  # noqa: S608 - the models' own tables and a query Django compiled; values are parameters
    params = [
        *regions_params,
        profile.field_ids,
        profile.sector_ids,
        FIELD_WEIGHT,
        SECTOR_WEIGHT,
        FAR,
        Organisation.Status.MEMBER,
        post.organisation_id,
        limit - 1,
        TEXT_MAX,
        POOL_SIZE,
    ]
    with connections[Organisation.objects.db].cursor() as cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall()
    if not rows or rows[0][1] - TEXT_MAX <= SAME_REGION:
        return None
    return [pk for pk, _kth in rows]


def _names(model, relation: str, ids: list[int]):
    if not ids:
        # A typed empty array: an empty subquery would reach cardinality() as type unknown.
        return Value([], output_field=ArrayField(CharField()))
    return ArraySubquery(
        model.objects.filter(**{relation: OuterRef("pk")}, pk__in=ids)
        .order_by("name")
        .values("name")
    )


def organisation_matches(post: Post, *, limit: int = 5, profile: PostProfile | None = None):
    """The member organisations that fit the post best (not the poster itself)."""
    profile = profile or PostProfile.of(post)
    # Only members with something in common are scored: a shared field or sector (index
    # lookups in the relation tables) or shared words (the directory's stored vector and its
    # GIN index). Scoring every member computed each one's subqueries and text rank: 1.7 s a
    # page at 10,000 organisations.
    in_common = Q()
    if profile.field_ids:
        in_common |= Q(
            Exists(
                Organisation.innovation_fields.through.objects.filter(
                    organisation_id=OuterRef("pk"), innovationfield_id__in=profile.field_ids
                )
            )
        )
    if profile.sector_ids:
        in_common |= Q(
            Exists(
                Organisation.sectors.through.objects.filter(
                    organisation_id=OuterRef("pk"), sector_id__in=profile.sector_ids
                )
            )
        )
    members = Organisation.objects.members().exclude(pk=post.organisation_id)
    pool = _best_structure_pool(post, profile, limit) if in_common else None
    if pool is not None:
        candidates = members.filter(pk__in=pool)
    else:
        if profile.query is not None:
            in_common |= Q(search_vector=profile.query)
        if not in_common:
            return []
        candidates = members.filter(in_common)
    candidates = annotate_candidates(
        candidates,
        profile,
        prefix="",
        name_subqueries=(
            _names(InnovationField, "organisations", profile.field_ids),
            _names(Sector, "organisations", profile.sector_ids),
        ),
        # The directory's stored vector (name, city, description, innovation fields).
        vector=F("search_vector"),
    )
    if pool is None:
        # (Every member of a pool shares a field or a sector.)
        candidates = candidates.filter(theme_points__gt=0)
    rows = candidates.order_by("-score", "name")[:limit]
    return [Match(row, row.score, reasons(row, profile)) for row in rows]


def post_matches(
    post: Post, *, limit: int = 5, profile: PostProfile | None = None, public_only: bool = True
):
    """The opposite posts on the board (offer for a request and vice versa) that fit best."""
    profile = profile or PostProfile.of(post)
    candidates = Post.objects.on_board().filter(kind=OPPOSITE_KINDS[post.kind])
    candidates = candidates.exclude(pk=post.pk).exclude(organisation_id=post.organisation_id)
    if public_only:
        candidates = candidates.public()
    candidates = annotate_candidates(
        candidates.select_related("organisation"),
        profile,
        prefix="organisation__",
        name_subqueries=(
            _names(InnovationField, "partnering_posts", profile.field_ids),
            _names(Sector, "partnering_posts", profile.sector_ids),
        ),
        vector=F("search_vector"),
    )
    rows = candidates.filter(theme_points__gt=0).order_by("-score", "-published_at")[:limit]
    return [Match(row, row.score, reasons(row, profile)) for row in rows]


def reasons(row, profile: PostProfile) -> list[str]:
    """Why a candidate was suggested, in words, from the parts annotated by SQL."""
    said = []
    if row.shared_field_names:
        said.append(
            ngettext(
                "%(count)d shared innovation field: %(names)s",
                "%(count)d shared innovation fields: %(names)s",
                len(row.shared_field_names),
            )
            % {"count": len(row.shared_field_names), "names": ", ".join(row.shared_field_names)}
        )
    if row.shared_sector_names:
        said.append(
            ngettext(
                "%(count)d shared sector: %(names)s",
                "%(count)d shared sectors: %(names)s",
                len(row.shared_sector_names),
            )
            % {"count": len(row.shared_sector_names), "names": ", ".join(row.shared_sector_names)}
        )
    if row.proximity == SAME_REGION:
        if profile.region is not None and row.candidate_region_id == profile.region.pk:
            said.append(_("same region: %(region)s") % {"region": row.region_name})
        else:
            said.append(_("in a target region: %(region)s") % {"region": row.region_name})
    elif row.proximity == SAME_STATE:
        shared = (set(row.region_states or row.region_parent_states or [])) & profile.states
        if shared:
            said.append(_("same federal state: %(states)s") % {"states": state_names(shared)})
        else:
            said.append(_("same wider region: %(region)s") % {"region": row.region_name})
    elif row.proximity == NEIGHBOUR:
        said.append(
            _("neighbouring federal state: %(states)s")
            % {"states": state_names(set(row.region_states or row.region_parent_states or []))}
        )
    if row.text_points:
        said.append(_("similar wording in the description"))
    return said


def state_names(codes: set[str]) -> str:
    labels = dict(FederalState.choices)
    return ", ".join(sorted(str(labels.get(code, code)) for code in codes))


def all_matches(post: Post, *, limit: int = 5, public_only: bool = True):
    """Both kinds of suggestion for one post, reading the post's profile once."""
    profile = PostProfile.of(post)
    return {
        "organisations": organisation_matches(post, limit=limit, profile=profile),
        "posts": post_matches(post, limit=limit, profile=profile, public_only=public_only),
    }
