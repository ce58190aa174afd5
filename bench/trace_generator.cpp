// trace_gen: writes a synthetic Triton trace file, deterministic for a seed.
// It models what tritonserver writes (one record per timestamp since 22.02,
// one record per trace before, lowercase names before 20.06) and can add the
// corners the summary must handle: ensembles of ensembles, children with
// smaller ids than their parents, interleaved or shuffled records, repeated
// timestamps, traces in both protocols, uncounted traces, split model
// records, TENSORS records and files cut short.
//
//   trace_gen --help
#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <limits>
#include <optional>
#include <random>
#include <string>
#include <vector>

namespace {

constexpr const char* kUsage = R"(usage: trace_gen [options] [-o FILE]
Writes a synthetic Triton trace file (JSON) to standard output or FILE.

  --requests N                 inference requests (default 100)
  --seed S                     random seed (default 1); same options and seed, same file
  --layout 1|2|3               1: Triton 22.02+ (a record per timestamp, one line; default)
                               2: Triton 20.06-22.01 (a record per trace)
                               3: Triton 2019-20.05 (as 2, lowercase timestamp names)
  --grpc-fraction F            share of GRPC requests (default 0.5; others HTTP)
  --ensemble-fraction F        share of requests to an ensemble of 2-3 models (default 0.1)
  --nesting D                  composing models may be ensembles themselves, to depth D (default 1)
  --no-breakdown-fraction F    models without COMPUTE_INPUT_END/COMPUTE_OUTPUT_START (default 0.2)
  --extra-fraction F           traces with INFER_RESPONSE_COMPLETE and a custom activity (default 0.3)
  --models K                   distinct models (default 4; some non-ASCII, some with quotes and commas)
  --tensors                    add TENSORS-level records (layout 1)
  --tensor-size N              values per tensor (default 8)
  --order grouped|interleaved|shuffled
                               grouped: each trace's records together, as tritonserver writes
                               interleaved: records of a few concurrent traces mixed
                               shuffled: records in random order (layout 1)
  --id-order increasing|random trace ids in file order or permuted (default increasing)
  --child-ids after|before|mixed
                               children's ids after their parent's (tritonserver), before, or either
  --duplicate-fraction F       traces with a repeated timestamp (same name and ns)
  --both-protocols-fraction F  HTTP traces that also carry GRPC timestamps
  --missing-request-end-fraction F
                               traces without REQUEST_END (not counted)
  --split-model-record         model_name and model_version in separate records (layout 1)
  --early-send-fraction F      requests whose response is sent before REQUEST_END, as real
                               servers often record it: the send overlaps the handler, which
                               may outlive the request; INFER_RESPONSE_COMPLETE is recorded
                               before COMPUTE_START though it happens after COMPUTE_END
  --queue-scale MODEL=F         multiply the queue time of MODEL by F (repeatable); the
                               random stream is unchanged, so with the same seed only
                               that model's queue (and what holds it) changes
  --stream-fraction F          requests streamed by a decoupled model (layouts 1 and 2): one
                               request, many responses, as tritonserver records them. HTTP
                               generate_stream: INFER_RESPONSE_COMPLETE per response and
                               HTTP_SEND_START/HTTP_SEND_END of 0 per chunk; GRPC
                               ModelStreamInfer: INFER_RESPONSE_COMPLETE once, a GRPC_SEND
                               pair per response. REQUEST_END comes before the last
                               response; the top model is the decoupled one, an ensemble,
                               or a BLS model calling a step (--ensemble-fraction, half of
                               the rest BLS)
  --responses MIN-MAX          responses per streamed request (default 1-8)
  --final-flag-fraction F      HTTP streams whose last callback carries only the final flag:
                               one more INFER_RESPONSE_COMPLETE, no chunk (default 0.5)
  --truncate                   stop in the middle of a record near the end (a running server)
  -o FILE                      output file (default: standard output)
)";

struct Options {
  long requests = 100;
  unsigned seed = 1;
  int layout = 1;
  double grpc = 0.5, ensemble = 0.1, no_breakdown = 0.2, extra = 0.3, early_send = 0;
  int nesting = 1, models = 4;
  bool tensors = false;
  int tensor_size = 8;
  std::string order = "grouped", id_order = "increasing", child_ids = "after";
  double duplicate = 0, both_protocols = 0, missing_request_end = 0;
  double stream = 0, final_flag = 0.5;
  long responses_min = 1, responses_max = 8;
  bool split_model_record = false, truncate = false;
  std::string output;
  std::vector<std::pair<std::string, double>> queue_scale;  // model name, factor
};

