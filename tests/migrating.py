"""Taking the test database back and forth through the migrations, and reading it as stored.

The tests of migrations that move models between apps (tests/core, tests/stands, tests/b2b)
write the demo data with today's code, migrate back to the schema before the move, check the
data there, migrate forward again and compare: `migrate()` runs the migrations to given
targets, `rows()` reads a model's table as stored, `snapshot()` every table of the database,
and `moved()` says what a snapshot reads like once models changed app, so that a move can be
shown to keep every row of every table; `queue()` leaves a task waiting, as code of the old
schema would have. The fixture
`migrator` (tests/conftest.py) is `migrate()`, and leaves the schema at the latest migrations.
"""

from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

# What a migration writes by itself: which migrations ran.
NOT_DATA = {"django_migrations"}


def migrate(targets):
    """Migrate to `targets` ((app, migration) or (app, None) for none of the app's migrations)
    and return the models of that state."""
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    # (app, None) is "none of the app's migrations": no node of the state.
    return executor.loader.project_state([node for node in targets if node[1]]).apps


def leaf_nodes():
    return MigrationExecutor(connection).loader.graph.leaf_nodes()


def tables() -> set[str]:
    with connection.cursor() as cursor:
        return set(connection.introspection.table_names(cursor))


def _read(table: str, order_by: str | None = None) -> tuple[list[str], list[tuple]]:
    quoted = connection.ops.quote_name(table)
    order = f" ORDER BY {connection.ops.quote_name(order_by)}" if order_by else ""
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT * FROM {quoted}{order}")  # noqa: S608 - our own table names
        columns = [column.name for column in cursor.description]
        return columns, cursor.fetchall()


def rows(model_apps, app_label, model_name) -> list[dict]:
    """The rows of a model's table as stored (no modeltranslation between), by primary key."""
    model = model_apps.get_model(app_label, model_name)
    columns, found = _read(model._meta.db_table, model._meta.pk.column)
    return [dict(zip(columns, row, strict=True)) for row in found]


def snapshot() -> dict[str, list[tuple]]:
    """Every row of every table but the migrations' own record, as (column, value) pairs,
    sorted, by table name."""
    data = {}
    for table in sorted(tables() - NOT_DATA):
        columns, found = _read(table)
        data[table] = sorted((tuple(zip(columns, row, strict=True)) for row in found), key=repr)
    return data


def shared(left: dict, right: dict) -> tuple[dict, dict]:
    """Both snapshots cut to the tables and columns they both have: what migrations made
    after a move add (a new app's tables, a new column such as events' `fee_includes`) is not
    the move's to keep, and comes back empty or with its default when migrating forward."""
    cut_left, cut_right = {}, {}
    for table in left.keys() & right.keys():
        rows_left, rows_right = left[table], right[table]
        if rows_left and rows_right:
            names = {name for name, _value in rows_left[0]} & {name for name, _v in rows_right[0]}
            rows_left = sorted(
                (tuple(p for p in row if p[0] in names) for row in rows_left), key=repr
            )
            rows_right = sorted(
                (tuple(p for p in row if p[0] in names) for row in rows_right), key=repr
            )
        cut_left[table], cut_right[table] = rows_left, rows_right
    return cut_left, cut_right


def moved(data: dict, tables: dict[str, str], models: set[str], old: str, new: str) -> dict:
    """A snapshot as it reads once `models` (model names) moved from the app `old` to `new`:
    their tables renamed (`tables`: name before -> name after), their content types relabelled.
    """
    result = {tables.get(table, table): table_rows for table, table_rows in data.items()}

    def relabelled(row):
        values = dict(row)
        if values["app_label"] == old and values["model"] in models:
            values["app_label"] = new
        return tuple(values.items())

    result["django_content_type"] = sorted(map(relabelled, data["django_content_type"]), key=repr)
    return result


def queue(task_path: str, **kwargs) -> DBTaskResult:
    """A task waiting in the database queue for its worker, as the code of its time queued it."""
    return DBTaskResult.objects.create(
        task_path=task_path,
        args_kwargs={"args": [], "kwargs": kwargs},
        queue_name="default",
        backend_name="default",
        run_after=timezone.now(),
        status="READY",
        exception_class_path="",
        traceback="",
    )
