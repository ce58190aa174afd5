#include "listen/otlp_receiver.hpp"

#include <condition_variable>
#include <deque>
#include <functional>
#include <mutex>
#include <stdexcept>
#include <vector>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <httplib.h>

namespace trace_summary {
namespace {

using Clock = std::chrono::steady_clock;
constexpr const char* kPath = "/v1/traces";

// A connection's socket as httplib reads and writes it, with a deadline for
// the whole request besides the timeout of each read: a client that sends
// one byte a second is cut off when the request's time is up.
class DeadlineStream final : public httplib::Stream {
 public:
  DeadlineStream(int fd, const ReceiverOptions& options) : fd_(fd), options_(options) {}

  void start_request() {
    deadline_ = Clock::now() + options_.request_timeout;
    response_started_ = false;
    error_answered_ = false;
  }
  bool error_answered() const { return error_answered_; }

  bool is_readable() const override { return wait(POLLIN, options_.read_timeout); }
  bool is_writable() const override { return wait(POLLOUT, options_.read_timeout); }

  ssize_t read(char* ptr, size_t size) override {
    if (!wait(POLLIN, options_.read_timeout)) return -1;
    ssize_t n;
    do n = ::recv(fd_, ptr, size, 0);
    while (n < 0 && errno == EINTR);
    return n;
  }

  ssize_t write(const char* ptr, size_t size) override {
    if (!response_started_) {
      response_started_ = true;
      // "HTTP/1.1 4xx" or "5xx": the request may not have been read whole;
      // the connection is closed after this answer.
      error_answered_ = size > 9 && (ptr[9] == '4' || ptr[9] == '5');
    }
    if (!wait_writable()) return -1;
    ssize_t n;
    do n = ::send(fd_, ptr, size, MSG_NOSIGNAL);
    while (n < 0 && errno == EINTR);
    return n;
  }

  void get_remote_ip_and_port(std::string& ip, int& port) const override { address(::getpeername, ip, port); }
  void get_local_ip_and_port(std::string& ip, int& port) const override { address(::getsockname, ip, port); }
  socket_t socket() const override { return fd_; }

 private:
  // Waits up to `limit`, and never past the request's deadline.
  bool wait(short events, std::chrono::milliseconds limit) const {
    const auto until = std::min(Clock::now() + limit, deadline_);
    for (;;) {
      const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(until - Clock::now()).count();
      if (left <= 0) return false;
      pollfd p{fd_, events, 0};
      const int r = ::poll(&p, 1, static_cast<int>(left));
      if (r > 0) return true;
      if (r == 0 || errno != EINTR) return false;
    }
  }
  // An answer is written within the read timeout, whatever the deadline.
  bool wait_writable() const {
    pollfd p{fd_, POLLOUT, 0};
    int r;
    do r = ::poll(&p, 1, static_cast<int>(options_.read_timeout.count()));
    while (r < 0 && errno == EINTR);
    return r > 0;
  }

  template <typename Fn>
  void address(Fn fn, std::string& ip, int& port) const {
    sockaddr_storage addr{};
    socklen_t len = sizeof addr;
    ip.clear();
    port = 0;
    if (fn(fd_, reinterpret_cast<sockaddr*>(&addr), &len) != 0) return;
    char text[INET6_ADDRSTRLEN] = {};
    if (addr.ss_family == AF_INET) {
      const auto* a = reinterpret_cast<const sockaddr_in*>(&addr);
      ::inet_ntop(AF_INET, &a->sin_addr, text, sizeof text);
      port = ntohs(a->sin_port);
    } else if (addr.ss_family == AF_INET6) {
      const auto* a = reinterpret_cast<const sockaddr_in6*>(&addr);
      ::inet_ntop(AF_INET6, &a->sin6_addr, text, sizeof text);
      port = ntohs(a->sin6_port);
    }
    ip = text;
  }