[[noreturn]] void usage_error(const std::string& what) {
  std::fprintf(stderr, "trace_gen: %s\n%s", what.c_str(), kUsage);
  std::exit(2);
}

Options parse_options(int argc, char** argv) {
  Options o;
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    auto value = [&]() -> std::string {
      if (i + 1 >= argc) usage_error(a + " needs a value");
      return argv[++i];
    };
    if (a == "--help" || a == "-h") {
      std::fputs(kUsage, stdout);
      std::exit(0);
    } else if (a == "--requests") o.requests = std::stol(value());
    else if (a == "--seed") o.seed = static_cast<unsigned>(std::stoul(value()));
    else if (a == "--layout") o.layout = std::stoi(value());
    else if (a == "--grpc-fraction") o.grpc = std::stod(value());
    else if (a == "--ensemble-fraction") o.ensemble = std::stod(value());
    else if (a == "--nesting") o.nesting = std::stoi(value());
    else if (a == "--early-send-fraction") o.early_send = std::stod(value());
    else if (a == "--no-breakdown-fraction") o.no_breakdown = std::stod(value());
    else if (a == "--extra-fraction") o.extra = std::stod(value());
    else if (a == "--models") o.models = std::max(1, std::stoi(value()));
    else if (a == "--tensors") o.tensors = true;
    else if (a == "--tensor-size") o.tensor_size = std::max(1, std::stoi(value()));
    else if (a == "--order") o.order = value();
    else if (a == "--id-order") o.id_order = value();
    else if (a == "--child-ids") o.child_ids = value();
    else if (a == "--duplicate-fraction") o.duplicate = std::stod(value());
    else if (a == "--both-protocols-fraction") o.both_protocols = std::stod(value());
    else if (a == "--missing-request-end-fraction") o.missing_request_end = std::stod(value());
    else if (a == "--split-model-record") o.split_model_record = true;
    else if (a == "--truncate") o.truncate = true;
    else if (a == "--stream-fraction") o.stream = std::stod(value());
    else if (a == "--final-flag-fraction") o.final_flag = std::stod(value());
    else if (a == "--responses") {
      const std::string v = value();
      const std::size_t dash = v.find('-');
      if (dash == std::string::npos) usage_error("--responses is MIN-MAX");
      o.responses_min = std::stol(v.substr(0, dash));
      o.responses_max = std::stol(v.substr(dash + 1));
      if (o.responses_min < 1 || o.responses_max < o.responses_min) usage_error("--responses needs 1 <= MIN <= MAX");
    }
    else if (a == "--queue-scale") {
      const std::string v = value();
      const std::size_t eq = v.rfind('=');
      if (eq == std::string::npos || eq == 0) usage_error("--queue-scale is MODEL=FACTOR");
      o.queue_scale.emplace_back(v.substr(0, eq), std::stod(v.substr(eq + 1)));
    }
    else if (a == "-o") o.output = value();
    else usage_error("unknown option " + a);
  }
  if (o.layout < 1 || o.layout > 3) usage_error("--layout is 1, 2 or 3");
  if (o.order != "grouped" && o.order != "interleaved" && o.order != "shuffled") usage_error("bad --order");
  if (o.child_ids != "after" && o.child_ids != "before" && o.child_ids != "mixed") usage_error("bad --child-ids");
  return o;
}

// ---- The model of a trace ---------------------------------------------------

struct Stamp {
  std::string name;
  std::int64_t ns;
};

struct Tensor {
  const char* activity;
  std::string json;  // the tensor object
};

struct Trace {
  std::uint64_t id = 0;
  std::optional<std::uint64_t> parent;
  std::string model_json;    // model_name value, as JSON
  std::string version_json;  // model_version value, as JSON
  std::vector<Stamp> stamps;  // in the order tritonserver records them
  std::vector<std::pair<std::size_t, Tensor>> tensors;  // written after stamp index
};

struct ModelInfo {
  std::string name_json, version_json;
  bool breakdown;
};

std::string json_string(const std::string& s) {
  std::string out = "\"";
  for (char c : s) {
    if (c == '"' || c == '\\') out += '\\';
    out += c;
  }
  return out + "\"";
}

