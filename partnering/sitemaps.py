"""The partnering board's part of the sitemap (see `core.sitemaps`)."""

from core.sitemaps import BilingualSitemap, register_pages, register_section

from .models import Post


class PartneringSitemap(BilingualSitemap):
    """The public posts on the partnering board (members-only posts have no public page)."""

    changefreq = "weekly"
    content_apps = ("partnering",)
    per = "day"  # a post leaves the board after its last valid day
    lastmod_expression = "updated_at"

    def items(self):
        return Post.objects.on_board().public().only("pk", "updated_at").order_by("pk")

    def lastmod(self, post):
        return post.updated_at


register_section("partnering", PartneringSitemap, position=80)
register_pages("partnering:board", position=70)
