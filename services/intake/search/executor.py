"""FHIR search, last step: the planner's statements run in the caller's database session.

The interactions layer calls this (`SearchExecutor`), inside the transaction or read session it
opened; storage knows nothing of searches, only of the tables it writes.
"""

import json
from collections.abc import Sequence
from dataclasses import replace
from typing import Any

from sqlalchemy import false, select, text, tuple_
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col

from services.intake.fhir.elements import ABSOLUTE_REFERENCE, RELATIVE_REFERENCE
from services.intake.fhir.registry import SearchParameter, combos, search_parameters
from services.intake.search.parsing import SearchRequest
from services.intake.search.planner import (
    bounded_count_statement,
    count_statement,
    counted_key,
    criterion_rows_statement,
    driver_candidates,
    ids_statement,
    narrowable_code,
    page_statement,
    systems_statement,
)
from services.intake.storage import names as search_names
from services.intake.storage.counts import FOLD_AT, CountKey, sum_statement
from services.intake.storage.indexing import param_filter
from services.intake.storage.models import ReferenceIndex, ResourceRow, SearchName

# Planner settings for the searches' transaction (set_config(..., true): SET LOCAL, in one round trip).
# - plan_cache_mode: asyncpg prepares every statement; after five runs PostgreSQL may switch to a
#   generic plan that cannot see which patient or code is searched for, and reads whole indexes.
#   Writes keep the default: re-planning every row of a bulk insert costs ingest speed.
# - random_page_cost: the search indexes are read at random and are in memory or on SSD; at the
#   default 4, 2,000 index look-ups seemed dearer than hashing the whole resources table (about
#   30 ms for value-quantity=gt14.7 on 100,000 Observations).
# - max_parallel_workers_per_gather: a search reads a few thousand index entries at most; starting
#   a parallel worker for it took 9 of a query's 12 ms (code with a two-year date window).
_SEARCH_SETTINGS = text(
    "SELECT set_config('plan_cache_mode', 'force_custom_plan', true), set_config('random_page_cost', '1.1', true), "
    "set_config('max_parallel_workers_per_gather', '0', true)"
)
# Counting a population (code=X&_summary=count: 166,000 matches at 1,000,000 Observations) removes
# repeated ids in a hash of about 20 MB; at the default 4 MB it spilled to disk in five batches and
# took 1.6 times as long. For counts only: with more memory for every search, PostgreSQL hashed a
# whole code's index rows to join a narrow date window (170 ms) instead of probing (25 ms).
_COUNT_SETTINGS = text("SELECT set_config('work_mem', '32MB', true)")


# The most resources one page's _revinclude adds: a patient may have a million Observations. Beyond
# it the searchset says so (an OperationOutcome entry), as HAPI caps its includes per page.
REVINCLUDE_LIMIT = 1000


