"""The two staff roles of the back office, as permission groups.

Permissions are looked up by app label and model name, so that a model that does not exist
yet is simply skipped and picked up by the next `migrate` (post_migrate) or `sync_roles`.
Syncing only adds permissions: nothing an administrator granted by hand is taken away.
"""

from django.apps import apps as global_apps
from django.conf import settings

NETWORK_MANAGEMENT = "Netzwerkmanagement"
REGIONAL_MANAGEMENT = "Regionalmanagement"

# What a regional manager works on, always limited to their regions by RegionScopedAdminMixin.
REGIONAL_EDITABLE = [
    ("members", "organisation"),
    ("members", "contactperson"),
    ("members", "membershipapplication"),
    ("members", "profilechangerequest"),
    ("events", "event"),
    ("events", "session"),
    ("events", "speaker"),
    ("events", "registrationquestion"),
    ("events", "registration"),
    ("stands", "jointstand"),
    ("stands", "coexhibitorapplication"),
    ("groups", "workinggroup"),
    ("groups", "groupmembership"),
    ("groups", "groupmeeting"),
    ("groups", "groupdocument"),
    ("delegations", "delegationvisit"),
    ("delegations", "programmeitem"),
    # Read-only in the admin (issued invoices never change); "change" lets a manager cancel
    # an invoice of their regions by a credit note and record its payments.
    ("billing", "invoice"),
]
# Looked up (autocomplete, filters) but not changed by regional managers.
REGIONAL_VIEW_ONLY = [
    ("regions", "region"),
    ("members", "innovationfield"),
    ("members", "sector"),
    ("events", "eventseries"),
    ("billing", "invoiceline"),
    ("billing", "payment"),
]
REGIONAL_ACTIONS = ["view", "add", "change"]
# Single permissions beyond those: recording payments from a bank statement, for the invoices
# of their regions only (billing.statement_views).
REGIONAL_EXTRA = [("billing", "add_payment")]


def regional_codenames() -> list[tuple[str, str]]:
    """(app label, codename) of every permission a regional manager holds."""
    editable = [
        (app, f"{action}_{model}")
        for app, model in REGIONAL_EDITABLE
        for action in REGIONAL_ACTIONS
    ]
    view_only = [(app, f"view_{model}") for app, model in REGIONAL_VIEW_ONLY]
    return editable + view_only + REGIONAL_EXTRA


def role_permissions(Permission, using="default"):
    """{group name: queryset of the permissions it should hold} for the existing models."""
    permissions = Permission.objects.using(using)
    # The central network management may do everything in the portal's own apps.
    network = permissions.filter(content_type__app_label__in=settings.PORTAL_APPS)
    regional = permissions.none()
    for app_label, codename in regional_codenames():
        regional = regional | permissions.filter(
            content_type__app_label=app_label, codename=codename
        )
    return {NETWORK_MANAGEMENT: network, REGIONAL_MANAGEMENT: regional}


def sync_roles(apps=global_apps, using="default") -> dict[str, int]:
    """Create both groups if missing and add the permissions of every model that exists.

    Takes the app registry so that the data migration can pass its historical one.
    Returns the number of permissions each group holds afterwards.
    """
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    counts = {}
    for name, permissions in role_permissions(Permission, using).items():
        group, _created = Group.objects.using(using).get_or_create(name=name)
        group.permissions.add(*permissions)
        counts[name] = group.permissions.count()
    return counts


def sync_roles_after_migrate(sender, using="default", apps=global_apps, **kwargs):
    # post_migrate is sent once per app; the permissions of all apps exist only after the last.
    configs = [config for config in global_apps.get_app_configs() if config.models_module]
    if not configs or sender.label != configs[-1].label:
        return
    sync_roles(apps=apps, using=using)
