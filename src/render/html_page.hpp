// `--html FILE`: one self-contained HTML page (no script, no request to any
// server: styles and SVG charts are inline) for all reports. Per protocol
// and model: where the request time goes, the distribution of each row,
// latency over time; per report: the slowest requests and the tree of
// ensembles. The numbers are those of the json format, in data-* attributes.
#pragma once

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "render/replacing_file.hpp"
#include "render/request_rows.hpp"
#include "report/model_tree.hpp"
#include "report/ranking.hpp"
#include "report/report_sink.hpp"

namespace trace_summary {

struct PageOptions {
  std::string version;          ///< the tool's, stated on the page
  RequestSelection top;         ///< the slowest requests to list (10 when not asked)
  std::uint64_t window_ns = 0;  ///< --window (0: about 100 windows)
  std::size_t histogram_bins = 40;
  std::size_t scatter_limit = 2000;  ///< points per model on the time chart
};

class HtmlSink final : public ReportSink {
 public:
  /// Throws std::runtime_error when `path` cannot be written.
  HtmlSink(std::string path, PageOptions options);

  void begin() override;
  void file(const FileReport& report) override;
  void failed_file(const std::string& name, const std::string& error) override;
  /// Moves the page into place; throws std::runtime_error on a write error.
  void end() override;

 private:
  // What the page shows of one report, found before any of it is written.
  struct PageData {
    std::vector<std::pair<Protocol, ModelReport>> models;  // both passes', in the summary's order
    ModelTree tree;
    std::vector<RankedTrace> top;  // the slowest requests
  };
  PageData page_data(const FileReport& report) const;
  void write(const std::string& text);
  void model(Protocol protocol, const ModelReport& model);
  void distributions(const ModelReport& model, const std::string& name);
  void over_time(const ModelReport& model, const std::string& name);
  void top(const FileReport& report, const std::vector<RankedTrace>& slowest);
  void tree(const PageData& data);

  ReplacingFile file_;
  PageOptions options_;
  int reports_ = 0;
};

}  // namespace trace_summary
