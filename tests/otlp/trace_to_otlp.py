#!/usr/bin/env python3
"""Turns a Triton trace file into what tritonserver's OpenTelemetry mode would
have exported for the same requests (tritonserver's OpenTelemetry tracer), written independently of
trace_summary's own loader.

  trace_to_otlp.py STYLE TRACE_FILE OUT_FILE

STYLE:
  collector  the OpenTelemetry Collector's `file` exporter: JSON Lines, one
             {"resourceSpans": ...} per line, lowerCamelCase, 64-bit integers
             as strings, a request's spans spread over several lines and
             mixed with other requests' (spans are exported as they end)
  gzip       the same, gzip-compressed
  snake      opentelemetry-cpp 1.8.3 request bodies: snake_case keys, each
             span in its own resource_spans entry, integers as JSON numbers,
             pretty-printed, several bodies one after another

Exit status 3 (with the reason on stderr) when the file cannot be expressed
in OpenTelemetry mode: TENSORS records, 2019-20 lowercase names, ids without
a model record, parent ids that do not lead to a top-level request.
"""
import gzip
import json
import random
import sys

PROTOCOL_PREFIXES = ("HTTP_", "GRPC_")
COMPUTE_NAMES = ("COMPUTE_START", "COMPUTE_INPUT_END", "COMPUTE_OUTPUT_START", "COMPUTE_END")
LOWERCASE = ("http recv start", "grpc wait/read start", "request handler start", "queue start")
OFFSET = 1_700_000_000_000_000_000  # wall clock minus steady clock, per request below


class NotRepresentable(Exception):
    pass


def group_records(records):
    """id -> {'name', 'version', 'parent', 'stamps': [(name, ns)]}, and the ids in first-seen order.
    As the summary reads a trace file: later records' model_name and model_version
    win, the parent_id is the first record's."""
    traces = {}
    order = []
    for r in records:
        if not isinstance(r, dict) or "id" not in r:
            continue
        if "activity" in r or "tensor" in r:
            raise NotRepresentable("TENSORS records (not exported in OpenTelemetry mode)")
        rid = r["id"]
        t = traces.get(rid)
        if t is None:
            t = traces[rid] = {"parent": r.get("parent_id"), "stamps": [], "marker_with_parent": False}
            order.append(rid)
        elif r.get("parent_id") != t["parent"] and ("parent_id" in r or "model_name" in r):
            raise NotRepresentable(f"id {rid}: its records disagree on parent_id")
        for field in ("model_name", "model_version"):
            if field in r:
                t[field] = r[field]
        for s in r.get("timestamps", []):
            if s["name"] in LOWERCASE:
                raise NotRepresentable("2019-20 lowercase timestamp names")
            if "parent_id" in r and ("HTTP_RECV_START" in s["name"] or "GRPC_WAITREAD_START" in s["name"]):
                t["marker_with_parent"] = True
            t["stamps"].append((s["name"], s["ns"]))
    return traces, order


def members(records, traces, marker):
    """The ids a summary pass counts (as trace_summary.py decides), walking the records by id."""
    keyed = [r for r in records if isinstance(r, dict) and "id" in r]
    member = set()
    for r in sorted(keyed, key=lambda r: r["id"]):
        if "parent_id" not in r:
            if any(marker in s["name"] for s in r.get("timestamps", [])):
                member.add(r["id"])
        elif r["parent_id"] in member:
            member.add(r["id"])
    return member


def check_passes(records, traces):
    """The mapping writes tritonserver's record layout: a model record, then
    timestamp records. A summary reads other layouts the same way unless an id
    is counted by both passes (the script's second pass sees the first's
    merged lists) or a model record that holds timestamps is counted by none
    (Data Flow prints such a record)."""
    http = members(records, traces, "HTTP_RECV_START")
    grpc = members(records, traces, "GRPC_WAITREAD_START")
    if http & grpc:
        raise NotRepresentable("ids counted by both the HTTP and the GRPC pass")
    has_parents = any(t["parent"] is not None for t in traces.values())
    for r in records:
        if has_parents and isinstance(r, dict) and "model_name" in r and "timestamps" in r and r.get("id") not in http | grpc:
            raise NotRepresentable("a model record with timestamps that no pass counts")


