"""The output model: the one definition of what pressfacts writes.

Every command, the Python API and the spaCy component produce these objects;
`pressfacts schema` prints their JSON Schema. The keys the scorer reads are
fixed by docs/facts.md; the rest (ids, source, study, cohorts) are ours.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field

SCHEMA_VERSION = "1.0"

Population = Literal["enrolled", "treated", "evaluable", "other"]
Grade = Literal["1", "2", "3", "4", "5", "1-2", ">=2", ">=3", "any"]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Evidence(_Strict):
    """Where a fact was read: `text[start:end]` of the analysed text."""

    start: int = Field(ge=0)
    end: int = Field(ge=0)
    text: str


class _FactBase(_Strict):
    type: str  # each fact type narrows it to its own literal; declared here so it comes first
    id: str = Field(description="Stable within the article: the same on every run.")
    cohort: str | None = Field(
        description="The disease, arm or cohort, as named in the article; null = whole study."
    )
    subgroup: str | None = None
    timepoint: str | None = None
    evidence: Evidence


class CohortSize(_FactBase):
    type: Literal["cohort_size"] = "cohort_size"
    value: int
    population: Population


class ResponseRate(_FactBase):
    type: Literal["response_rate"] = "response_rate"
    measure: str
    value: float | None = Field(description="Percent (91 for 91%); null when only counts are given.")
    count: int | None = None
    denominator: int | None = None


class SafetyEvent(_FactBase):
    type: Literal["safety_event"] = "safety_event"
    event: Literal["CRS", "ICANS"]
    grade: Grade
    count: int | None = None
    percent: float | None = None
    negated: bool = False
    scope: Literal["all"] | None = None


class EndpointChange(_FactBase):
    type: Literal["endpoint_change"] = "endpoint_change"
    measure: str
    value: float
    unit: Literal["percent", "points"]


Fact = Annotated[CohortSize | ResponseRate | SafetyEvent | EndpointChange, Field(discriminator="type")]
FACT_TYPES: tuple[str, ...] = ("cohort_size", "response_rate", "safety_event", "endpoint_change")


class Quote(_Strict):
    id: str
    text: str = Field(description="The quoted words without quote marks; split quotes joined.")
    speaker: str
    title: str | None = None
    organization: str | None = None
    evidence: Evidence


class Cohort(_Strict):
    name: str
    aliases: list[str] = Field(default_factory=list)


class Study(_Strict):
    trial: str | None = None
    phase: str | None = None
    drugs: list[str] = Field(default_factory=list)
    sponsor: str | None = None
    meeting: str | None = None


class Source(_Strict):
    path: str = Field(description='The input path, or "-" for standard input.')
    sha256: str | None = None
    characters: int = 0
    format: Literal["text", "html"] = "text"


class Tool(_Strict):
    name: Literal["pressfacts"] = "pressfacts"
    version: str


class Result(_Strict):
    schema_version: str = SCHEMA_VERSION
    tool: Tool
    source: Source
    study: Study = Field(default_factory=Study)
    cohorts: list[Cohort] = Field(default_factory=list)
    facts: list[Fact] = Field(default_factory=list)
    quotes: list[Quote] = Field(default_factory=list)

    def to_json(self) -> str:
        """Deterministic JSON: same input, byte-identical output."""
        return self.model_dump_json(indent=2) + "\n"
