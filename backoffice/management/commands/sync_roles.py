from django.core.management.base import BaseCommand

from backoffice.roles import sync_roles


class Command(BaseCommand):
    help = "Create the staff groups and give them the permissions of every model that exists."

    def handle(self, *args, **options):
        for name, count in sync_roles().items():
            self.stdout.write(f"{name}: {count} permissions")
