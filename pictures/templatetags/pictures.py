"""`{% picture obj.picture %}`: the one way a page shows a picture of the library.

    {% load pictures %}
    {% picture item.picture sizes="(min-width: 992px) 66vw, 100vw" %}
    {% picture organisation.logo_picture sizes="160px" class="picture--logo" caption=False %}

It renders `pictures/_figure.html`: a `<figure>` with a `<picture>` (WebP sizes first, the JPEG
or PNG fallback sizes in the `<img>`), the alternative text in the page's language, the
caption and the credit. A missing or unpublished picture renders nothing. Everything it reads
is on the picture's row, so a list that `select_related`s its pictures costs no query more.
"""

from django import template

register = template.Library()

DEFAULT_SIZES = "(min-width: 1200px) 760px, (min-width: 992px) 66vw, 100vw"


@register.inclusion_tag("pictures/_figure.html")
def picture(picture, sizes=DEFAULT_SIZES, css_class="", caption=True, eager=False):
    shown = picture if picture is not None and picture.is_published and picture.sizes else None
    return {
        "picture": shown,
        "sizes": sizes,
        "css_class": css_class,
        "show_caption": caption,
        "eager": eager,
    }