class Generator {
 public:
  explicit Generator(const Options& o) : o_(o), rng_(o.seed) {
    const char* names[] = {"resnet50", "bert_base", "simple", "\xe6\xa8\xa1\xe5\x9e\x8b-\xc3\xbc", "name, with \"quotes\"",
                           "densenet_onnx", "yolo v5", "tokenizer"};
    const char* versions[] = {"1", "-1", "\"2\"", "1", "3", "1", "\"v1.0\"", "1"};
    for (int i = 0; i < o.models; ++i) {
      models_.push_back({json_string(std::string(names[i % 8]) + (i >= 8 ? "_" + std::to_string(i / 8) : "")),
                         versions[i % 8], uniform() >= o.no_breakdown});
    }
    for (const char* step : {"preprocess", "infer_step", "postprocess"}) {
      steps_.push_back({json_string(step), "1", uniform() >= o.no_breakdown});
    }
  }

  // The traces of one request: the top trace then its children, depth first.
  std::vector<Trace> request() {
    now_ += static_cast<std::int64_t>(exponential(200000));  // ~5000 requests/s
    const bool grpc = uniform() < o_.grpc;
    std::vector<Trace> out;
    const bool ensemble = uniform() < o_.ensemble;
    streamed_ = o_.layout != 3 && uniform() < o_.stream;
    bls_ = streamed_ && !ensemble && uniform() < 0.5;
    add_trace(out, std::nullopt, ensemble ? o_.nesting : 0, grpc, now_);
    return out;
  }

 private:
  double uniform() { return std::uniform_real_distribution<double>(0, 1)(rng_); }
  double exponential(double mean) { return std::exponential_distribution<double>(1 / mean)(rng_); }
  // Heavy-tailed durations: lognormal around `median` ns.
  std::int64_t duration(double median, double spread = 0.6) {
    return std::max<std::int64_t>(1, static_cast<std::int64_t>(std::lognormal_distribution<double>(std::log(median), spread)(rng_)));
  }
  std::string name(const char* canonical) const {
    if (o_.layout != 3) return canonical;
    static const std::pair<const char*, const char*> lower[] = {
        {"HTTP_RECV_START", "http recv start"}, {"HTTP_RECV_END", "http recv end"},
        {"HTTP_SEND_START", "http send start"}, {"HTTP_SEND_END", "http send end"},
        {"GRPC_WAITREAD_START", "grpc wait/read start"}, {"GRPC_WAITREAD_END", "grpc wait/read end"},
        {"GRPC_SEND_START", "grpc send start"}, {"GRPC_SEND_END", "grpc send end"},
        {"REQUEST_START", "request handler start"}, {"REQUEST_END", "request handler end"},
        {"QUEUE_START", "queue start"}, {"COMPUTE_START", "compute start"}, {"COMPUTE_END", "compute end"},
        {"COMPUTE_INPUT_END", "compute input end"}, {"COMPUTE_OUTPUT_START", "compute output start"}};
    for (const auto& [c, l] : lower) {
      if (std::strcmp(c, canonical) == 0) return l;
    }
    return canonical;
  }

  Tensor tensor(const char* activity, const char* tensor_name) {
    std::string data;
    for (int i = 0; i < o_.tensor_size; ++i) {
      char buf[32];
      std::snprintf(buf, sizeof buf, "%s%.6g", i ? "," : "", std::normal_distribution<double>(0, 1)(rng_));
      data += buf;
    }
    return {activity, "{\"name\":\"" + std::string(tensor_name) + "\",\"data\":\"" + data + "\",\"shape\":\"1," +
                          std::to_string(o_.tensor_size) + "\",\"dtype\":\"FP32\"}"};
  }

  // --queue-scale's factor for `model` (1 when none is given).
  double queue_scale(const ModelInfo& model) const {
    for (const auto& [name, factor] : o_.queue_scale) {
      if (json_string(name) == model.name_json) return factor;
    }
    return 1;
  }

