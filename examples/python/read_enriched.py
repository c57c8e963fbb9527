#!/usr/bin/python3
"""Reads news.articles.enriched and prints each article as one JSON line.

Values are Avro in single-object encoding: C3 01, the 8-byte little-endian CRC-64-AVRO fingerprint
of the writer's schema, then the Avro binary record. This reader needs only the project's .avsc
files and two Debian packages: python3-confluent-kafka and python3-avro.

    /usr/bin/python3 examples/python/read_enriched.py --bootstrap-servers 127.0.0.1:9092

In registry mode (the pipeline run with --schema-registry) values are in the Confluent wire format:
a zero byte, the 4-byte big-endian schema id, then the Avro binary record. Given the registry's
Confluent-compatible URL, the reader fetches each writer schema by its id from the registry:

    /usr/bin/python3 examples/python/read_enriched.py --schema-registry http://127.0.0.1:8081/apis/ccompat/v7

Prints {"key": ..., "title": ..., "focus": [...], "countries": [...]} for each article.
"""
import argparse
import io
import json
import pathlib
import struct
import sys
import urllib.request

import avro.errors
import avro.io
import avro.schema
from confluent_kafka import Consumer, KafkaException

REPO = pathlib.Path(__file__).resolve().parents[2]
SINGLE_OBJECT_MARKER = b"\xc3\x01"
HEADER_BYTES = 10  # the marker and the fingerprint
REGISTRY_MAGIC = 0  # the first byte of the Confluent wire format
REGISTRY_HEADER_BYTES = 5  # the magic byte and the schema id
RECORD = "news.pipeline.schema.EnrichedArticle"

# CRC-64-AVRO, as the Avro specification defines it.
EMPTY = 0xC15D213AA4D7A795
TABLE = []
for i in range(256):
    fp = i
    for _ in range(8):
        fp = (fp >> 1) ^ (EMPTY & -(fp & 1))
    TABLE.append(fp)


def fingerprint(schema):
    """The 8 bytes a single-object record starts with after C3 01: CRC-64-AVRO of the canonical form."""
    fp = EMPTY
    for byte in schema.canonical_form.encode("utf-8"):
        fp = (fp >> 8) ^ TABLE[(fp ^ byte) & 0xFF]
    return struct.pack("<Q", fp)


# The attributes the Parsing Canonical Form keeps (namespace only to resolve full names).
CANONICAL_ATTRIBUTES = {"type", "name", "namespace", "fields", "symbols", "items", "values", "size"}


def canonical_attributes_only(node):
    """The schema without what its canonical form leaves out (doc, default, logicalType,
    avro.java.string...). python3-avro 1.11 keeps some of these in the canonical form, which would
    change the fingerprint; without them its canonical form is the specification's."""
    if isinstance(node, dict):
        return {k: canonical_attributes_only(v) for k, v in node.items() if k in CANONICAL_ATTRIBUTES}
    if isinstance(node, list):
        return [canonical_attributes_only(v) for v in node]
    return node


def parse_folder(folder, transform=lambda doc: doc):
    """Every schema in a folder of .avsc files that may refer to each other's named types."""
    docs = {path: transform(json.loads(path.read_text("utf-8")))
            for path in sorted(pathlib.Path(folder).glob("*.avsc"))}
    parsed, pending = [], dict(docs)
    while pending:
        progress = False
        for path, doc in list(pending.items()):
            schema = None
            # Alone (a released version is self-contained), else after the files parsed so far.
            for earlier in ([], parsed):
                names = avro.schema.Names()
                try:
                    for path_before in earlier:
                        avro.schema.make_avsc_object(docs[path_before], names)
                    schema = avro.schema.make_avsc_object(doc, names)
                    break
                except avro.errors.SchemaParseException:
                    pass  # refers to a type of a file not parsed yet
            if schema is None:
                continue
            parsed.append(path)
            del pending[path]
            progress = True
            yield path, schema
        if not progress:
            raise SystemExit("cannot parse %s" % ", ".join(str(p) for p in pending))


