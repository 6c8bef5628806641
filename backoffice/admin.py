"""The user's admin page with the regions a regional manager looks after.

Superusers (and whoever holds "auth.change_user") edit users as Django has it. The central
network management holds the back office's permissions on `StaffRegion` but not the user
table's own: on this page they may give a staff member regions and roles, and nothing more.
They see staff users only, never a superuser, and cannot raise anyone above themselves: the
groups they may give hold no permission they lack, and name, e-mail, password, the superuser
flag and single permissions stay out of their reach.
"""

from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import UserAdmin
from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext_lazy as _

from .models import StaffRegion

# What a user needs to give staff their regions (the central network management has it).
ASSIGN_REGIONS_PERMISSION = "backoffice.change_staffregion"


class StaffRegionInline(admin.TabularInline):
    model = StaffRegion
    extra = 0
    autocomplete_fields = ["region"]
    verbose_name = _("region looked after")
    verbose_name_plural = _("regions looked after (for the group “Regionalmanagement”)")


def edits_users_fully(user) -> bool:
    """Django's own rule: the permission to change users allows everything on their page."""
    return user.is_active and user.has_perm("auth.change_user")


def assigns_regions_only(user) -> bool:
    """A manager who may give staff their regions and roles, but not edit users otherwise."""
    return (
        user.is_active
        and user.is_staff
        and not edits_users_fully(user)
        and user.has_perm(ASSIGN_REGIONS_PERMISSION)
    )


def grantable_groups(user):
    """The groups whose every permission `user` holds too: giving them escalates nobody."""
    own = user.get_all_permissions()
    allowed = [
        group.pk
        for group in Group.objects.prefetch_related("permissions__content_type")
        if all(
            f"{permission.content_type.app_label}.{permission.codename}" in own
            for permission in group.permissions.all()
        )
    ]
    return Group.objects.filter(pk__in=allowed).order_by("name")


User = get_user_model()
BaseUserAdmin = type(admin.site._registry[User]) if admin.site.is_registered(User) else UserAdmin


class StaffUserAdmin(BaseUserAdmin):
    inlines = [*BaseUserAdmin.inlines, StaffRegionInline]
    # The page of a manager who only assigns regions and roles.
    region_assignment_fieldsets = (
        (None, {"fields": ("username",)}),
        (_("Personal info"), {"fields": ("first_name", "last_name", "email")}),
        (_("Permissions"), {"fields": ("is_active", "is_staff", "groups")}),
    )
    region_assignment_readonly = (
        "username",
        "first_name",
        "last_name",
        "email",
        "is_active",
        # Readonly too: the list offers staff only, and so it stays.
        "is_staff",
    )

    def has_module_permission(self, request):
        return super().has_module_permission(request) or assigns_regions_only(request.user)

    def _may_assign(self, request, obj) -> bool:
        if not assigns_regions_only(request.user):
            return False
        return obj is None or (obj.is_staff and not obj.is_superuser)

    def has_view_permission(self, request, obj=None):
        return super().has_view_permission(request, obj) or self._may_assign(request, obj)

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) or self._may_assign(request, obj)

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        if assigns_regions_only(request.user):
            # Their own staff: another user's page (a superuser's above all) answers 404.
            return queryset.filter(is_staff=True, is_superuser=False)
        return queryset

    def get_list_filter(self, request):
        filters = super().get_list_filter(request)
        if assigns_regions_only(request.user):
            return [item for item in filters if item not in ("is_staff", "is_superuser")]
        return filters

    def get_fieldsets(self, request, obj=None):
        if obj is not None and assigns_regions_only(request.user):
            return self.region_assignment_fieldsets
        return super().get_fieldsets(request, obj)

    def get_readonly_fields(self, request, obj=None):
        readonly = super().get_readonly_fields(request, obj)
        if obj is not None and assigns_regions_only(request.user):
            return (*readonly, *self.region_assignment_readonly)
        return readonly

    def formfield_for_manytomany(self, db_field, request=None, **kwargs):
        if db_field.name == "groups" and request and assigns_regions_only(request.user):
            kwargs["queryset"] = grantable_groups(request.user)
        return super().formfield_for_manytomany(db_field, request, **kwargs)

    def save_related(self, request, form, formsets, change):
        """Groups the manager may not give are not offered; they stay as they were."""
        kept = []
        if change and assigns_regions_only(request.user):
            grantable = grantable_groups(request.user).values("pk")
            kept = list(form.instance.groups.exclude(pk__in=grantable))
        super().save_related(request, form, formsets, change)
        if kept:
            form.instance.groups.add(*kept)

    def user_change_password(self, request, id, form_url=""):
        # Setting another user's password would take over their account.
        if not edits_users_fully(request.user):
            raise PermissionDenied
        return super().user_change_password(request, id, form_url)


if admin.site.is_registered(User):
    admin.site.unregister(User)
admin.site.register(User, StaffUserAdmin)
