// Exports generated requests, shaped as tritonserver's OpenTelemetry trace
// mode makes them (see make-bodies.js), through the OpenTelemetry JS SDK's
// OTLP/HTTP JSON exporter to URL, and writes the same requests as the
// Triton trace file (trace mode `triton`) the server would have written.
//
//   node send-requests.js URL COUNT FIRST_ID TRACE_FILE
//
// Requests are deterministic in FIRST_ID: HTTP and GRPC, a model with the
// compute breakdown or without it, one in ten an ensemble of two steps.
// Prints `sent N spans` when every export was acknowledged; exits 1 when
// one was not.
'use strict';

const fs = require('fs');
const api = require('@opentelemetry/api');
const { BasicTracerProvider, BatchSpanProcessor } = require('@opentelemetry/sdk-trace-base');
const { OTLPTraceExporter } = require('@opentelemetry/exporter-trace-otlp-http');
const { resourceFromAttributes } = require('@opentelemetry/resources');

const BASE = 1700000000000000000n;

function at(ns) {
  const t = BASE + BigInt(ns);
  return [Number(t / 1000000000n), Number(t % 1000000000n)];
}

// A small deterministic generator (xorshift32).
function rng(seed) {
  let x = seed >>> 0 || 1;
  return (n) => {
    x ^= x << 13; x >>>= 0; x ^= x >>> 17; x ^= x << 5; x >>>= 0;
    return x % n;
  };
}

// The timestamps of one model run starting at `t`: [name, ns] pairs.
function modelEvents(r, t, compute) {
  const ev = [['REQUEST_START', t], ['QUEUE_START', t + 1000 + r(5000)]];
  let c = ev[1][1] + 2000 + r(20000);
  if (compute) {
    ev.push(['COMPUTE_START', c], ['COMPUTE_INPUT_END', c + 1000 + r(9000)]);
    const out = ev[3][1] + 5000 + r(200000);
    ev.push(['COMPUTE_OUTPUT_START', out], ['COMPUTE_END', out + 1000 + r(9000)]);
    c = ev[5][1];
  }
  ev.push(['REQUEST_END', c + 500 + r(3000)]);
  return ev;
}

// One request: { root: events, models: [{ id, parent, name, events }] }.
function makeRequest(r, id, start) {
  const grpc = r(2) === 0;
  const recv = grpc ? ['GRPC_WAITREAD_START', 'GRPC_WAITREAD_END'] : ['HTTP_RECV_START', 'HTTP_RECV_END'];
  const send = grpc ? ['GRPC_SEND_START', 'GRPC_SEND_END'] : ['HTTP_SEND_START', 'HTTP_SEND_END'];
  const recvEnd = start + 2000 + r(30000);
  const models = [];
  let end;
  if (r(10) === 0) {
    const first = recvEnd + 1000 + r(5000);
    const a = modelEvents(r, first + 2000, true);
    const b = modelEvents(r, a[a.length - 1][1] + 1000, r(5) !== 0);
    end = b[b.length - 1][1] + 1000;
    models.push({ id, name: 'ensemble', events: [['REQUEST_START', first], ['REQUEST_END', end]] });
    models.push({ id: id + 1, parent: id, name: 'preprocess', events: a });
    models.push({ id: id + 2, parent: id, name: 'classifier', events: b });
  } else {
    const name = ['simple', 'resnet', 'bert'][r(3)];
    const ev = modelEvents(r, recvEnd + 1000 + r(5000), r(5) !== 0);
    end = ev[ev.length - 1][1];
    models.push({ id, name, events: ev });
  }
  const sendStart = end + 1000 + r(10000);
  return { root: [[recv[0], start], [recv[1], recvEnd], [send[0], sendStart], [send[1], sendStart + 1000 + r(20000)]],
           models };
}

function startSpan(tracer, name, parent, startNs, attributes) {
  const ctx = parent ? api.trace.setSpan(api.context.active(), parent) : api.context.active();
  return tracer.startSpan(name, { kind: api.SpanKind.SERVER, startTime: at(startNs), attributes }, ctx);
}

