"""The groups "Netzwerkmanagement" and "Regionalmanagement".

On a fresh database the permissions are created only after all migrations (post_migrate);
the groups are created here with what exists, and backoffice.roles.sync_roles_after_migrate
completes them at the end of the same `migrate`.
"""

from django.db import migrations


def create_roles(apps, schema_editor):
    from backoffice.roles import sync_roles

    sync_roles(apps=apps, using=schema_editor.connection.alias)


def remove_roles(apps, schema_editor):
    from backoffice.roles import NETWORK_MANAGEMENT, REGIONAL_MANAGEMENT

    Group = apps.get_model("auth", "Group")
    Group.objects.using(schema_editor.connection.alias).filter(
        name__in=[NETWORK_MANAGEMENT, REGIONAL_MANAGEMENT]
    ).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("backoffice", "0001_initial"),
    ]

    operations = [migrations.RunPython(create_roles, remove_roles)]
