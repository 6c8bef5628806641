from django.conf import settings
from django.urls import translate_url
from django.utils import translation

from .site_urls import absolute_url


def _with_language_prefix(full_path: str, code: str) -> str:
    """Swap the language prefix of a path that Django cannot resolve (e.g. a 404 page)."""
    for language, _name in settings.LANGUAGES:
        prefix = f"/{language}/"
        if language != settings.LANGUAGE_CODE and full_path.startswith(prefix):
            full_path = full_path[len(prefix) - 1 :]
            break
    return full_path if code == settings.LANGUAGE_CODE else f"/{code}{full_path}"


def languages(request):
    """The current page in every language, for the switcher and hreflang links; the default
    language's address is also the x-default, as in the sitemap."""
    current = translation.get_language()
    full_path = request.get_full_path()
    alternates = []
    for code, _name in settings.LANGUAGES:
        url = translate_url(full_path, code)
        if url == full_path and code != current:
            url = _with_language_prefix(full_path, code)
        alternates.append(
            {
                "code": code,
                "name": translation.get_language_info(code)["name_local"],
                "url": url,
                "absolute_url": absolute_url(url),
                "is_current": code == current,
                "is_default": code == settings.LANGUAGE_CODE,
            }
        )
    return {"language_alternates": alternates}