  // Appends the trace of one model execution starting at `t`, with its
  // children when it is an ensemble (depth > 0); returns when it ends.
  std::int64_t add_trace(std::vector<Trace>& out, std::optional<std::size_t> parent, int depth, bool grpc,
                         std::int64_t t) {
    const std::size_t index = out.size();
    out.emplace_back();
    const bool top = !parent.has_value();
    const bool ensemble = depth > 0;
    const ModelInfo& model = ensemble              ? ensemble_model_
                             : top && bls_         ? bls_model_
                             : top && streamed_    ? decoupled_model_
                             : top                 ? models_[rng_() % models_.size()]
                                                   : steps_[rng_() % steps_.size()];
    out[index].model_json = model.name_json;
    out[index].version_json = model.version_json;
    std::vector<Stamp> s;
    auto stamp = [&](const char* n, std::int64_t ns) { s.push_back({name(n), ns}); };
    if (top) {
      stamp(grpc ? "GRPC_WAITREAD_START" : "HTTP_RECV_START", t);
      t += duration(grpc ? 40000 : 20000);
      stamp(grpc ? "GRPC_WAITREAD_END" : "HTTP_RECV_END", t);
      t += duration(15000);
    }
    stamp("REQUEST_START", t);
    if (ensemble) {
      t += duration(3000);
      const int children = 2 + static_cast<int>(rng_() % 2);
      for (int c = 0; c < children; ++c) t = add_trace(out, index, depth - 1, grpc, t + duration(2000)) + duration(2000);
    } else {
      t += duration(5000);
      stamp("QUEUE_START", t);
      const std::size_t queue_at = s.size();
      t += static_cast<std::int64_t>(static_cast<double>(duration(30000, 1.2)) * queue_scale(model));
      stamp("COMPUTE_START", t);
      const std::size_t compute_at = s.size();
      if (top && bls_) t = add_trace(out, index, 0, grpc, t + duration(2000)) + duration(2000);  // BLS calls a step
      if (model.breakdown) {
        t += duration(15000);
        stamp("COMPUTE_INPUT_END", t);
        t += duration(300000, 0.9);
        stamp("COMPUTE_OUTPUT_START", t);
        t += duration(12000);
      } else {
        t += duration(320000, 0.9);
      }
      stamp("COMPUTE_END", t);
      if (o_.tensors && o_.layout == 1) {
        auto& tensors = out[index].tensors;
        tensors.push_back({queue_at, tensor("TENSOR_QUEUE_INPUT", "INPUT0")});
        tensors.push_back({compute_at, tensor("TENSOR_BACKEND_INPUT", "INPUT0")});
        tensors.push_back({s.size(), tensor("TENSOR_BACKEND_OUTPUT", "OUTPUT0")});
      }
    }
    if (top && streamed_) return stream_end(out[index], s, grpc, t);
    if (top && uniform() < o_.early_send) return early_send_end(out[index], s, grpc, t);
    if (o_.layout != 3 && uniform() < o_.extra) stamp("INFER_RESPONSE_COMPLETE", t + duration(1000));
    t += duration(4000);
    if (!(uniform() < o_.missing_request_end)) stamp("REQUEST_END", t);
    if (top) {
      t += duration(6000);
      stamp(grpc ? "GRPC_SEND_START" : "HTTP_SEND_START", t);
      t += duration(grpc ? 30000 : 12000);
      stamp(grpc ? "GRPC_SEND_END" : "HTTP_SEND_END", t);
      if (!grpc && uniform() < o_.both_protocols) {
        s.insert(s.begin() + 1, {name("GRPC_WAITREAD_START"), s.front().ns + 1});
        stamp("GRPC_WAITREAD_END", s.front().ns + 2);
      }
    }
    if (o_.layout != 3 && uniform() < o_.extra) stamp("CUSTOM_ACTIVITY", t - duration(2000));
    if (uniform() < o_.duplicate && !s.empty()) s.push_back(s[rng_() % s.size()]);
    out[index].stamps = std::move(s);
    if (parent) out[index].parent = *parent;  // an index until ids are given
    return t;
  }

  // The end of a top-level trace as real servers often record it: the
  // response is sent before REQUEST_END (which may come after the send
  // ends), and INFER_RESPONSE_COMPLETE, though it happens after COMPUTE_END,
  // is recorded before COMPUTE_START.
  std::int64_t early_send_end(Trace& trace, std::vector<Stamp>& s, bool grpc, std::int64_t t) {
    const auto compute = std::find_if(s.begin(), s.end(), [&](const Stamp& x) { return x.name == name("COMPUTE_START"); });
    if (o_.layout != 3) s.insert(compute, {name("INFER_RESPONSE_COMPLETE"), t + duration(1000)});
    const std::int64_t send_start = t + duration(3000);
    const std::int64_t send_end = send_start + duration(grpc ? 30000 : 12000);
    const std::int64_t request_end = send_start + duration(12000, 1.0);
    s.push_back({name(grpc ? "GRPC_SEND_START" : "HTTP_SEND_START"), send_start});
    if (uniform() < 0.5) {
      s.push_back({name("REQUEST_END"), request_end});
      s.push_back({name(grpc ? "GRPC_SEND_END" : "HTTP_SEND_END"), send_end});
    } else {
      s.push_back({name(grpc ? "GRPC_SEND_END" : "HTTP_SEND_END"), send_end});
      s.push_back({name("REQUEST_END"), request_end});
    }
    trace.stamps = std::move(s);
    return std::max(send_end, request_end);
  }

