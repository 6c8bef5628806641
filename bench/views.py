"""The floor of the benchmark: the least a page of this portal can cost.

Like TechEmpower's "fortunes": one query for about twelve rows, one row added in Python, a
sort and a small template, through the same middleware as every page. Pages are measured as a
multiple of it. It exists only where the benchmark switches it on: with the setting
BENCHMARK_FLOOR (environment variable BENCHMARK_FLOOR=1, set by bench/run.py) the root URLconf
adds its route; otherwise nothing imports this module.
"""

from django.shortcuts import render

from members.models import Organisation

ROWS = 12


def floor(request):
    rows = list(Organisation.objects.order_by("pk").values_list("pk", "name")[:ROWS])
    rows.append((0, "Zusätzliche Zeile, zur Laufzeit hinzugefügt."))
    rows.sort(key=lambda row: row[1])
    return render(request, "bench/floor.html", {"rows": rows})