def check(traces):
    for rid, t in traces.items():
        if "model_name" not in t:
            raise NotRepresentable(f"id {rid} has no model_name")
        parent = t["parent"]
        if t["marker_with_parent"]:
            # tritonserver's trace mode writes timestamps in records of their own, without parent_id
            raise NotRepresentable(f"id {rid}: a protocol marker in a record with parent_id")
        if parent is not None and parent not in traces:
            raise NotRepresentable(f"id {rid}: parent {parent} is not in the file")
        seen = set()
        while parent is not None:  # must reach a top-level id
            if parent in seen:
                raise NotRepresentable(f"id {rid}: parent ids form a cycle")
            seen.add(parent)
            parent = traces[parent]["parent"]


def any_value(v, snake):
    """An OTLP AnyValue for a trace-file scalar."""
    if isinstance(v, bool):
        return {"bool_value" if snake else "boolValue": v}
    if isinstance(v, int):
        return {"int_value": v} if snake else {"intValue": str(v)}
    if isinstance(v, float):
        return {"double_value" if snake else "doubleValue": v}
    if isinstance(v, str):
        return {"string_value" if snake else "stringValue": v}
    raise NotRepresentable(f"model name or version {v!r} has no OTLP value")


class Builder:
    """Builds the spans of each request, in the order they end."""

    def __init__(self, traces, order, snake, rng):
        self.traces, self.order, self.snake, self.rng = traces, order, snake, rng
        self.children = {}
        for rid in order:
            parent = traces[rid]["parent"]
            if parent is not None:
                self.children.setdefault(parent, []).append(rid)

    def key(self, camel):
        if not self.snake:
            return camel
        return "".join("_" + c.lower() if c.isupper() else c for c in camel)

    def span_id(self):
        return "%016x" % self.rng.getrandbits(64)

    def time(self, ns, offset):
        t = ns + offset
        if not 0 <= t < 2**63:
            raise NotRepresentable(f"timestamp {ns} does not fit a timeUnixNano")
        return t if self.snake else str(t)

    def span(self, trace_id, span_id, parent, name, events, offset, attributes=()):
        k = self.key
        times = [ns for _, ns in events] or [0]
        return {
            k("traceId"): trace_id,
            k("spanId"): span_id,
            k("parentSpanId"): parent or "",
            "name": name,
            "kind": 2,
            k("startTimeUnixNano"): self.time(min(times), offset),
            k("endTimeUnixNano"): self.time(max(times), offset),
            "attributes": [{"key": a, "value": any_value(v, self.snake)} for a, v in attributes],
            "events": [{k("timeUnixNano"): self.time(ns, offset), "name": n} for n, ns in events],
            "status": {},
        }

    def model_spans(self, rid, parent_span, trace_id, offset, top):
        """The spans of model `rid` and its children, children first."""
        t = self.traces[rid]
        name, version, parent_id = t["model_name"], t.get("model_version"), t["parent"]
        own, compute, root = [], [], []
        for n, ns in t["stamps"]:
            if top and n.startswith(PROTOCOL_PREFIXES):
                root.append((n, ns))
            elif n in COMPUTE_NAMES:
                compute.append((n, ns))
            else:
                own.append((n, ns))
        if sorted(t["stamps"], key=lambda s: s[1]) != sorted(own + compute + root, key=lambda s: s[1]):
            # the mapping reads a model's events, then compute's, then the root's
            raise NotRepresentable(f"id {rid}: timestamps of different spans at the same ns, in another order")
        sid = self.span_id()
        spans = []
        if compute:
            spans.append(self.span(trace_id, self.span_id(), sid, "compute", compute, offset))
        for child in self.children.get(rid, []):
            spans += self.model_spans(child, sid, trace_id, offset, False)[0]
        attributes = [("triton.model_name", name)]
        if "model_version" in t:
            attributes.append(("triton.model_version", version))
        attributes += [("triton.trace_id", rid), ("triton.trace_parent_id", parent_id or 0)]
        if not isinstance(rid, int) or not isinstance(parent_id or 0, int):
            raise NotRepresentable("non-integer ids")
        spans.append(self.span(trace_id, sid, parent_span, str(name), own, offset, attributes))
        return spans, root

    def request(self, rid, trace_id):
        stamps = [ns for r in self.subtree(rid) for _, ns in self.traces[r]["stamps"]] or [0]
        offset = OFFSET - min(stamps) if max(stamps) - min(stamps) < 2**62 else 0
        root_sid = self.span_id()
        spans, root_events = self.model_spans(rid, root_sid, trace_id, offset, True)
        spans.append(self.span(trace_id, root_sid, None, "InferRequest", root_events, offset))
        return spans

    def subtree(self, rid):
        out, todo = [], [rid]
        while todo:
            r = todo.pop()
            out.append(r)
            todo += self.children.get(r, [])
        return out

    def requests(self):
        shared = "%032x" % self.rng.getrandbits(128)  # a propagated context: many requests, one traceId
        for i, rid in enumerate(r for r in self.order if self.traces[r]["parent"] is None):
            trace_id = shared if i % 3 == 0 else "%032x" % self.rng.getrandbits(128)
            yield self.request(rid, trace_id)