  // The end of a streamed top-level trace: the responses, each as the
  // protocol's front end records it, and REQUEST_END when the request is
  // released, before the last response when there are several.
  std::int64_t stream_end(Trace& trace, std::vector<Stamp>& s, bool grpc, std::int64_t t) {
    const long n = o_.responses_min + static_cast<long>(rng_() % static_cast<std::uint64_t>(o_.responses_max - o_.responses_min + 1));
    std::vector<std::int64_t> at;  // when each response completes
    t += duration(20000);
    for (long i = 0; i < n; ++i) {
      at.push_back(t);
      t += duration(25000, 0.5);
    }
    const std::int64_t release = n >= 2 ? at[0] + (at.back() - at[0]) / 2 : at[0] + duration(3000);
    bool released = false;
    auto release_before = [&](std::int64_t ns) {
      if (released || release >= ns) return;
      s.push_back({"REQUEST_END", release});
      released = true;
    };
    const bool late_complete = grpc && uniform() < 0.2;  // recorded after the first send ends
    for (long i = 0; i < n; ++i) {
      release_before(at[i]);
      if (grpc) {
        if (i == 0 && !late_complete) s.push_back({"INFER_RESPONSE_COMPLETE", at[i]});
        const std::int64_t send_start = at[i] + duration(2000);
        const std::int64_t send_end = send_start + duration(10000);
        s.push_back({"GRPC_SEND_START", send_start});
        s.push_back({"GRPC_SEND_END", send_end});
        if (i == 0 && late_complete) s.push_back({"INFER_RESPONSE_COMPLETE", send_end + duration(1000)});
        t = std::max(t, send_end);
      } else {
        s.push_back({"INFER_RESPONSE_COMPLETE", at[i]});
        s.push_back({"HTTP_SEND_START", 0});  // chunked replies: not captured
        s.push_back({"HTTP_SEND_END", 0});
      }
    }
    if (!grpc && uniform() < o_.final_flag) {
      t += duration(2000);
      s.push_back({"INFER_RESPONSE_COMPLETE", t});
    }
    release_before(std::numeric_limits<std::int64_t>::max());
    trace.stamps = std::move(s);
    return std::max(t, release);
  }

  const Options& o_;
  std::mt19937_64 rng_;
  std::vector<ModelInfo> models_, steps_;
  ModelInfo ensemble_model_{"\"ensemble\"", "1", false};
  ModelInfo decoupled_model_{"\"llama\"", "1", true};
  ModelInfo bls_model_{"\"bls_llm\"", "1", false};
  bool streamed_ = false, bls_ = false;  // the request being generated
  std::int64_t now_ = 2259961222000000;
};

// ---- Writing -------------------------------------------------------------

class Writer {
 public:
  explicit Writer(std::FILE* out) : out_(out) {}
  void raw(const std::string& s) { buffer_ += s; if (buffer_.size() > (1 << 20)) flush(); }
  void record(const std::string& r) {
    raw(first_ ? "[" : ",");
    first_ = false;
    raw(r);
  }
  void finish(bool truncate) {
    if (first_) raw("[");
    if (truncate) {
      // Cut inside the last record, as a server still writing would leave it.
      const std::size_t cut = buffer_.rfind("{\"id\"");
      if (cut != std::string::npos) buffer_.resize(cut + (buffer_.size() - cut) / 2);
    } else {
      raw("]");
    }
    flush();
  }

 private:
  void flush() {
    std::fwrite(buffer_.data(), 1, buffer_.size(), out_);
    buffer_.clear();
  }
  std::FILE* out_;
  std::string buffer_;
  bool first_ = true;
};

std::string id_field(std::uint64_t id) { return "{\"id\":" + std::to_string(id); }

std::string stamp_json(const Stamp& s) { return "{\"name\":\"" + s.name + "\",\"ns\":" + std::to_string(s.ns) + "}"; }

