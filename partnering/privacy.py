"""The partnering board's personal data (see `core.privacy`): expressions of interest and
the address of whoever sent a post."""

import datetime as dt

from django.utils.translation import gettext_lazy as _

from core.privacy import ANONYMOUS_NAME, Source, anonymous_email, register, retention_days

from .models import ExpressionOfInterest, Post


def _interests_about(email):
    return ExpressionOfInterest.objects.filter(email__iexact=email).select_related("post")


def _anonymise_interests(queryset, now):
    done = 0
    for interest in queryset.exclude(sender_name=ANONYMOUS_NAME):
        interest.sender_name = ANONYMOUS_NAME
        interest.email = anonymous_email(interest.pk)
        interest.phone = ""
        interest.message = ""
        interest.save(update_fields=["sender_name", "email", "phone", "message"])
        done += 1
    return done


def _interests_due(now, days=None):
    days = retention_days("expressions_of_interest") if days is None else days
    return ExpressionOfInterest.objects.exclude(sender_name=ANONYMOUS_NAME).filter(
        created_at__lt=now - dt.timedelta(days=days)
    )


def _posts_about(email):
    return Post.objects.filter(submitted_by_email__iexact=email).select_related("organisation")


def _anonymise_posts(queryset, now):
    # The post belongs to the organisation; only the address of the person who sent it goes.
    return queryset.exclude(submitted_by_email="").update(submitted_by_email="")


register(
    Source(
        key="expressions_of_interest",
        label=_("Expressions of interest (partnering)"),
        matching=_interests_about,
        export_fields=(
            "id",
            "post__title",
            "sender_name",
            "sender_organisation",
            "email",
            "phone",
            "message",
            "created_at",
        ),
        anonymise=_anonymise_interests,
        due=_interests_due,
    ),
    position=80,
)


register(
    Source(
        key="partnering_posts",
        label=_("Partnering posts sent"),
        matching=_posts_about,
        export_fields=("id", "title", "organisation__name", "submitted_by_email", "status"),
        anonymise=_anonymise_posts,
    ),
    position=90,
)
