import pytest

from partnering.matching import organisation_matches, post_matches
from partnering.models import Post
from tests import factories
from tests.factories import make_post
from tests.helpers import count_queries


@pytest.fixture
def request_post(poster, world):
    return make_post(
        poster,
        kind=Post.Kind.TECHNOLOGY_REQUEST,
        title="Sensoren für die telemedizinische Nachsorge gesucht",
        description="Wir suchen tragbare Sensoren für Vitaldaten in der Nachsorge.",
        innovation_fields=[world["tele"], world["aal"]],
        sectors=[world["it"]],
    )


@pytest.fixture
def candidates(world):
    make = factories.make_organisation
    return {
        # Both fields and the sector, same region: the best fit.
        "best": make(name="Alpha GmbH", region=world["aachen"]),
        # Both fields, elsewhere in the same state.
        "state": make(name="Beta GmbH", region=world["koeln"]),
        # Both fields, in a neighbouring state.
        "neighbour": make(name="Gamma GmbH", region=world["rlp"]),
        # Both fields, far away.
        "far": make(name="Delta GmbH", region=world["saxony"]),
        # Same region, nothing in common: never suggested.
        "unrelated": make(name="Bäckerei Epsilon", region=world["aachen"]),
        # Not a member: never suggested.
        "applicant": make(name="Bewerber GmbH", region=world["aachen"], status="applicant"),
    }


@pytest.fixture
def with_themes(candidates, world):
    for key in ["best", "state", "neighbour", "far", "applicant"]:
        candidates[key].innovation_fields.set([world["tele"], world["aal"]])
    candidates["best"].sectors.set([world["it"]])
    return candidates


def test_request_finds_member_organisations_in_the_expected_order_with_reasons(
    request_post, with_themes
):
    matches = organisation_matches(request_post, limit=10)
    names = [match.target.name for match in matches]
    assert names == ["Alpha GmbH", "Beta GmbH", "Gamma GmbH", "Delta GmbH"]
    best = matches[0]
    assert best.score == 2 * 3 + 2 + 3
    assert best.reasons == [
        "2 gemeinsame Innovationsfelder: AAL, Telemedizin",
        "1 gemeinsame Branche: Gesundheits-IT",
        "gleiche Region: Aachen",
    ]
    assert "gleiches Bundesland: Nordrhein-Westfalen" in matches[1].reasons
    assert "benachbartes Bundesland: Rheinland-Pfalz" in matches[2].reasons
    assert matches[3].reasons == ["2 gemeinsame Innovationsfelder: AAL, Telemedizin"]
    assert [m.score for m in matches] == [11, 8, 7, 6]


def test_request_finds_the_fitting_offer_before_weaker_ones(request_post, with_themes, world):
    fitting = make_post(
        with_themes["best"],
        kind=Post.Kind.TECHNOLOGY_OFFER,
        title="Tragbare Sensoren für Vitaldaten",
        description="Unsere Sensoren übertragen Vitaldaten an die Nachsorge.",
        innovation_fields=[world["tele"], world["aal"]],
        sectors=[world["it"]],
    )
    weaker = make_post(
        with_themes["far"],
        kind=Post.Kind.TECHNOLOGY_OFFER,
        title="Software für Pflegedienste",
        description="Dokumentation für ambulante Pflege.",
        innovation_fields=[world["aal"]],
    )
    other_request = make_post(  # same theme but another request: not an opposite post
        with_themes["state"],
        kind=Post.Kind.TECHNOLOGY_REQUEST,
        innovation_fields=[world["tele"], world["aal"]],
    )
    make_post(  # an offer of another theme (business, not technology)
        with_themes["state"],
        kind=Post.Kind.BUSINESS_OFFER,
        innovation_fields=[world["tele"], world["aal"]],
    )
    matches = post_matches(request_post)
    assert [match.target for match in matches] == [fitting, weaker]
    assert "ähnliche Begriffe in der Beschreibung" in matches[0].reasons
    assert matches[0].reasons[0] == "2 gemeinsame Innovationsfelder: AAL, Telemedizin"
    assert matches[0].score > matches[1].score
    # And the other way round: the offer finds the requests, the closest first.
    assert [match.target for match in post_matches(fitting)] == [request_post, other_request]


def test_the_posters_own_organisation_and_posts_are_never_suggested(request_post, poster, world):
    poster.innovation_fields.set([world["tele"]])
    make_post(poster, kind=Post.Kind.TECHNOLOGY_OFFER, innovation_fields=[world["tele"]])
    assert organisation_matches(request_post) == []
    assert post_matches(request_post) == []


def test_post_page_shows_the_suggestions_with_their_reasons(client, request_post, with_themes):
    page = client.get(request_post.get_absolute_url()).content.decode()
    assert "Alpha GmbH" in page
    assert "2 gemeinsame Innovationsfelder: AAL, Telemedizin" in page
    assert "gleiche Region: Aachen" in page
    assert "Bäckerei Epsilon" not in page
    english = client.get(f"/en/partnering/{request_post.pk}/").content.decode()
    assert "2 shared innovation fields: AAL, Telemedizin" in english