// The records of one trace in tritonserver 22.02+ form, in its order.
std::vector<std::string> layout1_records(const Trace& t, bool split_model_record) {
  std::vector<std::string> records;
  std::string parent = t.parent ? ",\"parent_id\":" + std::to_string(*t.parent) : "";
  auto model_records = [&] {
    if (split_model_record) {
      records.push_back(id_field(t.id) + ",\"model_name\":" + t.model_json + parent + "}");
      records.push_back(id_field(t.id) + ",\"model_version\":" + t.version_json + "}");
    } else {
      records.push_back(id_field(t.id) + ",\"model_name\":" + t.model_json + ",\"model_version\":" + t.version_json +
                        parent + ",\"request_id\":\"req-" + std::to_string(t.id) + "\"}");
    }
  };
  if (t.parent) model_records();
  std::size_t next_tensor = 0;
  for (std::size_t i = 0; i < t.stamps.size(); ++i) {
    while (next_tensor < t.tensors.size() && t.tensors[next_tensor].first == i) {
      const Tensor& x = t.tensors[next_tensor++].second;
      records.push_back(id_field(t.id) + ",\"activity\":\"" + x.activity + "\",\"tensor\":" + x.json + "}");
    }
    records.push_back(id_field(t.id) + ",\"timestamps\":[" + stamp_json(t.stamps[i]) + "]}");
    if (!t.parent && i == 1) model_records();
  }
  for (; next_tensor < t.tensors.size(); ++next_tensor) {
    const Tensor& x = t.tensors[next_tensor].second;
    records.push_back(id_field(t.id) + ",\"activity\":\"" + x.activity + "\",\"tensor\":" + x.json + "}");
  }
  return records;
}

std::string layout2_record(const Trace& t) {
  std::string r = "{\"model_name\":" + t.model_json + ",\"model_version\":" + t.version_json + ",\"id\":" + std::to_string(t.id);
  if (t.parent) r += ",\"parent_id\":" + std::to_string(*t.parent);
  r += ",\"timestamps\":[";
  for (std::size_t i = 0; i < t.stamps.size(); ++i) r += (i ? "," : "") + stamp_json(t.stamps[i]);
  return r + "]}";
}

// Gives ids: in file order, children after (or before) their parent.
void assign_ids(std::vector<Trace>& traces, const Options& o, std::mt19937_64& rng, std::uint64_t& next_id) {
  std::vector<std::size_t> order(traces.size());
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
  const bool before = o.child_ids == "before" || (o.child_ids == "mixed" && rng() % 2 == 0);
  if (before) std::reverse(order.begin(), order.end());
  for (std::size_t i : order) traces[i].id = next_id++;
  for (Trace& t : traces) {
    if (t.parent) t.parent = traces[*t.parent].id;
  }
}

}  // namespace

int main(int argc, char** argv) {
  const Options o = parse_options(argc, argv);
  std::FILE* out = o.output.empty() ? stdout : std::fopen(o.output.c_str(), "wb");
  if (out == nullptr) usage_error("cannot write " + o.output);
  Generator gen(o);
  std::mt19937_64 rng(o.seed * 7919 + 1);
  Writer writer(out);
  const bool streaming = o.order == "grouped" && o.id_order == "increasing";
  std::vector<std::vector<std::string>> pending;  // per trace, for the orders that need them all
  std::uint64_t next_id = 1;
  for (long r = 0; r < o.requests; ++r) {
    std::vector<Trace> traces = gen.request();
    assign_ids(traces, o, rng, next_id);
    for (const Trace& t : traces) {
      std::vector<std::string> records =
          o.layout == 1 ? layout1_records(t, o.split_model_record) : std::vector<std::string>{layout2_record(t)};
      if (streaming) {
        for (const std::string& rec : records) writer.record(rec);
      } else {
        pending.push_back(std::move(records));
      }
    }
  }
  if (!streaming) {
    if (o.id_order == "random") std::shuffle(pending.begin(), pending.end(), rng);
    std::vector<std::string> flat;
    if (o.order == "interleaved") {
      // A few traces in flight at once: take the next record of a random one.
      std::vector<std::size_t> next(pending.size(), 0);
      std::size_t started = 0;
      std::vector<std::size_t> active;
      while (started < pending.size() || !active.empty()) {
        while (active.size() < 4 && started < pending.size()) active.push_back(started++);
        const std::size_t k = rng() % active.size();
        const std::size_t t = active[k];
        flat.push_back(pending[t][next[t]++]);
        if (next[t] == pending[t].size()) active.erase(active.begin() + static_cast<long>(k));
      }
    } else {
      for (auto& records : pending) flat.insert(flat.end(), records.begin(), records.end());
      if (o.order == "shuffled") std::shuffle(flat.begin(), flat.end(), rng);
    }
    for (const std::string& rec : flat) writer.record(rec);
  }
  writer.finish(o.truncate);
  if (out != stdout) std::fclose(out);
  return 0;
}
