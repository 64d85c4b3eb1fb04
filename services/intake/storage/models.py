"""Storage tables: resources stored whole with every version, plus search index tables.

The layering follows HAPI FHIR: `resources` holds the current version of each
resource (the row searches return), `resource_versions` every version ever
written (read by vread and _history), and one `search_*` table per search
parameter type, rewritten in the same transaction as the resource. A content is
stored once: the current version's with the resource (its version row holds
none), a superseded version's in its version row.
"""

from typing import Any

from sqlalchemy import JSON, BigInteger, Boolean, Column, Index, Integer, SmallInteger, String, UniqueConstraint, false
from sqlmodel import Field, SQLModel

# SQLite only auto-increments an INTEGER PRIMARY KEY.
SurrogateKey = BigInteger().with_variant(Integer(), "sqlite")
# The largest SQL BIGINT (SQLite INTEGER, PostgreSQL bigint): offsets and version ids beyond it match nothing,
# and a database driver refuses them.
MAX_SQL_INTEGER = 2**63 - 1
# A stored resource: JSON text on both backends (PostgreSQL's json, not jsonb: migration 0008). No
# statement reads inside it, and jsonb's parse was a part of every write's server CPU that no search used.
ResourceDocument = JSON()


class ResourceRow(SQLModel, table=True):
    __tablename__ = "resources"
    __table_args__ = (
        UniqueConstraint("res_type", "res_id", name="uq_resources_type_id"),
        Index("ix_resources_type_updated", "res_type", "last_updated_ms"),
    )
    pk: int | None = Field(default=None, sa_column=Column(SurrogateKey, primary_key=True, autoincrement=True))
    res_type: str = Field(max_length=64)
    res_id: str = Field(max_length=64)
    version_id: int
    last_updated_ms: int = Field(sa_column=Column(BigInteger, nullable=False))
    deleted: bool = False
    content: dict[str, Any] | None = Field(default=None, sa_column=Column(ResourceDocument))


class ResourceVersion(SQLModel, table=True):
    __tablename__ = "resource_versions"
    __table_args__ = (Index("ix_versions_updated", "last_updated_ms"),)
    res_type: str = Field(max_length=64, primary_key=True)
    res_id: str = Field(max_length=64, primary_key=True)
    version_id: int = Field(primary_key=True)
    last_updated_ms: int = Field(sa_column=Column(BigInteger, nullable=False))
    method: str = Field(max_length=8)  # POST | PUT | DELETE, as history Bundles report it
    deleted: bool = False
    content: dict[str, Any] | None = Field(default=None, sa_column=Column(ResourceDocument))


# A name in the search index (a resource type, a parameter, a reference's element path or target
# type) as a small integer: the index tables hold these numbers instead of the text (migration 0009;
# docs/decisions.md, Intake 55 and 57), a third of their index entries and a sixth of the writes'
# PostgreSQL CPU. The names are not a closed list (a reference row's parameter is the element path it
# was found at), so they are numbered as they come (storage/names.py) and never deleted.
NameKey = SmallInteger().with_variant(Integer(), "sqlite")  # SQLite numbers only an INTEGER PRIMARY KEY


class SearchName(SQLModel, table=True):
    __tablename__ = "search_names"
    id: int | None = Field(default=None, sa_column=Column(NameKey, primary_key=True, autoincrement=True))
    name: str = Field(sa_column=Column(String(128), nullable=False, unique=True))


# Lookup indexes end with res_id, the token owner index with the code and the date owner index
# with the bounds and point flag, so that searches read index entries only: a criterion probed
# per resource, or an index scanned to count, then costs a fraction of the table visits it would
# need otherwise.
# Index rows have no surrogate key (migration 0006): nothing refers to one row, and on PostgreSQL
# the key's sequence and primary-key index were about a tenth of the writes' server CPU. The
# mapper's primary key (`__mapper_args__`) is the ORM's only; no constraint in the database holds it.
class _IndexRow(SQLModel):
    res_type: int = Field(sa_type=SmallInteger)  # SearchName.id of the type
    res_id: str = Field(max_length=64)
    param: int = Field(sa_type=SmallInteger)  # of the parameter (a reference's: its path)


class TokenIndex(_IndexRow, table=True):
    __tablename__ = "search_token"
    __table_args__ = (
        # Unique: a resource's row of a code is there once (indexing.add_rows), so that counting
        # a system|code reads its entries without removing repeated ids (migration 0005).
        Index("ix_token_lookup", "res_type", "param", "code", "system", "res_id", unique=True),
        Index("ix_token_owner", "res_type", "res_id", "param", "code", "system"),
    )
    __mapper_args__ = {"primary_key": ["res_type", "res_id", "param", "code", "system"]}
    system: str | None = Field(default=None, max_length=512)
    code: str = Field(max_length=512)


class StringIndex(_IndexRow, table=True):
    __tablename__ = "search_string"
    __table_args__ = (
        Index("ix_string_lookup", "res_type", "param", "value"),
        Index("ix_string_owner", "res_type", "res_id", "param"),
    )
    __mapper_args__ = {"primary_key": ["res_type", "res_id", "param", "value", "exact"]}
    value: str = Field(max_length=512)  # normalized: case and accents folded
    exact: str = Field(max_length=512)  # as written, for the :exact modifier


