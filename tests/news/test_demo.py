import pytest
from django.core.management import call_command
from django.utils import timezone

from news.models import NewsItem

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(db):
    call_command("load_demo", "--no-admin", verbosity=0)


def test_demo_has_the_aachen_workshop_as_press_release_with_contact(demo):
    item = NewsItem.objects.get(
        slug="transatlantischer-austausch-gesundheitswirtschaft-medizintechnik"
    )
    assert item.kind == NewsItem.Kind.PRESS_RELEASE
    assert item.press_contact_name == "Dr. Mathias Brandstädter"
    assert item.press_contact_phone == "0241 80-89893"
    assert "Uniklinik RWTH Aachen" in item.press_contact_organisation
    assert item.regions.filter(slug="aachen").exists()
    assert item.events.exists()
    assert item.organisations.filter(slug="uniklinik-rwth-aachen").exists()


def test_demo_has_joint_stands_and_the_symposium(demo):
    titles = " ".join(NewsItem.objects.values_list("title", flat=True))
    assert "conhIT" in titles
    assert "MedTec Europe" in titles
    assert "Deutsch-Niederländisches Symposium" in titles


def test_demo_fictitious_news_is_marked_and_one_is_scheduled(demo):
    examples = NewsItem.objects.filter(title__contains="Beispielmeldung")
    assert examples.count() >= 3
    assert examples.filter(published_at__gt=timezone.now()).count() == 1
    assert all("Fiktive Beispielmeldung" in item.body for item in examples)


def test_loading_the_demo_twice_changes_nothing(demo):
    before = list(NewsItem.objects.order_by("pk").values())
    links_before = list(NewsItem.regions.through.objects.order_by("pk").values())
    call_command("load_demo", "--no-admin", verbosity=0)
    assert list(NewsItem.objects.order_by("pk").values()) == before
    assert list(NewsItem.regions.through.objects.order_by("pk").values()) == links_before


def test_demo_press_release_passes_validation(demo):
    for item in NewsItem.objects.all():
        item.full_clean()