def test_post_page_serves_its_suggestions_from_the_cache_until_a_member_fits(
    client, request_post, with_themes, world
):
    url = request_post.get_absolute_url()
    cold, _ = count_queries(client, url)
    warm, response = count_queries(client, url)

    newcomer = factories.make_organisation(name="Zeta Sensorik GmbH", region=world["aachen"])
    newcomer.innovation_fields.set([world["tele"], world["aal"]])
    newcomer.sectors.set([world["it"]])
    after = client.get(url).text

    assert warm < cold
    assert "Alpha GmbH" in response.text
    assert "Zeta Sensorik GmbH" in after


def test_matching_runs_a_constant_number_of_queries(client, request_post, world):
    def add_candidates(n):
        for _ in range(n):
            organisation = factories.make_organisation(region=world["koeln"])
            organisation.innovation_fields.set([world["tele"]])
            make_post(
                organisation, kind=Post.Kind.TECHNOLOGY_OFFER, innovation_fields=[world["aal"]]
            )

    add_candidates(3)
    few, _ = count_queries(client, request_post.get_absolute_url())
    add_candidates(30)
    many, _ = count_queries(client, request_post.get_absolute_url())
    assert few == many
    assert many <= 12  # rendered afresh: the page and both kinds of suggestions


def test_a_candidate_in_a_target_region_counts_as_near(poster, world):
    request = make_post(
        poster,
        kind=Post.Kind.BUSINESS_REQUEST,
        innovation_fields=[world["ortho"]],
        target_regions=[world["saxony"]],
    )
    supplier = factories.make_organisation(name="Dresden Orthetik", region=world["saxony"])
    supplier.innovation_fields.set([world["ortho"]])
    (match,) = organisation_matches(request)
    assert match.score == 3 + 3
    assert match.reasons == [
        "1 gemeinsames Innovationsfeld: Orthopädietechnik",
        "in einer Zielregion: Sachsen",
    ]


@pytest.fixture
def many_candidates(request_post, world):
    make = factories.make_organisation
    strong = []
    for letter in "ABCD":
        # Both fields and the sector, far away, no words in common: 2 × 3 + 2 = 8 points.
        organisation = make(name=f"Firma {letter}", region=world["saxony"])
        organisation.innovation_fields.set([world["tele"], world["aal"]])
        organisation.sectors.set([world["it"]])
        strong.append(organisation)
    # One field and the same region (3 + 3), but the post's own words: up to 3 more points.
    wordy = make(
        name="Aachener Nachsorge",
        region=world["aachen"],
        description="Tragbare Sensoren für Vitaldaten in der telemedizinischen Nachsorge: "
        "Sensoren, Vitaldaten, Nachsorge.",
    )
    wordy.innovation_fields.set([world["tele"]])
    # One field, far away: 3 points, too few to reach the best three with any text.
    weak = make(name="Fern GmbH", region=world["saxony"])
    weak.innovation_fields.set([world["aal"]])
    return {"strong": strong, "wordy": wordy, "weak": weak}


def test_suggestions_among_many_are_those_of_scoring_every_member(
    request_post, many_candidates, monkeypatch
):
    from partnering import matching

    pools = []
    real_pool = matching._best_structure_pool

    def recorded_pool(*args, **kwargs):
        pools.append(real_pool(*args, **kwargs))
        return pools[-1]

    monkeypatch.setattr(matching, "_best_structure_pool", recorded_pool)
    pruned = [(m.target.name, m.score) for m in organisation_matches(request_post, limit=3)]
    monkeypatch.setattr(matching, "_best_structure_pool", lambda *args, **kwargs: None)
    every = [(m.target.name, m.score) for m in organisation_matches(request_post, limit=3)]

    # The third best has 8 points without its text: 5 or more may still reach it.
    strong, wordy = many_candidates["strong"], many_candidates["wordy"]
    assert sorted(pools[0]) == sorted([o.pk for o in strong] + [wordy.pk])
    assert pruned == every
    # 6 points without its words, below the others; first with them (by name at a tie).
    assert pruned[0][0] == "Aachener Nachsorge", pruned
    assert "Fern GmbH" not in dict(pruned)


def test_a_crowd_of_equals_is_cut_to_the_pool_size_with_the_closest_kept(
    request_post, many_candidates, monkeypatch
):
    from partnering import matching

    monkeypatch.setattr(matching, "POOL_SIZE", 4)
    names = [m.target.name for m in organisation_matches(request_post, limit=3)]

    # The four strong members (8 points) fill the pool: the wordy one (6) is left out.
    assert names == ["Firma A", "Firma B", "Firma C"]