  int fd_;
  const ReceiverOptions& options_;
  Clock::time_point deadline_ = Clock::now();
  bool response_started_ = false;
  bool error_answered_ = false;
};

// The pool connections are served on: `threads` workers and at most
// `waiting` queued connections; past that, `refuse` runs the connection's
// task at once on the accepting thread.
class ConnectionPool final : public httplib::TaskQueue {
 public:
  ConnectionPool(std::size_t threads, std::size_t waiting, std::function<void(std::function<void()>)> refuse)
      : waiting_(waiting), refuse_(std::move(refuse)) {
    for (std::size_t i = 0; i < threads; ++i) workers_.emplace_back([this] { work(); });
  }

  void enqueue(std::function<void()> fn) override {
    {
      std::lock_guard<std::mutex> lock(mutex_);
      if (jobs_.size() < waiting_) {
        jobs_.push_back(std::move(fn));
        ready_.notify_one();
        return;
      }
    }
    refuse_(std::move(fn));
  }

  void shutdown() override {
    {
      std::lock_guard<std::mutex> lock(mutex_);
      stopping_ = true;
    }
    ready_.notify_all();
    for (std::thread& t : workers_) t.join();
  }

 private:
  void work() {
    for (;;) {
      std::function<void()> job;
      {
        std::unique_lock<std::mutex> lock(mutex_);
        ready_.wait(lock, [this] { return stopping_ || !jobs_.empty(); });
        if (jobs_.empty()) return;  // stopping, and every accepted connection served
        job = std::move(jobs_.front());
        jobs_.pop_front();
      }
      job();
    }
  }

  std::size_t waiting_;
  std::function<void(std::function<void()>)> refuse_;
  std::vector<std::thread> workers_;
  std::deque<std::function<void()>> jobs_;  // guarded by mutex_
  bool stopping_ = false;                   // guarded by mutex_
  std::mutex mutex_;
  std::condition_variable ready_;
};

void set_answer(httplib::Response& res, const Answer& answer) {
  res.status = answer.status;
  res.set_content(answer.body, answer.content_type.c_str());
}

std::optional<std::uint64_t> content_length(const httplib::Request& req) {
  if (!req.has_header("Content-Length")) return std::nullopt;
  try {
    return std::stoull(req.get_header_value("Content-Length"));
  } catch (const std::exception&) {
    return std::nullopt;
  }
}

}  // namespace

class OtlpReceiver::Server final : public httplib::Server {
 public:
  Server(const ReceiverOptions& options, LiveCollector& collector, SaveFile* save)
      : options_(options), collector_(collector), save_(save) {
    new_task_queue = [this] {
      return new ConnectionPool(options_.max_connections, options_.max_waiting,
                                [this](std::function<void()> task) { refuse(std::move(task)); });
    };
    set_pre_routing_handler([](const httplib::Request& req, httplib::Response& res) {
      if (req.path != kPath) {
        set_answer(res, error_answer(404, "not found: trace_summary listen takes POST " + std::string(kPath)));
        return HandlerResponse::Handled;
      }
      if (req.method != "POST") {
        set_answer(res, error_answer(405, "method not allowed: " + std::string(kPath) + " takes POST"));
        res.set_header("Allow", "POST");
        return HandlerResponse::Handled;
      }
      return HandlerResponse::Unhandled;
    });
    set_expect_100_continue_handler([this](const httplib::Request& req, httplib::Response& res) {
      if (auto refusal = check_headers(req.get_header_value("Content-Type"), content_length(req), options_.limits)) {
        set_answer(res, *refusal);
        count(refusal->status);
        return refusal->status;
      }
      return 100;
    });
    Post(kPath, [this](const httplib::Request& req, httplib::Response& res, const httplib::ContentReader& reader) {
      const Answer answer = receive(req, reader);
      count(answer.status);
      set_answer(res, answer);
    });
  }

  ReceiverCounts counts() const { return {ok_.load(), refused_.load()}; }

 private:
  Answer receive(const httplib::Request& req, const httplib::ContentReader& reader) {
    if (auto refusal = check_headers(req.get_header_value("Content-Type"), content_length(req), options_.limits)) {
      return *refusal;
    }
    std::string body;
    bool too_large = false;
    const bool whole = reader([&](const char* data, size_t size) {
      if (body.size() + size > options_.limits.max_bytes) {
        too_large = true;
        return false;
      }
      body.append(data, size);
      return true;
    });
    if (too_large) {
      return error_answer(413, "the body is more than the limit of " + std::to_string(options_.limits.max_bytes) +
                                   " bytes (--max-body)");
    }
    if (!whole) {
      return error_answer(400, "the body was cut short, could not be decompressed, or did not arrive within " +
                                   std::to_string(options_.request_timeout.count() / 1000) + " s");
    }
    return handle_body(std::move(body), options_.limits, collector_, save_);
  }

