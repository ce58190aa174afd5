#!/usr/bin/env python3
"""Writes N tritonserver requests twice: as an OpenTelemetry Collector file
(JSON Lines, 8 spans a line, requests interleaved as the batch processor
exports them) and as the trace file tritonserver's trace mode writes for the
same requests, for comparing trace_summary's time and memory on both.

  otlp_gen.py N OUT.jsonl OUT.json
"""
import random
import sys

SPAN = ('{{"traceId":"{tid}","spanId":"{sid}","parentSpanId":"{pid}","name":"{name}","kind":2,'
        '"startTimeUnixNano":"{start}","endTimeUnixNano":"{end}","attributes":[{attrs}],'
        '"events":[{events}],"status":{{}}}}')
ATTRS = ('{{"key":"triton.model_name","value":{{"stringValue":"{m}"}}}},{{"key":"triton.model_version","value":{{"intValue":"1"}}}},'
         '{{"key":"triton.trace_id","value":{{"intValue":"{i}"}}}},{{"key":"triton.trace_parent_id","value":{{"intValue":"0"}}}}')
LINE = ('{{"resourceSpans":[{{"resource":{{"attributes":[{{"key":"service.name","value":{{"stringValue":"triton-inference-server"}}}}]}},'
        '"scopeSpans":[{{"scope":{{"name":"triton-server"}},"spans":[{spans}]}}]}}]}}\n')
OFFSET = 1_700_000_000_000_000_000 - 2_259_961_000_000_000


def events(stamps):
    return ",".join('{"timeUnixNano":"%d","name":"%s"}' % (ns + OFFSET, n) for n, ns in stamps)


def request(i, t, rng):
    http = rng.random() < 0.5
    p = ("HTTP_RECV", "HTTP_SEND") if http else ("GRPC_WAITREAD", "GRPC_SEND")
    d = [rng.randint(5_000, 60_000) for _ in range(10)]
    c = [t]
    for x in d:
        c.append(c[-1] + x)
    root = [(p[0] + "_START", c[0]), (p[0] + "_END", c[1]), (p[1] + "_START", c[8]), (p[1] + "_END", c[9])]
    model = [("REQUEST_START", c[2]), ("QUEUE_START", c[3]), ("REQUEST_END", c[7] + 1000)]
    compute = [("COMPUTE_START", c[4]), ("COMPUTE_INPUT_END", c[5]), ("COMPUTE_OUTPUT_START", c[6]), ("COMPUTE_END", c[7])]
    name = "model_%d" % (i % 7)
    h = "%016x" % rng.getrandbits(64)
    tid = "%032x" % rng.getrandbits(128)
    spans = [
        SPAN.format(tid=tid, sid=h[:15] + "c", pid=h[:15] + "b", name="compute", start=c[4] + OFFSET, end=c[7] + OFFSET,
                    attrs="", events=events(compute)),
        SPAN.format(tid=tid, sid=h[:15] + "b", pid=h[:15] + "a", name=name, start=c[2] + OFFSET, end=c[7] + 1000 + OFFSET,
                    attrs=ATTRS.format(m=name, i=i), events=events(model)),
        SPAN.format(tid=tid, sid=h[:15] + "a", pid="", name="InferRequest", start=c[0] + OFFSET, end=c[9] + OFFSET,
                    attrs="", events=events(root)),
    ]
    stamps = sorted(root[:2] + model[:2] + compute + model[2:] + root[2:], key=lambda s: s[1])
    records = ['{"id":%d,"model_name":"%s","model_version":1}' % (i, name)]
    records += ['{"id":%d,"timestamps":[{"name":"%s","ns":%d}]}' % (i, n, ns) for n, ns in stamps]
    return spans, ",".join(records)


def main():
    n, otlp_path, trace_path = int(sys.argv[1]), sys.argv[2], sys.argv[3]
    rng = random.Random(7)
    with open(otlp_path, "w") as otlp, open(trace_path, "w") as trace:
        trace.write("[")
        pending, t = [], 0
        for i in range(1, n + 1):
            spans, records = request(i, 2_259_961_000_000_000 + t, rng)
            t += 50_000
            trace.write(("," if i > 1 else "") + records)
            pending += spans
            if len(pending) >= 8:
                otlp.write(LINE.format(spans=",".join(pending[:8])))
                pending = pending[8:]
        if pending:
            otlp.write(LINE.format(spans=",".join(pending)))
        trace.write("]")


if __name__ == "__main__":
    main()