# A date is an interval [low, high). One index on low serves every date search: a point (an
# interval of at most a day, as almost all dates are) meeting `high >= L` also has
# `low >= L - POINT_MS`, so both bounds of a window become a range on low; the few longer
# intervals (periods, months, years) are told apart by `point` and filtered on their own.
POINT_MS = 86_400_000


class DateIndex(_IndexRow, table=True):
    __tablename__ = "search_date"
    __table_args__ = (
        Index("ix_date_window", "res_type", "param", "point", "low_ms", "high_ms", "res_id"),
        Index("ix_date_owner", "res_type", "res_id", "param", "low_ms", "high_ms", "point"),
    )
    __mapper_args__ = {"primary_key": ["res_type", "res_id", "param", "low_ms", "high_ms"]}
    low_ms: int = Field(sa_column=Column(BigInteger, nullable=False))
    high_ms: int = Field(sa_column=Column(BigInteger, nullable=False))
    point: bool = Field(sa_column=Column(Boolean, nullable=False, server_default=false()))  # high_ms - low_ms <= POINT_MS


class ReferenceIndex(_IndexRow, table=True):
    __tablename__ = "search_reference"
    __table_args__ = (
        Index("ix_reference_lookup", "res_type", "param", "target_id", "target_type"),
        Index("ix_reference_target", "target_type", "target_id"),
        Index("ix_reference_owner", "res_type", "res_id", "param"),
    )
    __mapper_args__ = {"primary_key": ["res_type", "res_id", "param", "target_type", "target_id"]}
    target_type: int = Field(sa_type=SmallInteger)  # SearchName.id of the type
    target_id: str = Field(max_length=64)


class QuantityIndex(_IndexRow, table=True):
    __tablename__ = "search_quantity"
    __table_args__ = (
        Index("ix_quantity_lookup", "res_type", "param", "value", "res_id"),
        Index("ix_quantity_owner", "res_type", "res_id", "param"),
    )
    __mapper_args__ = {"primary_key": ["res_type", "res_id", "param", "value", "system", "code"]}
    value: float
    system: str | None = Field(default=None, max_length=512)
    code: str | None = Field(default=None, max_length=128)


# A code and a date of one resource in one row, for the pairs of parameters that
# `definitions/search_parameters.json` combines ("combos": a token parameter and a single-valued
# date parameter, as HAPI FHIR's combo search parameters): every (system, code) of the token
# parameter with the date's interval. `code=X&date=geY&date=ltZ` then reads one range of the
# lookup index (X's points in the window) instead of probing the code for each point of the
# window (docs/decisions.md, Intake 36). A resource without the date has no row.
class ComboIndex(_IndexRow, table=True):
    __tablename__ = "search_combo"
    __table_args__ = (
        Index("ix_combo_lookup", "res_type", "param", "date_param", "code", "point", "low_ms", "high_ms", "system",
              "res_id"),
        Index("ix_combo_owner", "res_type", "res_id"),  # a resource's rows, replaced on update and delete
    )
    __mapper_args__ = {"primary_key": ["res_type", "res_id", "param", "date_param", "code", "system", "low_ms"]}
    date_param: int = Field(sa_type=SmallInteger)  # `param` is the token parameter
    system: str | None = Field(default=None, max_length=512)
    code: str = Field(max_length=512)
    low_ms: int = Field(sa_column=Column(BigInteger, nullable=False))
    high_ms: int = Field(sa_column=Column(BigInteger, nullable=False))
    point: bool = Field(sa_column=Column(Boolean, nullable=False))


INDEX_TABLES: dict[str, type[_IndexRow]] = {
    "token": TokenIndex, "string": StringIndex, "date": DateIndex,
    "reference": ReferenceIndex, "quantity": QuantityIndex,
}
# Every table of index rows: what a resource's update or delete replaces.
ALL_INDEX_TABLES: tuple[type[_IndexRow], ...] = (*INDEX_TABLES.values(), ComboIndex)


# How many resources of a type have a code in a token parameter (those `definitions/
# search_parameters.json` lists under "counted"), kept as append-only deltas written in the same
# transaction as the index rows and summed when read (storage/counts.py; docs/decisions.md, Intake
# 38): `code=X&_summary=count` sums a few rows instead of reading the code's every index entry. A
# key is a (system, code), or a code in any system (`any_system`, `system` NULL): a resource with
# the code under two systems counts once there. No row is ever updated, so concurrent writers of
# one code never wait on each other; folding (deleting a key's rows, inserting their sum) is the
# only delete. No primary key: rows of one key repeat until folded.
class TokenCount(SQLModel, table=True):
    __tablename__ = "search_token_count"
    __table_args__ = (Index("ix_token_count_key", "res_type", "param", "code", "any_system", "system", "delta"),)
    __mapper_args__ = {"primary_key": ["res_type", "param", "code", "any_system", "system", "delta"]}
    res_type: str = Field(max_length=64)
    param: str = Field(max_length=64)
    system: str | None = Field(default=None, max_length=512)
    code: str = Field(max_length=512)
    any_system: bool = Field(sa_column=Column(Boolean, nullable=False))
    delta: int = Field(sa_column=Column(BigInteger, nullable=False))