def interleave(requests, rng):
    """The spans of several requests in flight at once, each request's in end order."""
    out, window = [], []
    for spans in requests:
        window.append(list(spans))
        while len(window) > 3 or (window and rng.random() < 0.3):
            w = rng.choice(window)
            out.append(w.pop(0))
            if not w:
                window.remove(w)
    for w in window:
        out += w
    return out


def resource(snake):
    attrs = [{"key": "service.name", "value": any_value("triton-inference-server", snake)}]
    return {"attributes": attrs}


def collector_lines(spans, rng):
    lines, i = [], 0
    while i < len(spans):
        n = rng.randint(1, 7)
        body = {"resourceSpans": [{"resource": resource(False),
                                   "scopeSpans": [{"scope": {"name": "triton-server"}, "spans": spans[i:i + n]}],
                                   "schemaUrl": ""}]}
        lines.append(json.dumps(body, separators=(",", ":")))
        i += n
    return "".join(line + "\n" for line in lines)


def snake_bodies(spans, rng):
    bodies, i = [], 0
    while i < len(spans):
        n = rng.randint(1, 12)
        entries = [{"resource": resource(True),
                    "scope_spans": [{"scope": {"name": "triton-server", "version": ""}, "spans": [s]}]}
                   for s in spans[i:i + n]]
        bodies.append(json.dumps({"resource_spans": entries}, indent=2))
        i += n
    return "\n".join(bodies) + "\n"


def convert(records, style, seed=1):
    if not isinstance(records, list):
        raise NotRepresentable("not a trace file array")
    traces, order = group_records(records)
    check(traces)
    check_passes(records, traces)
    rng = random.Random(seed)
    builder = Builder(traces, order, style == "snake", rng)
    spans = interleave(builder.requests(), rng)
    return snake_bodies(spans, rng) if style == "snake" else collector_lines(spans, rng)


def main():
    style, source, target = sys.argv[1:4]
    with open(source, "rb") as f:
        raw = f.read()
    if raw[:2] == b"\x1f\x8b":
        raw = gzip.decompress(raw)
    try:
        text = convert(json.loads(raw.decode("utf-8-sig")), style)
    except NotRepresentable as e:
        print(f"{source}: not representable in OpenTelemetry mode: {e}", file=sys.stderr)
        return 3
    data = text.encode()
    if style == "gzip":
        data = gzip.compress(data)
    with open(target, "wb") as f:
        f.write(data)
    return 0


if __name__ == "__main__":
    sys.exit(main())
