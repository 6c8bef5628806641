from django.apps import AppConfig
from django.db import transaction
from django.db.models.signals import post_delete
from django.utils.translation import gettext_lazy as _


class PicturesConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "pictures"
    verbose_name = _("Picture library")

    def ready(self):
        from . import renditions
        from .models import Picture

        def delete_files(sender, instance, **kwargs):
            # Once the deletion is committed: a rolled-back delete keeps its files.
            original, sizes = instance.original.name, list(instance.sizes)

            def delete():
                if original:
                    instance.original.storage.delete(original)
                renditions.delete_renditions(sizes)

            transaction.on_commit(delete)

        post_delete.connect(delete_files, sender=Picture, dispatch_uid="pictures_delete_files")
