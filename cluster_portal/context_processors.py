from django.conf import settings
from django.urls import translate_url
from django.utils import translation


def languages(request):
    """The current page in every language, for the switcher and hreflang links."""
    current = translation.get_language()
    alternates = []
    for code, _name in settings.LANGUAGES:
        alternates.append(
            {
                "code": code,
                "name": translation.get_language_info(code)["name_local"],
                "url": translate_url(request.get_full_path(), code),
                "is_current": code == current,
            }
        )
    return {"language_alternates": alternates}
