#include "render/html_page.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <functional>
#include <future>
#include <map>
#include <optional>
#include <system_error>

#include "render/svg_charts.hpp"
#include "report/model_tree.hpp"

namespace trace_summary {
namespace {

constexpr const char* kStyle = R"(
:root{color-scheme:light;font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;line-height:1.4;color:#1a1a1a}
body{margin:0 auto;max-width:1240px;padding:12px 16px;overflow-wrap:anywhere}
h1{font-size:1.5rem;margin:.2em 0}h2{font-size:1.3rem;border-bottom:2px solid #0072B2;margin-top:1.6em}
h3{font-size:1.1rem;margin-top:1.6em}h4{font-size:1rem;margin:1em 0 .3em}
svg{width:100%;height:auto;display:block;font-size:11px;fill-opacity:1}
svg text{fill:#1a1a1a}
figure{margin:.4em 0}figcaption{font-size:.85rem;color:#444}
.grid{display:grid;grid-template-columns:repeat(auto-fill,minmax(260px,1fr));gap:12px}
.scroll{overflow-x:auto}
table{border-collapse:collapse;font-size:.85rem}td,th{padding:2px 8px;text-align:right;white-space:nowrap}
td:first-child,th:first-child{text-align:left}tr:nth-child(even){background:#f3f3f3}
.swatch{display:inline-block;width:.9em;height:.9em;margin-right:.4em;vertical-align:-.1em;border:1px solid #555}
.meta{color:#333}.meta dt{font-weight:600;float:left;clear:left;margin-right:.5em}.meta dd{margin:0}
ul.tree{list-style:none;padding-left:1.2em}ul.tree li{margin:.2em 0}
.share{display:inline-block;background:#0072B2;height:.7em;vertical-align:middle;margin-right:.4em}
.key{display:flex;gap:1em;flex-wrap:wrap;font-size:.85rem}
.error{color:#a00}
@media (max-width:600px){body{padding:6px}td,th{padding:2px 4px}}
)";

std::string attr(const std::string& name, const std::string& value) {
  return " " + name + "=\"" + html_text(value) + "\"";
}

std::string model_title(Protocol protocol, const ModelReport& model) {
  return std::string(protocol_name(protocol)) + " " + model.name + " (" + model.version + ")";
}

// The rows that are parts of the request time: not the streamed rows, which
// are times from the request's arrival and a count.
std::vector<Segment> model_rows(const ModelReport& model) {
  std::vector<Segment> rows;
  for (const StatRow& r : model.rows) {
    if (!is_stream_row(*r.def)) rows.push_back({r.def, r.avg_us, r.share_percent});
  }
  return rows;
}

// The responses per streamed request: a count, so numbers rather than a
// histogram of times.
std::string responses_line(const StatRow& row, const std::string& name) {
  const char* names[] = {"p50", "p90", "p99"};
  std::string attrs = attr("data-key", std::string(row.def->key)) + attr("data-traces", std::to_string(row.traces));
  std::string text = "Responses per streamed request of " + name + ": " + std::to_string(row.traces) + " requests";
  if (row.mean_us) {
    attrs += attr("data-mean", exact(*row.mean_us)) + attr("data-min", exact(*row.min_us)) +
             attr("data-max", exact(*row.max_us));
    text += ", mean " + fmt::format("{:.4g}", *row.mean_us);
  }
  for (std::size_t i = 0; i < row.percentiles_us.size() && i < 3; ++i) {
    attrs += attr(std::string("data-") + names[i], exact(row.percentiles_us[i]));
    text += std::string(", ") + names[i] + " " + fmt::format("{:g}", row.percentiles_us[i]);
  }
  if (row.max_us) text += ", from " + fmt::format("{:g}", *row.min_us) + " to " + fmt::format("{:g}", *row.max_us);
  return "<p class=\"responses\"" + attrs + ">" + html_text(text) + "</p>";
}

// A trace's rows, its share of its first row's time.
std::vector<Segment> trace_rows(const TraceView& trace, Compat compat) {
  std::vector<Segment> rows;
  for (const SpanDef* def : catalogue_rows(trace.protocol, compat)) {
    if (auto v = row_value_ns(*def, trace.spans)) rows.push_back({def, static_cast<double>(*v) / 1000, 0});
  }
  for (Segment& s : rows) s.share_percent = rows.front().value_us > 0 ? s.value_us * 100 / rows.front().value_us : 0;
  return rows;
}

std::string legend(const std::vector<Segment>& segments) {
  std::string html =
      "<div class=\"scroll\"><table class=\"legend\"><tr><th>span</th><th>average</th><th>share</th></tr>";
  for (const Segment& s : segments) {
    html += fmt::format(
        "<tr data-key=\"{}\"><td><span class=\"swatch\" style=\"background:{}\"></span>{} <small>{}</small></td>"
        "<td>{}</td><td>{:.1f}%</td></tr>",
        s.def->key, colour_of(s.def->key), html_text(s.def->label), s.def->key, shown_time(s.value_us),
        s.share_percent);
  }
  return html + "</table></div>";
}

std::string bar_text(const std::vector<Segment>& segments) {
  std::string text;
  for (const Segment& s : segments) {
    text += (text.empty() ? "" : ", ") + std::string(s.def->label) + " " + shown_time(s.value_us) +
            fmt::format(" ({:.1f}%)", s.share_percent);
  }
  return text;
}

}  // namespace

HtmlSink::HtmlSink(std::string path, PageOptions options)
    : file_(std::move(path), "html"), options_(std::move(options)) {
  if (options_.top.top == 0) options_.top.top = 10;
}

void HtmlSink::write(const std::string& text) { std::fwrite(text.data(), 1, text.size(), file_.get()); }

void HtmlSink::begin() {
  write(std::string("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
                    "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
                    "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
                    "style-src 'unsafe-inline'\">"
                    "<title>trace_summary report</title><style>") +
        kStyle + "</style></head><body>\n");
  write("<header><h1>Where the time of each request went</h1><p class=\"meta\">Made by <span data-version=\"" +
        html_text(options_.version) + "\">trace_summary " + html_text(options_.version) +
        "</span>. Hover over a chart for its numbers; each chart's numbers are also in the table or "
        "text below it.</p></header>\n");
}

void HtmlSink::file(const FileReport& report) {
  ++reports_;
  std::string inputs;
  for (const std::string& i : report.inputs()) inputs += (inputs.empty() ? "" : ", ") + i;
  write("<section class=\"report\"" + attr("data-file", report.display_name()) +
        "><h2>File: " + html_text(report.display_name()) + "</h2><dl class=\"meta\"><dt>Inputs</dt><dd>" +
        html_text(inputs) + "</dd><dt>Server mode</dt><dd data-server-mode>" + html_text(report.server_mode()) +
        "</dd><dt>Span rules</dt><dd>" + (report.compat() == Compat::Classic ? "classic" : "current") + "</dd>");
  for (const Warning& w : report.warnings()) {
    write("<dt>Note</dt><dd>" + html_text(w.input + ": " + w.text) + "</dd>");
  }
  write("</dl>\n");
  const PageData data = page_data(report);
  if (data.models.empty()) {
    write("<p class=\"empty\">No request could be counted in this file.</p></section>\n");
    return;
  }
  for (const auto& [protocol, model_report] : data.models) model(protocol, model_report);
  tree(data);
  top(report, data.top);
  write("</section>\n");
}

// The models' reports are made on a second thread while this one finds the
// model tree and the slowest requests in one pass: each pass reads every
// counted trace, and a FileReport may be read by several threads at once.
// Without a second thread, one after the other.
HtmlSink::PageData HtmlSink::page_data(const FileReport& report) const {
  StatsRequest request{true, {50, 90, 99}};
  request.histogram_bins = options_.histogram_bins;
  request.window_ns = options_.window_ns > 0 ? options_.window_ns : kAutoWindow;
  request.scatter_limit = options_.scatter_limit;
  const auto model_reports = [&report, request] {
    std::vector<std::pair<Protocol, ModelReport>> models;
    for (Protocol protocol : kProtocols) {
      for (std::size_t m = 0; m < report.model_count(protocol); ++m) {
        models.emplace_back(protocol, report.model(protocol, m, request));
      }
    }
    return models;
  };
  std::future<std::vector<std::pair<Protocol, ModelReport>>> later;
  try {
    later = std::async(std::launch::async, model_reports);
  } catch (const std::system_error&) {  // no thread to be had: made below instead
  }
  // One pass of the cursor ranks the requests and builds the model tree.
  TopTraces top(options_.top.top, options_.top.key, report.compat());
  std::optional<ModelTreeBuilder> tree;
  if (report.may_have_children()) tree.emplace(report.compat());
  for (Protocol protocol : kProtocols) {
    report.for_each_trace(protocol, TraceDetail::WithoutStamps, [&](const TraceView& t) {
      top.offer(t);
      if (tree) tree->offer(t);
    });
  }
  PageData data;
  if (tree) data.tree = tree->take();
  data.top = top.take();
  data.models = later.valid() ? later.get() : model_reports();
  return data;
}

void HtmlSink::model(Protocol protocol, const ModelReport& model) {
  const std::string name = model_title(protocol, model);
  write("<section class=\"model\"" + attr("data-protocol", protocol_name(protocol)) + attr("data-model", model.name) +
        attr("data-version", model.version) + attr("data-count", std::to_string(model.count)) + "><h3>" +
        html_text(name) + ": " + std::to_string(model.count) + " request" + (model.count == 1 ? "" : "s") + "</h3>");
  const std::vector<Segment> segments = leaf_segments(model_rows(model));
  const std::string text = "Where the time of " + name + " goes, on average: " + bar_text(segments);
  write("<h4>Where the time goes</h4><figure class=\"chart\" data-chart=\"breakdown\">" +
        stacked_bar_svg(segments, text) + "<figcaption>" + html_text(text) + "</figcaption></figure>" +
        legend(segments));
  distributions(model, name);
  over_time(model, name);
  write("</section>\n");
}

void HtmlSink::distributions(const ModelReport& model, const std::string& name) {
  write("<h4>Distributions</h4><div class=\"grid\">");
  std::string responses;
  for (const StatRow& row : model.rows) {
    if (is_count_row(*row.def)) {
      responses = responses_line(row, name);
      continue;
    }
    std::vector<Mark> marks;
    const char* names[] = {"p50", "p90", "p99"};
    for (std::size_t i = 0; i < row.percentiles_us.size() && i < 3; ++i)
      marks.push_back({names[i], row.percentiles_us[i]});
    std::string attrs = attr("data-key", std::string(row.def->key)) + attr("data-traces", std::to_string(row.traces));
    std::string text = std::string(row.def->label) + " of " + name + ": " + std::to_string(row.traces) + " values";
    for (const Mark& m : marks) {
      attrs += attr("data-" + m.name + "-us", exact(m.value_us));
      text += ", " + m.name + " " + shown_time(m.value_us);
    }
    if (row.min_us) {
      attrs += attr("data-min-us", exact(*row.min_us)) + attr("data-max-us", exact(*row.max_us));
      text += ", from " + shown_time(*row.min_us) + " to " + shown_time(*row.max_us);
    }
    if (row.histogram.log_scale) text += " (log scale)";
    write("<figure class=\"chart\" data-chart=\"distribution\"" + attrs + "><h5 style=\"margin:.2em 0\">" +
          std::string(2 * static_cast<std::size_t>(row.def->depth), ' ') + html_text(row.def->label) + " <small>(" +
          std::string(row.def->key) + ")</small></h5>" + histogram_svg(row.histogram, marks, text) + "<figcaption>" +
          html_text(text) + "</figcaption></figure>");
  }
  write("</div>" + responses);
}

void HtmlSink::over_time(const ModelReport& model, const std::string& name) {
  const double width_s = static_cast<double>(model.window_ns) / 1e9;
  const std::string text = "Request time of " + name + " over time: " + std::to_string(model.windows.size()) +
                           " windows of " + fmt::format("{:g}", width_s) +
                           " s; dots: " + std::to_string(model.points.size()) + " requests" +
                           (model.points.size() < model.count ? " (the fastest and slowest of each stretch)" : "");
  write("<h4>Latency over time</h4><figure class=\"chart\" data-chart=\"over-time\"" +
        attr("data-width-s", exact(width_s)) + attr("data-origin-ns", std::to_string(model.origin_ns)) + ">" +
        time_svg(model, text) + "<figcaption>" + html_text(text) +
        "</figcaption><div class=\"key\"><span><span class=\"swatch\" style=\"background:#0072B2\"></span>p50 "
        "(solid)</span><span><span class=\"swatch\" style=\"background:#D55E00\"></span>p99 (dashed)</span>"
        "<span><span class=\"swatch\" style=\"background:#56B4E9\"></span>a request</span><span><span "
        "class=\"swatch\" style=\"background:#8C8C8C\"></span>requests per window</span></div></figure>");
  write(
      "<details><summary>Numbers per window</summary><div class=\"scroll\"><table><tr><th>from (s)</th>"
      "<th>requests</th><th>p50</th><th>p99</th></tr>");
  std::string rows;
  for (const TimeWindow& w : model.windows) {
    rows += fmt::format("<tr><td>{:g}</td><td>{}</td><td>{}</td><td>{}</td></tr>", w.start_s, w.count,
                        shown_time(w.p50_us), shown_time(w.p99_us));
    if (rows.size() > 1 << 16) {
      write(rows);
      rows.clear();
    }
  }
  write(rows + "</table></div></details>");
}

void HtmlSink::top(const FileReport& report, const std::vector<RankedTrace>& slowest) {
  write(
      "<h3>The slowest requests</h3><div class=\"scroll\"><table class=\"top\" data-chart=\"top\"><tr><th>rank</th>"
      "<th>protocol</th><th>id</th><th>model</th><th>" +
      html_text(options_.top.key.name()) + "</th><th style=\"min-width:240px\">where its time went</th></tr>");
  for (std::size_t rank = 1; rank <= slowest.size(); ++rank) {
    const TraceView& t = slowest[rank - 1].trace;
    const std::vector<Segment> rows = trace_rows(t, report.compat());
    const auto value = options_.top.key.value_ns(t, report.compat());
    const double value_us = value ? static_cast<double>(*value) / 1000 : 0;
    const std::vector<Segment> leaves = leaf_segments(rows);
    write(fmt::format(
              "<tr class=\"request\" data-rank=\"{}\" data-id=\"{}\" data-value-us=\"{}\"><td>{}</td><td>{}</td>"
              "<td>{}</td><td>{}</td><td>{}</td><td>",
              rank, wide_int_to_string(t.id), exact(value_us), rank, protocol_name(t.protocol),
              wide_int_to_string(t.id),
              html_text(std::string(t.model_name) + " (" + std::string(t.model_version) + ")"), shown_time(value_us)) +
          stacked_bar_svg(leaves, "Request " + wide_int_to_string(t.id) + ": " + bar_text(leaves), 60) + "</td></tr>");
  }
  write("</table></div>");
}

void HtmlSink::tree(const PageData& data) {
  const ModelTree& found = data.tree;
  const std::vector<ModelEdge>& edges = found.edges;
  if (edges.empty()) return;
  std::map<ModelNode, std::string> names;
  std::array<std::uint32_t, 2> index = {0, 0};  // per protocol
  for (const auto& [protocol, model] : data.models) {
    names[{protocol, index[static_cast<std::size_t>(protocol)]++}] = model_title(protocol, model);
  }
  write(
      "<h3>Ensembles and the models they ran</h3><p>Each model's time as a share of the time of the requests of "
      "the model that ran it (the requests of one model may run in parallel, so shares may add up to more than "
      "100%).</p><div data-chart=\"tree\">");
  std::vector<ModelNode> path;  // an ensemble may run a model of its own name: each model once per path
  std::function<void(const ModelNode&)> children = [&](const ModelNode& parent) {
    if (std::find(path.begin(), path.end(), parent) != path.end()) return;
    path.push_back(parent);
    write("<ul class=\"tree\">");
    for (const ModelEdge& e : edges) {
      if (!(e.parent == parent)) continue;
      const double share = e.share_percent();
      write(
          fmt::format("<li class=\"edge\" data-parent=\"{}\" data-child=\"{}\" data-calls=\"{}\" "
                      "data-share-percent=\"{}\"><span class=\"share\" style=\"width:{:.1f}px\"></span>{}: {} "
                      "call{}, {:.1f}% of its caller's time",
                      html_text(names[e.parent]), html_text(names[e.child]), e.calls, exact(share),
                      std::min(share, 200.0), html_text(names[e.child]), e.calls, e.calls == 1 ? "" : "s", share));
      children(e.child);
      write("</li>");
    }
    write("</ul>");
    path.pop_back();
  };
  write("<ul class=\"tree\">");
  for (const ModelNode& root : found.roots) {
    write("<li class=\"root\">" + html_text(names[root]));
    children(root);
    write("</li>");
  }
  write("</ul></div>");
}

void HtmlSink::failed_file(const std::string& name, const std::string& error) {
  write("<section class=\"report\"" + attr("data-file", name) + "><h2>File: " + html_text(name) +
        "</h2><p class=\"error\">Not summarised: " + html_text(error) + "</p></section>\n");
}

void HtmlSink::end() {
  if (reports_ == 0) write("<p class=\"empty\">No file could be summarised.</p>");
  write("</body></html>\n");
  file_.commit();
}

}  // namespace trace_summary