function exportModel(tracer, parent, m, all) {
  const attrs = { 'triton.model_name': m.name, 'triton.model_version': 1, 'triton.trace_id': m.id,
                  'triton.trace_parent_id': m.parent || 0 };
  const span = startSpan(tracer, m.name, parent, m.events[0][1], attrs);
  for (const [n, ns] of m.events) if (!n.startsWith('COMPUTE_')) span.addEvent(n, at(ns));
  const computeEvents = m.events.filter(([n]) => n.startsWith('COMPUTE_'));
  if (computeEvents.length > 0) {
    const compute = startSpan(tracer, 'compute', span, computeEvents[0][1], {});
    for (const [n, ns] of computeEvents) compute.addEvent(n, at(ns));
    compute.end(at(computeEvents[computeEvents.length - 1][1]));
  }
  let spans = 1 + (computeEvents.length > 0 ? 1 : 0);
  for (const child of all.filter((c) => c.parent === m.id)) spans += exportModel(tracer, span, child, all);
  span.end(at(m.events[m.events.length - 1][1]));
  return spans;
}

// The trace-file records tritonserver writes for the request.
function traceRecords(req) {
  const records = [];
  for (const m of req.models) {
    const rec = { id: m.id, model_name: m.name, model_version: 1 };
    if (m.parent) rec.parent_id = m.parent;
    records.push(rec);
    const stamps = m.parent ? m.events : req.root.slice(0, 2).concat(m.events, req.root.slice(2));
    records.push({ id: m.id, timestamps: stamps.map(([name, ns]) => ({ name, ns })) });
  }
  return records;
}

async function main() {
  const [url, countText, firstText, traceFile] = process.argv.slice(2);
  const count = Number(countText);
  let id = Number(firstText);
  const r = rng(id * 2654435761);
  let failed = 0;
  // A loaded receiver may take its time: an export waits up to a minute
  // before it counts as lost (the SDK's default is 10 s).
  const exporter = new OTLPTraceExporter({ url, timeoutMillis: 60000 });
  const inner = exporter.export.bind(exporter);
  exporter.export = (spans, done) => inner(spans, (result) => {
    if (result.code !== 0 /* ExportResultCode.SUCCESS */) failed += spans.length;
    done(result);
  });
  const provider = new BasicTracerProvider({
    resource: resourceFromAttributes({ 'service.name': 'triton-inference-server' }),
    spanProcessors: [new BatchSpanProcessor(exporter, { maxExportBatchSize: 512, maxQueueSize: 1 << 20,
                                                        scheduledDelayMillis: 50 })],
  });
  const tracer = provider.getTracer('triton-server');
  const out = traceFile ? fs.openSync(traceFile, 'w') : null;
  if (out !== null) fs.writeSync(out, '[');
  let spans = 0;
  let first = true;
  for (let i = 0; i < count; ++i) {
    const req = makeRequest(r, id, i * 1000000);
    id += req.models.length;
    const root = startSpan(tracer, 'InferRequest', undefined, req.root[0][1], {});
    for (const [n, ns] of req.root) root.addEvent(n, at(ns));
    spans += 1 + exportModel(tracer, root, req.models[0], req.models);
    root.end(at(req.root[req.root.length - 1][1]));
    if (out !== null) {
      for (const rec of traceRecords(req)) {
        fs.writeSync(out, (first ? '\n' : ',\n') + JSON.stringify(rec));
        first = false;
      }
    }
    if (i % 1000 === 999) await provider.forceFlush();
  }
  await provider.forceFlush();
  await provider.shutdown();
  if (out !== null) {
    fs.writeSync(out, '\n]\n');
    fs.closeSync(out);
  }
  if (failed > 0) {
    console.error(`send-requests.js: ${failed} of ${spans} spans were not acknowledged`);
    process.exit(1);
  }
  console.log(`sent ${spans} spans`);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
