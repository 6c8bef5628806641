"""The press page in the sitemap's "pages" section (see `core.sitemaps`)."""

from core.sitemaps import register_pages

register_pages("press:index", position=65)
