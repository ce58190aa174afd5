// Hands every report to several sinks in turn: the chosen format, and the
// timeline when asked.
#pragma once

#include <memory>
#include <vector>

#include "report/report_sink.hpp"

namespace trace_summary {

class TeeSink final : public ReportSink {
 public:
  explicit TeeSink(std::vector<std::unique_ptr<ReportSink>> sinks) : sinks_(std::move(sinks)) {}
  void begin() override {
    for (auto& s : sinks_) s->begin();
  }
  void file(const FileReport& report) override {
    for (auto& s : sinks_) s->file(report);
  }
  void failed_file(const std::string& name, const std::string& error) override {
    for (auto& s : sinks_) s->failed_file(name, error);
  }
  void end() override {
    for (auto& s : sinks_) s->end();
  }

 private:
  std::vector<std::unique_ptr<ReportSink>> sinks_;
};

}  // namespace trace_summary