  void count(int status) { (status == 200 ? ok_ : refused_).fetch_add(1); }

  // Serves one connection: its requests one after another, each within the
  // request timeout; closed after an error answer, when idle too long, or
  // when the server stops.
  bool process_and_close_socket(socket_t sock) override {
    if (refusing_ == std::this_thread::get_id()) return close_busy(sock);
    DeadlineStream stream(sock, options_);
    bool ok = true;
    for (std::size_t n = 0; n < options_.requests_per_connection && wait_for_request(sock); ++n) {
      stream.start_request();
      bool closed = false;
      ok = process_request(stream, n + 1 == options_.requests_per_connection, closed, nullptr);
      if (!ok || closed || stream.error_answered()) break;
    }
    ::shutdown(sock, SHUT_RDWR);
    ::close(sock);
    return ok;
  }

  // The next request's first byte arrives before the idle timeout, and the
  // server is not stopping.
  bool wait_for_request(socket_t sock) const {
    const auto until = Clock::now() + options_.idle_timeout;
    while (svr_sock_ != INVALID_SOCKET && Clock::now() < until) {
      pollfd p{sock, POLLIN, 0};
      const int r = ::poll(&p, 1, 100);
      if (r > 0) return true;
      if (r < 0 && errno != EINTR) return false;
    }
    return false;
  }

  // Runs a connection's task on the accepting thread, which answers 503.
  void refuse(std::function<void()> task) {
    refusing_ = std::this_thread::get_id();
    task();
    refusing_ = std::thread::id();
  }

  bool close_busy(socket_t sock) {
    const Answer answer = error_answer(503, "too many connections; try again");
    const std::string text = "HTTP/1.1 503 Service Unavailable\r\nContent-Type: application/json\r\nRetry-After: 1\r\n"
                             "Connection: close\r\nContent-Length: " +
                             std::to_string(answer.body.size()) + "\r\n\r\n" + answer.body;
    (void)::send(sock, text.data(), text.size(), MSG_NOSIGNAL | MSG_DONTWAIT);
    refused_.fetch_add(1);
    ::shutdown(sock, SHUT_RDWR);
    ::close(sock);
    return false;
  }

  const ReceiverOptions& options_;
  LiveCollector& collector_;
  SaveFile* save_;
  std::atomic<std::size_t> ok_{0}, refused_{0};
  std::atomic<std::thread::id> refusing_{};  // the accepting thread while it refuses a connection
};

OtlpReceiver::OtlpReceiver(const ReceiverOptions& options, LiveCollector& collector, SaveFile* save)
    : options_(options), server_(std::make_unique<Server>(options_, collector, save)) {}

OtlpReceiver::~OtlpReceiver() {
  if (listener_.joinable()) stop();
}

void OtlpReceiver::bind() {
  if (options_.port == 0) {
    port_ = server_->bind_to_any_port(options_.host);
    if (port_ < 0) port_ = 0;
  } else if (server_->bind_to_port(options_.host, options_.port)) {
    port_ = options_.port;
  }
  if (port_ == 0) {
    throw std::runtime_error("cannot listen on " + options_.host + ":" + std::to_string(options_.port) +
                             " (in use, or not an address of this machine)");
  }
}

void OtlpReceiver::start() {
  listener_ = std::thread([this] { server_->listen_after_bind(); });
}

void OtlpReceiver::stop() {
  // stop() before the listening loop has begun would be missed by it.
  for (int i = 0; i < 1000 && !server_->is_running() && listener_.joinable(); ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  server_->stop();
  if (listener_.joinable()) listener_.join();
}

ReceiverCounts OtlpReceiver::counts() const { return server_->counts(); }

}  // namespace trace_summary
