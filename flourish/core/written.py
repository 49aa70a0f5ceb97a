"""Reads whose SQL Django writes once per process thread, then runs with each request's values.

A private page's reads are small and quick for the database, but Django builds each
one afresh on every request: a budget holder's home reads the budget with its council,
person and account and who may open it, what is booked, what was turned down and what
is coming, and building those four statements cost the page more than the floor it is
measured against. Here a read is written once for each *shape* (its name and the kinds
of values it takes) and run again with other values, giving the same model instances
(with what it selects related and annotates) as iterating the queryset would.

Which of the statement's values are the ones given is found by writing it a second time
with stand-ins of the same kinds: a value that differs between the two writings is the
one given, and every other value is part of the statement. The statement written with
the real values must then be the same text, with the same values, as the one the
stand-ins say it should be; a read that works anything out from its values (a date two
weeks ago, a choice between two filters) fails that check when it is first written, and
must be given what it works out as values of its own.
"""

import datetime
from collections.abc import Callable, Sequence
from typing import Any, TypeVar, cast

from django.db import connections, router
from django.db.models import Model, QuerySet
from django.db.models.query import (  # type: ignore[attr-defined]
    ModelIterable,
    ValuesIterable,
    get_related_populators,
)

from flourish.core.prepared import prepared_cursor, statements_written

R = TypeVar("R")


def read_written_once(
    rows: Callable[..., QuerySet[Any, R]],
    values: Sequence[Any],
    *,
    name: str,
    model: type[Model],
    prepare: bool = False,
) -> list[R]:
    """What `rows(*values)`, a queryset of `model`, gives (model instances, or the dicts
    of `values()`), its SQL written once in each thread for values of these kinds.
    `values` may be whole numbers, text and dates, each matched as it is: a whole number
    no column can hold finds nothing.

    With `prepare`, PostgreSQL plans it once per connection too (`core/prepared.py`): only
    for a read one plan suits whatever the values (an index on what it is given
    answers it), as a prepared statement keeps the plan made for any values."""
    if any(_beyond_a_column(value) for value in values):
        # No row has it (an id of 10^20 typed into an address), and neither database
        # would be given it: SQLite refuses the number, and Django refuses to write a
        # statement that compares a column with it.
        return []
    using = router.db_for_read(model)  # the replica, unless this request wrote
    connection = connections[using]
    bound = [_bound(value, connection) for value in values]
    key = ("written", name, using, *(type(value) for value in values))
    written = statements_written()
    if key not in written:
        written[key] = _write(rows, values, bound, name=name, using=using)
    compiler, sql, template, as_instances = written[key]
    params = [bound[part] if isinstance(part, _Given) else part for part in template]
    with prepared_cursor(using) if prepare else connection.cursor() as cursor:
        cursor.execute(sql, params)
        fetched = cursor.fetchall()
    if as_instances:
        return _instances(compiler, fetched, using)
    names = _value_names(compiler.query)
    rows_given = compiler.results_iter(results=[fetched])
    return [cast(R, dict(zip(names, row, strict=True))) for row in rows_given]


# The widest whole number a column holds (a 64-bit integer), on every database Flourish runs on.
WIDEST = 2**63


def _beyond_a_column(value: Any) -> bool:
    return isinstance(value, int) and not -WIDEST <= value < WIDEST


def _value_names(query: Any) -> list[str]:
    """The keys of a `values()` row, as Django's `ValuesIterable` names them."""
    if query.selected:
        return list(query.selected)
    return [*query.extra_select, *query.values_select, *query.annotation_select]


class _Given(int):
    """In a written statement's values: the position of a value given to each run."""


def _write(
    rows: Callable[..., QuerySet[Any]],
    values: Sequence[Any],
    bound: list[Any],
    *,
    name: str,
    using: str,
) -> tuple[Any, str, list[Any], bool]:
    asked = rows(*values)
    made = asked._iterable_class  # type: ignore[attr-defined]
    if made not in (ModelIterable, ValuesIterable):
        raise ValueError(f"{name}: read model instances or values(), not values_list()")
    connection = connections[using]
    stand_ins = [_stand_in(number, value) for number, value in enumerate(values)]
    marked = [str(_bound(stand_in, connection)) for stand_in in stand_ins]
    stand_in_sql, stand_in_params = _sql(rows(*stand_ins), using)[1:]
    template = [
        _Given(marked.index(str(param))) if str(param) in marked else param
        for param in stand_in_params
    ]
    compiler, sql, params = _sql(asked, using)
    expected = [bound[part] if isinstance(part, _Given) else part for part in template]
    if sql != stand_in_sql or [str(p) for p in params] != [str(p) for p in expected]:
        raise ValueError(
            f"{name}: the statement must take the values it is given as they are, and "
            "read nothing else that changes: give what it works out as values too"
        )
    if asked._known_related_objects:  # type: ignore[attr-defined]
        raise ValueError(f"{name}: read from the model's manager, not a related one")
    return compiler, sql, template, made is ModelIterable


def _sql(queryset: QuerySet[Any], using: str) -> tuple[Any, str, list[Any]]:
    compiler = queryset.query.get_compiler(using)
    sql, params = compiler.as_sql()
    return compiler, sql, list(params)


def _stand_in(number: int, value: Any) -> Any:
    """A value of the same kind as `value` that no real value given would be."""
    if isinstance(value, bool) or not isinstance(value, int | str | datetime.date):
        raise TypeError(f"Only whole numbers, text and dates can be given, not {value!r}")
    if isinstance(value, datetime.datetime):
        raise TypeError(f"Give a date, not a moment: {value!r}")
    if isinstance(value, int):
        return -7_919_000 - number
    if isinstance(value, str):
        # With the characters a pattern escapes: a lookup that rewrites the text it is
        # given (`iexact` is LIKE on SQLite) then fails the check when first written,
        # rather than being run later with a value that would be read as a pattern.
        return f"\x00written_once%\\{number}"
    return datetime.date(1753, 1, 1) + datetime.timedelta(days=number)


def _bound(value: Any, connection: Any) -> Any:
    """A value as Django binds it: SQLite is given a date as its text."""
    if isinstance(value, datetime.date):
        return connection.ops.adapt_datefield_value(value)
    return value


def _instances(compiler: Any, fetched: list[Any], using: str) -> list[Any]:
    """Model instances from a written statement's rows, as Django's `ModelIterable` makes
    them: the model, what it selects related, and its annotations."""
    select, klass_info = compiler.select, compiler.klass_info
    annotations = compiler.annotation_col_map or {}
    model = klass_info["model"]
    start, end = klass_info["select_fields"][0], klass_info["select_fields"][-1] + 1
    names = [column[0].target.attname for column in select[start:end]]
    related = get_related_populators(klass_info, select, using)
    made = []
    for row in compiler.results_iter(results=[fetched]):
        instance = model.from_db(using, names, row[start:end])
        for populator in related:
            populator.populate(row, instance)
        for attribute, position in annotations.items():
            setattr(instance, attribute, row[position])
        made.append(instance)
    return made
