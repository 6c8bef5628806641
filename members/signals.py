"""Keep derived data (search vector, spelling lexicon, logo thumbnails) in step with the
organisation."""

import logging

from django.db.models.signals import m2m_changed, post_save
from django.dispatch import receiver

from core import lexicon

from .logos import refresh_thumbnails
from .models import InnovationField, Organisation
from .search import LEXICON_KIND, update_search_vectors

logger = logging.getLogger(__name__)


@receiver(post_save, sender=Organisation)
def organisation_saved(sender, instance, raw=False, update_fields=None, **kwargs):
    if raw:
        return
    searchable = {"name", "description", "description_de", "description_en"}
    if update_fields is None or searchable & set(update_fields):
        update_search_vectors([instance.pk])
    elif "status" in update_fields:
        # Published (an application approved): its words join the spelling lexicon.
        lexicon.add_words(LEXICON_KIND, [instance.pk])
    if update_fields is None or "logo" in update_fields:
        try:
            refresh_thumbnails(instance)
        except (OSError, ValueError):
            # A logo that slipped past validation must not break saving the organisation.
            logger.exception("Could not make logo thumbnails for organisation %s", instance.pk)


@receiver(m2m_changed, sender=Organisation.innovation_fields.through)
def innovation_fields_changed(sender, instance, action, reverse, pk_set, **kwargs):
    if reverse and action == "pre_clear":
        # After a clear from the field's side the organisations are no longer known.
        instance._cleared_organisation_ids = list(
            instance.organisations.values_list("pk", flat=True)
        )
    if action not in {"post_add", "post_remove", "post_clear"}:
        return
    if not reverse:
        update_search_vectors([instance.pk])
    elif action == "post_clear":
        update_search_vectors(getattr(instance, "_cleared_organisation_ids", []))
    else:
        update_search_vectors(pk_set or [])


@receiver(post_save, sender=InnovationField)
def innovation_field_saved(sender, instance, raw=False, **kwargs):
    if raw:
        return
    update_search_vectors(instance.organisations.values_list("pk", flat=True))
