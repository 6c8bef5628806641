from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import UserAdmin
from django.utils.translation import gettext_lazy as _

from .models import StaffRegion


class StaffRegionInline(admin.TabularInline):
    model = StaffRegion
    extra = 0
    autocomplete_fields = ["region"]
    verbose_name = _("region looked after")
    verbose_name_plural = _("regions looked after (for the group “Regionalmanagement”)")


User = get_user_model()
BaseUserAdmin = type(admin.site._registry[User]) if admin.site.is_registered(User) else UserAdmin


class StaffUserAdmin(BaseUserAdmin):
    inlines = [*BaseUserAdmin.inlines, StaffRegionInline]


if admin.site.is_registered(User):
    admin.site.unregister(User)
admin.site.register(User, StaffUserAdmin)
