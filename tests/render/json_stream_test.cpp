// JsonStream against nlohmann's dump() of the same document: the stream must
// write exactly what dump(2) (or dump() for compact) writes of the whole.
#include "render/json_stream.hpp"

#include <gtest/gtest.h>

#include <random>
#include <string>

#include "io/output.hpp"

namespace trace_summary {
namespace {

// Writes `doc` (an object or array) through JsonStream, member by member,
// using the scalar members where they apply.
void stream(JsonStream& json, const OrderedJson& doc) {
  json.open(doc.is_object() ? '{' : '[');
  if (doc.is_object()) {
    for (const auto& [name, value] : doc.items()) {
      if (value.is_string()) {
        json.member_text(name, value.get_ref<const std::string&>());
      } else if (value.is_number_unsigned()) {
        json.member_uint(name, value.get<std::uint64_t>());
      } else if (value.is_number_integer()) {
        json.member_int(name, value.get<std::int64_t>());
      } else if (value.is_number_float()) {
        json.member_double(name, value.get<double>());
      } else if (value.is_null()) {
        json.member_null(name);
      } else if (value.is_structured() && name.size() % 2 == 0) {
        json.key(name);
        stream(json, value);
      } else {
        json.member(name, value);
      }
    }
  } else {
    for (const auto& value : doc) {
      if (value.is_structured() && value.size() % 2 == 0) {
        stream(json, value);
      } else {
        json.value(value);
      }
    }
  }
  json.close();
}

std::string text_of(std::mt19937_64& random, std::size_t max_size) {
  static const std::string kPieces[] = {"a", "Zz", "HTTP_RECV_START", " ", "\"", "\\", "\x01", "\x1f", "\x7f", "\xc3\xa9",
                                       "\xe2\x82\xac", "\xff", "\xc3", "/", "~", "\n", "0123456789abcdef"};
  std::string text;
  const std::size_t size = random() % (max_size + 1);
  while (text.size() < size) text += kPieces[random() % std::size(kPieces)];
  return text;
}

OrderedJson random_value(std::mt19937_64& random, int depth);

OrderedJson random_container(std::mt19937_64& random, int depth) {
  const bool object = random() % 2 == 0;
  OrderedJson doc = object ? OrderedJson::object() : OrderedJson::array();
  const std::size_t n = random() % 6;
  for (std::size_t i = 0; i < n; ++i) {
    if (object) {
      doc[text_of(random, 12) + std::to_string(i)] = random_value(random, depth + 1);
    } else {
      doc.push_back(random_value(random, depth + 1));
    }
  }
  return doc;
}

OrderedJson random_value(std::mt19937_64& random, int depth) {
  switch (depth > 6 ? random() % 6 : random() % 8) {
    case 0: return text_of(random, random() % 10 == 0 ? 40000 : 30);
    case 1: return static_cast<std::int64_t>(random());
    case 2: return static_cast<std::uint64_t>(random());
    case 3: return static_cast<double>(static_cast<std::int64_t>(random() % 100000000)) / 1000;
    case 4: return nullptr;
    case 5: return random() % 2 == 0;
    default: return random_container(random, depth);
  }
}

std::string dump_of(const OrderedJson& doc, bool compact) {
  return doc.dump(compact ? -1 : 2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
}

TEST(JsonStream, WritesWhatDumpWritesOfTheWholeDocument) {
  std::mt19937_64 random(7);
  for (int round = 0; round < 400; ++round) {
    const OrderedJson doc = random_container(random, 0);
    for (bool compact : {false, true}) {
      Output out;
      JsonStream json(out, compact);
      stream(json, doc);
      ASSERT_EQ(out.text(), dump_of(doc, compact)) << "round " << round << (compact ? ", compact" : "");
    }
  }
}

TEST(JsonStream, IndentsBeyondItsBlockAsDumpDoes) {
  OrderedJson doc = OrderedJson::array({1});
  for (int depth = 0; depth < 9000; ++depth) doc = OrderedJson::array({std::move(doc)});
  Output out;
  JsonStream json(out);
  for (int depth = 0; depth < 9001; ++depth) json.open('[');
  json.value(1);
  for (int depth = 0; depth < 9001; ++depth) json.close();
  EXPECT_EQ(out.text(), doc.dump(2) + "\n");
}

TEST(JsonStream, HandsOverAWholeDocumentAtItsEndAndNothingBefore) {
  Output out;
  JsonStream json(out, true);
  json.open('{');
  json.member_text("name", "QUEUE_START");
  json.member_int("ns", 12);
  EXPECT_EQ(out.text(), "");
  json.close();
  EXPECT_EQ(out.text(), "{\"name\":\"QUEUE_START\",\"ns\":12}\n");
  out << "between\n";
  json.open('[');
  json.value(nullptr);
  json.close();
  EXPECT_EQ(out.text(), "{\"name\":\"QUEUE_START\",\"ns\":12}\nbetween\n[null]\n");
}

TEST(JsonStream, EscapesEveryByteThatIsNotPlainAsDumpDoes) {
  for (int byte = 0; byte < 256; ++byte) {
    for (std::size_t at : {0, 3, 7, 8, 13}) {
      std::string text(16, 'a');
      text[at] = static_cast<char>(byte);
      Output out;
      JsonStream json(out, true);
      json.open('{');
      json.member_text("k", text);
      json.close();
      ASSERT_EQ(out.text(), dump_of(OrderedJson{{"k", text}}, true)) << "byte " << byte << " at " << at;
    }
  }
}

}  // namespace
}  // namespace trace_summary
