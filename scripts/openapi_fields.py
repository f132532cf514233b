#!/usr/bin/env python3
"""Generate crates/core/assets/fields.txt, the field tree kubeglass checks manifests against.

Reads the trimmed Kubernetes OpenAPI v3 schemas in fixtures/openapi/schemas.json (see the
README beside it for where they come from) and writes, for every kind that carries an
`x-kubernetes-group-version-kind`, every field a strict `kubectl apply` accepts, as a compact
text file the wasm build embeds. Standard library only; the output is deterministic.

Usage: scripts/openapi_fields.py [--check]
  --check  exit 1 (and write nothing) if the asset is not what the fixture gives

Format of the asset (one record a line, `#` starts a comment line):
  =Kind Kind ...        the kinds; each maps to the type of the same name
  Type f1 f2:T ...      a named object type and its fields, both sorted by name
A field is `name` or `name:V`; the value V is
  (nothing)  a string          i  an integer       b  a boolean      n  a number
  x  an int-or-string          q  a quantity       t  a date-time string
  *  anything (x-kubernetes-preserve-unknown-fields, or an object whose schema lists no
     properties, such as managedFields[].fieldsV1)
  Name       the named type Name (starts with an uppercase letter)
  [V]        an array of V        {V}  a map from any key to V
so `args:[]` is a list of strings and `labels:{}` a map of strings.
"""

import json
import os
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
FIXTURE = os.path.join(ROOT, "fixtures", "openapi", "schemas.json")
ASSET = os.path.join(ROOT, "crates", "core", "assets", "fields.txt")
REF = "#/components/schemas/"
PRIMITIVE = {"string": "", "integer": "i", "boolean": "b", "number": "n"}


def load():
    with open(FIXTURE, encoding="utf-8") as f:
        return json.load(f)["components"]["schemas"]


def short_names(schemas):
    """Maps definition name -> the type name used in the asset (its last dotted part; on a
    clash the non-core definitions are prefixed with their API group)."""
    by_short = {}
    for name in schemas:
        by_short.setdefault(name.rsplit(".", 1)[1], []).append(name)
    out = {}
    for short, names in by_short.items():
        for name in names:
            if len(names) == 1 or name.startswith("io.k8s.api.core.v1."):
                out[name] = short
            else:
                group = name.split(".")[-3]  # io.k8s.api.<group>.<version>.<Kind>
                out[name] = group[:1].upper() + group[1:] + short
    if len(set(out.values())) != len(out):
        raise SystemExit("type name clash: " + repr(sorted(out.values())))
    return out


def is_object(schema):
    return bool(schema.get("properties"))


def leaf(schema):
    """The value code of a definition that is not an object with properties."""
    if schema.get("x-kubernetes-preserve-unknown-fields"):
        return "*"
    fmt = schema.get("format")
    if fmt == "int-or-string" or schema.get("x-kubernetes-int-or-string"):
        return "x"
    one_of = sorted(s.get("type", "") for s in schema.get("oneOf", []))
    if one_of == ["number", "string"]:
        return "q"
    if schema.get("type") == "string" and fmt == "date-time":
        return "t"
    return value(schema, None, None)


def value(schema, schemas, names):
    """The value code of a property (or array item / map value) schema."""
    if "allOf" in schema and len(schema["allOf"]) == 1:
        schema = {**schema["allOf"][0], **{k: v for k, v in schema.items() if k != "allOf"}}
    if schema.get("x-kubernetes-preserve-unknown-fields"):
        return "*"
    if schema.get("x-kubernetes-int-or-string"):
        return "x"
    ref = schema.get("$ref")
    if ref is not None:
        target = ref[len(REF):]
        definition = schemas[target]
        return names[target] if is_object(definition) else leaf(definition)
    kind = schema.get("type")
    if kind == "array":
        return "[" + value(schema.get("items", {}), schemas, names) + "]"
    if kind == "object" or kind is None:
        if "additionalProperties" in schema:
            extra = schema["additionalProperties"]
            if extra is True or extra == {}:
                return "{*}"
            return "{" + value(extra, schemas, names) + "}"
        if is_object(schema):
            raise SystemExit("inline object schemas are not supported: " + repr(schema))
        return "*"
    if kind in PRIMITIVE:
        if kind == "string" and schema.get("format") == "int-or-string":
            return "x"
        return PRIMITIVE[kind]
    raise SystemExit("unsupported schema: " + repr(schema))


def generate(schemas):
    names = short_names(schemas)
    kinds = []
    for name, schema in schemas.items():
        for gvk in schema.get("x-kubernetes-group-version-kind", []):
            if names[name] != gvk["kind"]:
                raise SystemExit(f"kind {gvk['kind']} has root type {names[name]}")
            kinds.append(gvk["kind"])
    # Only the object types reachable from the kinds, each once.
    reachable, todo = set(), [n for n, s in schemas.items() if "x-kubernetes-group-version-kind" in s]
    while todo:
        name = todo.pop()
        if name in reachable:
            continue
        reachable.add(name)
        todo.extend(refs(schemas[name]))
    lines = [
        "# kubeglass field tree: every field of every kind below, from the Kubernetes OpenAPI",
        "# schemas in fixtures/openapi. Generated by scripts/openapi_fields.py; do not edit.",
        "=" + " ".join(sorted(set(kinds))),
    ]
    types = sorted((names[n], n) for n in reachable if is_object(schemas[n]))
    for short, name in types:
        fields = []
        for prop, schema in sorted(schemas[name]["properties"].items()):
            code = value(schema, schemas, names)
            fields.append(prop if code == "" else prop + ":" + code)
        lines.append(short + " " + " ".join(fields))
    return "\n".join(lines) + "\n", len(types), sum(len(schemas[n]["properties"]) for _, n in types)


def refs(schema):
    if isinstance(schema, dict):
        for key, val in schema.items():
            if key == "$ref":
                yield val[len(REF):]
            else:
                yield from refs(val)
    elif isinstance(schema, list):
        for item in schema:
            yield from refs(item)


def main():
    text, types, fields = generate(load())
    if "--check" in sys.argv[1:]:
        with open(ASSET, encoding="utf-8") as f:
            if f.read() != text:
                print("crates/core/assets/fields.txt is stale: run scripts/openapi_fields.py")
                sys.exit(1)
        return
    with open(ASSET, "w", encoding="utf-8", newline="\n") as f:
        f.write(text)
    print(f"wrote {os.path.relpath(ASSET, ROOT)}: {types} types, {fields} fields, {len(text)} bytes")


if __name__ == "__main__":
    main()
