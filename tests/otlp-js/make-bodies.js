// Exports spans shaped as tritonserver's OpenTelemetry trace mode makes them
// (as tritonserver's tracer makes them: an InferRequest root with the protocol events, a span per
// model with REQUEST_START/QUEUE_START/REQUEST_END, a compute span) through
// the OpenTelemetry JS SDK's OTLP/HTTP JSON exporter, to a small HTTP server
// on 127.0.0.1 in this script, and writes the bodies it receives, one a line.
//
//   npm ci && node make-bodies.js OUT.jsonl
//
// The requests (times in ns from a wall-clock base) are those of
// expected.md beside the bodies, whose summary was worked out by hand.
'use strict';

const fs = require('fs');
const http = require('http');
const api = require('@opentelemetry/api');
const { BasicTracerProvider, BatchSpanProcessor } = require('@opentelemetry/sdk-trace-base');
const { OTLPTraceExporter } = require('@opentelemetry/exporter-trace-otlp-http');
const { resourceFromAttributes } = require('@opentelemetry/resources');

const BASE = 1700000000000000000n;

// An HrTime ([seconds, nanoseconds]) for `offset` ns after BASE: no precision is lost.
function at(offset) {
  const ns = BASE + BigInt(offset);
  return [Number(ns / 1000000000n), Number(ns % 1000000000n)];
}

function startSpan(tracer, name, parent, startNs, attributes) {
  const ctx = parent ? api.trace.setSpan(api.context.active(), parent) : api.context.active();
  return tracer.startSpan(name, { kind: api.SpanKind.SERVER, startTime: at(startNs), attributes }, ctx);
}

function addEvents(span, events) {
  for (const [name, ns] of events) span.addEvent(name, at(ns));
}

// One model span (and its compute span), ended children first as Triton does.
function model(tracer, parent, m) {
  const attrs = { 'triton.model_name': m.name, 'triton.model_version': 1, 'triton.trace_id': m.id,
                  'triton.trace_parent_id': m.parent || 0 };
  const span = startSpan(tracer, m.name, parent, m.events[0][1], attrs);
  addEvents(span, m.events.filter(([n]) => !n.startsWith('COMPUTE_')));
  const computeEvents = m.events.filter(([n]) => n.startsWith('COMPUTE_'));
  if (computeEvents.length > 0) {
    const compute = startSpan(tracer, 'compute', span, computeEvents[0][1], {});
    addEvents(compute, computeEvents);
    compute.end(at(computeEvents[computeEvents.length - 1][1]));
  }
  for (const child of m.children || []) model(tracer, span, child);
  span.end(at(m.events[m.events.length - 1][1]));
}

// One request: the root InferRequest span, then its models; `remote` is a
// propagated client context (a traceparent header), shared by requests.
function request(tracer, r, remote) {
  const parent = remote ? api.trace.wrapSpanContext(remote) : undefined;
  const root = startSpan(tracer, 'InferRequest', parent, r.root[0][1], {});
  addEvents(root, r.root);
  model(tracer, root, r.model);
  root.end(at(r.root[r.root.length - 1][1]));
}

const REQUESTS = JSON.parse(fs.readFileSync(__dirname + '/requests.json', 'utf8'));

async function main() {
  const out = process.argv[2];
  const bodies = [];
  const server = http.createServer((req, res) => {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      bodies.push(Buffer.concat(chunks).toString('utf8'));
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.end('{}');
    });
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${server.address().port}/v1/traces`;
  const exporter = new OTLPTraceExporter({ url });
  const provider = new BasicTracerProvider({
    resource: resourceFromAttributes({ 'service.name': 'triton-inference-server' }),
    spanProcessors: [new BatchSpanProcessor(exporter, { maxExportBatchSize: 4, scheduledDelayMillis: 20 })],
  });
  const tracer = provider.getTracer('triton-server');
  const remote = { traceId: '4bf92f3577b34da6a3ce929d0e0e4736', spanId: '00f067aa0ba902b7',
                   traceFlags: api.TraceFlags.SAMPLED, isRemote: true };
  for (const r of REQUESTS) request(tracer, r, r.propagated ? remote : undefined);
  await provider.forceFlush();
  await provider.shutdown();
  server.close();
  for (const b of bodies) {
    if (b.includes('\n')) throw new Error('a body spans lines');
  }
  fs.writeFileSync(out, bodies.map((b) => b + '\n').join(''));
  console.log(`${bodies.length} bodies written to ${out}`);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
