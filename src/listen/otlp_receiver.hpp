// The OTLP/HTTP receiver: `POST /v1/traces` served by cpp-httplib (which
// parses HTTP and undoes gzip), one connection per thread of a fixed pool.
//
// Threads: the thread that calls start() gets a listening thread of its own;
// each accepted connection is served on a pool thread (at most
// `max_connections` at once, `max_waiting` more queued, the rest answered
// 503 at once). Connection threads share only the LiveCollector (its lock)
// and the atomic counters. stop() is called from the owning thread.
#pragma once

#include <atomic>
#include <chrono>
#include <cstddef>
#include <memory>
#include <string>
#include <thread>

#include "listen/body_handler.hpp"
#include "listen/live_collector.hpp"
#include "listen/save_file.hpp"

namespace trace_summary {

struct ReceiverOptions {
  std::string host = "127.0.0.1";
  int port = 4318;  ///< 0: any free port (see OtlpReceiver::port())
  BodyLimits limits;
  std::size_t max_connections = 16;  ///< connections served at once
  std::size_t max_waiting = 64;      ///< accepted connections waiting for a thread; more are refused
  std::chrono::milliseconds read_timeout{10000};     ///< one read waits this long for a byte
  std::chrono::milliseconds request_timeout{30000};  ///< a whole request (headers and body) arrives within this
  std::chrono::milliseconds idle_timeout{5000};      ///< a kept-alive connection waits this long for a request
  std::size_t requests_per_connection = 1000;
};

/// What the receiver has answered (read from any thread).
struct ReceiverCounts {
  std::size_t ok = 0;       ///< 200s
  std::size_t refused = 0;  ///< everything else
};

class OtlpReceiver {
 public:
  OtlpReceiver(const ReceiverOptions& options, LiveCollector& collector, SaveFile* save);
  ~OtlpReceiver();
  OtlpReceiver(const OtlpReceiver&) = delete;
  OtlpReceiver& operator=(const OtlpReceiver&) = delete;

  /// Binds the address. Throws std::runtime_error when it cannot.
  void bind();
  /// The port bound.
  int port() const { return port_; }
  /// Serves on a thread of its own until stop().
  void start();
  /// Stops accepting, lets the requests in flight finish, and returns when
  /// every connection is closed.
  void stop();
  ReceiverCounts counts() const;

 private:
  class Server;
  ReceiverOptions options_;
  std::unique_ptr<Server> server_;
  std::thread listener_;
  int port_ = 0;
};

}  // namespace trace_summary