class SearchExecutor:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session
        self.fold_wanted: list[CountKey] = []  # keys of kept counts found in many rows (storage/counts.py)

    async def search(self, request: SearchRequest) -> tuple[list[dict], int | None]:
        await search_names.resolve(self.session, request_names(request))
        dialect = self.session.get_bind().dialect.name
        if dialect == "postgresql":
            await self.session.execute(_SEARCH_SETTINGS)
        await self._choose_driver(request)
        total, broad, among = None, False, None
        if request.summary_count or request.total == "accurate":
            total = await self._count(request, dialect)
            broad = total > request.total_limit
        elif request.total == "default":
            # Counting a broad search costs as much as reading every match: an exact total is
            # given up to a limit, beyond it on request (_total=accurate). docs/decisions.md
            # The ids read to count a narrow search also give its page.
            limit = request.total_limit
            rows = (await self.session.execute(ids_statement(request, limit, dialect))).scalars().all()
            ids: Sequence[Any] = list(dict.fromkeys(rows))  # a resource with several matching index rows, once
            if len(rows) > limit >= len(ids):  # repeats hid whether there are more: ask again
                distinct = ids_statement(request, limit, dialect, distinct=True)
                ids = (await self.session.execute(distinct)).scalars().all()
            total = len(ids) if len(ids) <= limit else None
            broad, among = total is None, None if total is None else list(ids)
        if request.summary_count or request.count == 0 or total == 0:
            return [], total
        # PostgreSQL pages unsorted matches in id order: a broad page costs a third to a quarter of
        # the walk in storage order at 1,000,000 Observations (docs/decisions.md, Intake 51).
        by_id = dialect == "postgresql" and not request.sort
        rows = (await self.session.execute(page_statement(request, broad, among, by_id))).all()
        return [content for _, content in rows], total

    async def _count(self, request: SearchRequest, dialect: str) -> int:
        """The number of matches: from the kept counts of a code where they answer (a sum of a few
        rows, docs/decisions.md Intake 38), else counted from the index."""
        key = counted_key(request)
        if key is not None:
            total, rows = (await self.session.execute(sum_statement(key))).one()
            if rows > FOLD_AT:
                self.fold_wanted.append(key)
            return int(total)
        if dialect == "postgresql":
            await self.session.execute(_COUNT_SETTINGS)
            await self._narrow_to_one_system(request)
        return (await self.session.execute(count_statement(request))).scalar_one()

    async def _narrow_to_one_system(self, request: SearchRequest) -> None:
        """code=X reads as system|X when every index row of X has that one system (as a LOINC
        code does): the same matches, counted without hashing (planner.systems_statement)."""
        for i, criterion in enumerate(request.criteria):
            code = narrowable_code(criterion)
            if code is None:
                continue
            low, high, unsystematic = (await self.session.execute(systems_statement(request, criterion, code))).one()
            if low != high or (unsystematic and low is not None) or not (low or unsystematic):
                continue  # several systems, some rows with and some without one, or no row at all
            narrowed = replace(criterion, values=(f"{low or ''}|{code}",))
            if request.driver is criterion:
                request.driver = narrowed
            request.criteria[i] = narrowed

    async def _choose_driver(self, request: SearchRequest) -> None:
        """Start the query from the criterion with the fewest index rows, counted up to a few
        thousand (index entries only, a millisecond or two): a fixed order by parameter type is
        a hundred times off when a date window is narrow or empty."""
        candidates = driver_candidates(request)
        if not candidates:
            return
        limit = 5 * request.total_limit
        counts = [(await self.session.execute(bounded_count_statement(request, c, limit))).scalar_one()
                  for c in candidates]
        tied = [c for c, n in zip(candidates, counts, strict=True) if n == min(counts)]
        if len(tied) > 1 and min(counts) == limit and self.session.get_bind().dialect.name == "postgresql":
            # All of them at the limit: which holds fewer rows, PostgreSQL's statistics know. At
            # 1,000,000 Observations a code (166,000 rows) and a two-month window (17,000) both
            # counted 5,000, and starting from the code probed ten times as many rows (500 ms).
            estimates = [await self._estimated_rows(criterion_rows_statement(request, c)) for c in tied]
            request.driver = tied[estimates.index(min(estimates))]
        else:
            request.driver = tied[0]

    async def _estimated_rows(self, statement) -> float:
        """PostgreSQL's estimate of the rows a statement returns (EXPLAIN: planned, not run)."""
        connection = await self.session.connection()
        compiled = statement.compile(dialect=connection.dialect, compile_kwargs={"render_postcompile": True})
        assert compiled.positiontup is not None  # asyncpg takes positional parameters
        parameters = tuple(compiled.params[name] for name in compiled.positiontup)
        result = await connection.exec_driver_sql(f"EXPLAIN (FORMAT JSON) {compiled}", parameters)
        plan = result.scalar_one()
        return float((json.loads(plan) if isinstance(plan, str) else plan)[0]["Plan"]["Plan Rows"])

    async def find_ids(self, request: SearchRequest, limit: int) -> list[str]:
        request.count, request.offset, request.total = limit, 0, "none"
        await search_names.resolve(self.session, request_names(request))
        rows = (await self.session.execute(page_statement(request))).all()
        return [res_id for res_id, _ in rows]

    async def includes(self, request: SearchRequest, matches: list[dict]) -> tuple[list[dict], bool]:
        """What the request's _include and _revinclude parameters add to its matches, each resource
        once and none that is a match; and whether _revinclude found more than REVINCLUDE_LIMIT."""
        if not request.includes and not request.revincludes:
            return [], False
        await search_names.resolve(self.session, request_names(request))
        included: list[dict] = []
        seen: set[tuple[str, str]] = {(m["resourceType"], m["id"]) for m in matches}
        ids = [m["id"] for m in matches]
        found: list[dict] = []
        for include in request.includes:
            param = search_parameters()[request.resource_type][include.param]
            found += await self.included(request.resource_type, ids, param, include.target_type)
        truncated = False
        for include in request.revincludes:
            assert include.source_type is not None  # parsing sets it for every _revinclude
            param = search_parameters()[include.source_type][include.param]
            referring = await self.revincluded(request.resource_type, ids, include.source_type, param,
                                               REVINCLUDE_LIMIT + 1)
            truncated = truncated or len(referring) > REVINCLUDE_LIMIT
            found += referring[:REVINCLUDE_LIMIT]
        for resource in found:
            key = (resource["resourceType"], resource["id"])
            if key not in seen:
                seen.add(key)
                included.append(resource)
        return included, truncated

    async def revincluded(self, resource_type: str, ids: list[str], source_type: str, param: SearchParameter,
                          limit: int) -> list[dict]:
        """Up to `limit` resources of `source_type` whose `param` points at one of the given
        resources (for _revinclude), read from the reference index by target."""
        if not ids:
            return []
        ref = ReferenceIndex
        sources = select(col(ref.res_id)).where(  # all of source_type
            col(ref.target_type) == search_names.number(resource_type), col(ref.target_id).in_(ids),
            col(ref.res_type) == search_names.number(source_type), param_filter(ref, param),
        )
        result = await self.session.execute(
            select(col(ResourceRow.content)).where(
                col(ResourceRow.res_type) == source_type, col(ResourceRow.res_id).in_(sources),
                col(ResourceRow.deleted) == false()
            ).order_by(col(ResourceRow.pk)).limit(limit)
        )
        return list(result.scalars().all())

    async def included(self, resource_type: str, ids: list[str], param: SearchParameter,
                       target_type: str | None) -> list[dict]:
        """The resources that `param` of the given resources points at (for _include)."""
        if not ids:
            return []
        ref, name = ReferenceIndex, SearchName
        # The target's type by name (resources keep it as text), through the names table.
        targets = select(col(name.name), col(ref.target_id)).join(name, col(name.id) == col(ref.target_type)).where(
            col(ref.res_type) == search_names.number(resource_type), param_filter(ref, param), col(ref.res_id).in_(ids),
            *( [col(ref.target_type) == search_names.number(target_type)] if target_type else [] ),
        )
        result = await self.session.execute(
            select(col(ResourceRow.content)).where(
                tuple_(col(ResourceRow.res_type), col(ResourceRow.res_id)).in_(targets), col(ResourceRow.deleted) == false()
            ).order_by(col(ResourceRow.pk))
        )
        return list(result.scalars().all())


def request_names(request: SearchRequest) -> set[str]:
    """Every name a search's statements may compare (storage/names.py resolves them before planning):
    its type, its parameters (a reference's paths and targets), the types its reference values
    name, the pairs the type combines, its sorts, and what it includes."""
    t = request.resource_type
    wanted = {t, *(name for pair in combos().get(t, ()) for name in pair)}
    for criterion in request.criteria:
        wanted |= search_names.parameter_names(t, criterion.param.name)
        if criterion.param.type == "reference":
            if criterion.modifier:
                wanted.add(criterion.modifier)
            for group in criterion.groups:
                for value in group:
                    match = RELATIVE_REFERENCE.match(value) or ABSOLUTE_REFERENCE.match(value)
                    if match:
                        wanted.add(match["type"])
    for name, _ in request.sort:
        wanted |= search_names.parameter_names(t, name)
    for include in request.includes:
        wanted |= search_names.parameter_names(t, include.param)
        if include.target_type:
            wanted.add(include.target_type)
    for include in request.revincludes:
        if include.source_type:
            wanted |= {include.source_type, *search_names.parameter_names(include.source_type, include.param)}
    return wanted