def enriched_schemas(folder):
    """The EnrichedArticle schemas of a folder, by fingerprint."""
    fingerprints = {path: fingerprint(schema)
                    for path, schema in parse_folder(folder, canonical_attributes_only)}
    return {fingerprints[path]: schema
            for path, schema in parse_folder(folder) if schema.fullname == RECORD}


class RegistrySchemas:
    """Writer schemas fetched by id from a Confluent-compatible registry API, each once."""

    def __init__(self, url):
        self.url = url.rstrip("/")
        self.schemas = {}

    def get(self, schema_id):
        if schema_id not in self.schemas:
            with urllib.request.urlopen("%s/schemas/ids/%d" % (self.url, schema_id), timeout=30) as response:
                self.schemas[schema_id] = avro.schema.parse(json.load(response)["schema"])
        return self.schemas[schema_id]


def writer_and_body(value, writers, registry, where):
    """The writer schema of a value and its Avro binary body, whichever framing the value has."""
    if value[:2] == SINGLE_OBJECT_MARKER:
        writer = writers.get(value[2:HEADER_BYTES])
        if writer is None:
            raise SystemExit("%s: written with a schema none of the .avsc files has (fingerprint %s)"
                             % (where, value[2:HEADER_BYTES].hex()))
        return writer, value[HEADER_BYTES:]
    if len(value) >= REGISTRY_HEADER_BYTES and value[0] == REGISTRY_MAGIC:
        schema_id = struct.unpack(">I", value[1:REGISTRY_HEADER_BYTES])[0]
        if registry is None:
            raise SystemExit("%s: in the Confluent wire format (schema id %d): pass --schema-registry URL"
                             % (where, schema_id))
        return registry.get(schema_id), value[REGISTRY_HEADER_BYTES:]
    raise SystemExit("%s: neither Avro single-object encoding nor the Confluent wire format" % where)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bootstrap-servers", default="127.0.0.1:9092")
    parser.add_argument("--topic", default="news.articles.enriched")
    parser.add_argument("--group", default="enriched-reader-python")
    parser.add_argument("--schemas", default=str(REPO / "schemas/src/main/avro"),
                        help="the current .avsc files: the reader's schema")
    parser.add_argument("--released", default=str(REPO / "schemas/src/main/resources/news/pipeline/schema/released"),
                        help="every released version, to read what older versions wrote")
    parser.add_argument("--schema-registry", metavar="URL",
                        help="the registry's Confluent-compatible API, for values in the Confluent wire format")
    parser.add_argument("--until-idle", type=float, default=0, metavar="SECONDS",
                        help="stop when no record has come for this long (default: follow the topic for ever)")
    args = parser.parse_args()

    current = enriched_schemas(args.schemas)
    reader_schema = next(iter(current.values()))
    writers = enriched_schemas(args.released)
    writers.update(current)
    registry = RegistrySchemas(args.schema_registry) if args.schema_registry else None

    consumer = Consumer({
        "bootstrap.servers": args.bootstrap_servers,
        "group.id": args.group,
        "auto.offset.reset": "earliest",
        "enable.auto.commit": False,
        # The processors write in transactions: read only what they committed.
        "isolation.level": "read_committed",
    })
    consumer.subscribe([args.topic])
    idle = 0.0
    try:
        while not args.until_idle or idle < args.until_idle:
            message = consumer.poll(1.0)
            if message is None:
                idle += 1.0
                continue
            idle = 0.0
            if message.error():
                raise KafkaException(message.error())
            where = "%s@%d" % (message.partition(), message.offset())
            writer, body = writer_and_body(message.value(), writers, registry, where)
            decoder = avro.io.BinaryDecoder(io.BytesIO(body))
            article = avro.io.DatumReader(writer, reader_schema).read(decoder)
            print(json.dumps({
                "key": message.key().decode("utf-8"),
                "title": article["title"],
                "focus": article["focus"],
                "countries": [country["code"] for country in article["countries"]],
            }, ensure_ascii=False), flush=True)
    finally:
        consumer.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
