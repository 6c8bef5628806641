"""The joint stands' part of the sitemap (see `core.sitemaps`): their list. A stand has no page
of its own; it is a section of its trade fair's page, which the events' section lists."""

from core.sitemaps import register_pages

register_pages("stands:list", position=45)
