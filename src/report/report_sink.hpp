// A renderer is a sink: it is told when the output begins, each report as it
// is made (or each input that could not be summarised), and when it ends. It
// sees the report model only.
#pragma once

#include <string>

#include "report/report_model.hpp"

namespace trace_summary {

class ReportSink {
 public:
  virtual ~ReportSink() = default;
  virtual void begin() {}
  virtual void file(const FileReport& report) = 0;
  /// A report that could not be made: `name` and the one-line `error`.
  virtual void failed_file(const std::string& name, const std::string& error) {
    (void)name;
    (void)error;
  }
  virtual void end() {}
};

}  // namespace trace_summary
