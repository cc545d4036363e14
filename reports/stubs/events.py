"""``events/<name>.yaml``: AsyncAPI 2.6 documents for the data a context publishes.

A context publishes a topic for every table it owns that other contexts read; the event
names come from the context map's relations (``OwnerCreated``...), or ``<Entity>Changed``
when none is named. Payloads are JSON Schemas of the table's columns. In AsyncAPI 2.x a
``subscribe`` operation is what the application *sends* (others subscribe to it).
"""

from __future__ import annotations

import yaml

from decomposer.model import Analysis, Context
from reports.stubs import types
from reports.stubs.naming import ServiceNames, comment_text, pascal, singular, snake


def render_events(analysis: Analysis, context: Context, names: ServiceNames) -> str | None:
    """The AsyncAPI YAML of ``context``, or None when it publishes nothing."""
    channels, messages = {}, {}
    for table_name, events, readers in _published(analysis, context):
        table = analysis.facts.schema.table(table_name)
        payload = _payload(table)
        for event in events:
            message = pascal(event, fallback="Event")
            channel = f"{names.slug}.{snake(table_name)}.{snake(_verb(event, table_name))}"
            messages[message] = {
                "name": message, "title": message, "contentType": "application/json",
                "summary": comment_text(f"{event} on table {table_name}; read by "
                                        + ", ".join(readers)),
                "payload": payload}
            channels[channel] = {
                "description": comment_text(f"{table_name} changes, for the read models of "
                                            + ", ".join(readers)),
                "subscribe": {"operationId": f"publish{message}",
                              "message": {"$ref": f"#/components/messages/{message}"}}}
    if not channels:
        return None
    document = {
        "asyncapi": "2.6.0",
        "info": {"title": f"{names.slug} events", "version": "1.0.0",
                 "description": comment_text(f"Events the {context.name} context publishes so "
                                             "other contexts keep read models of its data.",
                                             limit=300)},
        "defaultContentType": "application/json",
        "channels": dict(sorted(channels.items())),
        "components": {"messages": dict(sorted(messages.items()))},
    }
    return yaml.dump(document, Dumper=_PlainDumper, sort_keys=False, allow_unicode=False,
                     width=100)


class _PlainDumper(yaml.SafeDumper):
    """No ``&id001`` anchors: messages of one table share a payload object."""

    def ignore_aliases(self, data: object) -> bool:
        return True


def _published(analysis: Analysis, context: Context) -> list[tuple[str, list[str], list[str]]]:
    """(table, event names, reader contexts) for every owned table others read."""
    out = []
    for table in sorted(context.tables):
        readers = sorted(c.name for c in analysis.decomposition.contexts
                         if c.name != context.name and table in c.shared_tables)
        if not readers:
            continue
        entity = pascal(singular(table))
        named = sorted({e for r in analysis.decomposition.relations
                        if r.target == context.name and r.source in readers
                        for e in r.events if pascal(e).startswith(entity)})
        out.append((table, named or [f"{entity}Changed"], readers))
    return out


def _verb(event: str, table: str) -> str:
    rest = pascal(event)[len(pascal(singular(table))):]
    return rest or "changed"


def _payload(table) -> dict:
    if table is None:
        return {"type": "object", "properties": {"id": {"type": "integer"}}}
    properties, required = {}, []
    for c in table.columns:
        name = snake(c.name)
        if name in properties:
            continue
        schema = types.from_sql(c.type).json_schema()
        properties[name] = schema
        if not c.nullable or c.primary_key or c.name in table.primary_key:
            required.append(name)
    out = {"type": "object", "properties": properties}
    return {**out, "required": required} if required else out
