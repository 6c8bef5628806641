"""The admin search of a list on one trigram index (see `core.textsearch`).

class RegistrationAdmin(IndexedSearchAdminMixin, ..., admin.ModelAdmin):
    search_text_columns = ("name", "organisation_name", "email")  # as in the model's index
    search_exact_fields = ("ticket_code",)  # matched whole, on their own (unique) index

Every word of the search is looked for anywhere in the joined columns (`ILIKE '%word%'`), so
"saar.is", "IBMT" or "LZG" find "saar.is saarland.innovation&standort e. V.", "Fraunhofer
IBMT" and "LZG.NRW" as they are typed. The model declares the matching index:
`GinIndex(OpClass(SearchText(*columns), name="gin_trgm_ops"), name=...)`.
"""

from django.db.models import Q

from core.textsearch import SearchText, words_in


class IndexedSearchAdminMixin:
    search_text_columns: tuple[str, ...] = ()
    search_exact_fields: tuple[str, ...] = ()

    def get_search_results(self, request, queryset, search_term):
        term = " ".join(search_term.split())[:200]
        if not term or not self.search_text_columns:
            return super().get_search_results(request, queryset, search_term)
        condition = words_in(SearchText(*self.search_text_columns), term)
        for field in self.search_exact_fields:
            condition |= Q(**{field: term})
        return queryset.filter(condition), False
