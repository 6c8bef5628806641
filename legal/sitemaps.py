"""The legal pages in the sitemap's "pages" section (see `core.sitemaps`)."""

from core.sitemaps import register_pages

register_pages(
    "legal:imprint", "legal:privacy", "legal:accessibility", "legal:easy_language", position=80
)
