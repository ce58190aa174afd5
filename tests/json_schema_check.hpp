// A minimal JSON Schema checker for the keywords the documented schemas use
// (type, enum, required, properties, additionalProperties, items), shared
// by the tests of the JSON formats.
#pragma once

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <string>

namespace trace_summary::testing {

inline bool type_matches(const nlohmann::json& v, const std::string& type) {
  if (type == "object") return v.is_object();
  if (type == "array") return v.is_array();
  if (type == "string") return v.is_string();
  if (type == "integer") return v.is_number_integer();
  if (type == "number") return v.is_number();
  if (type == "null") return v.is_null();
  if (type == "boolean") return v.is_boolean();
  return false;
}

inline void validate(const nlohmann::json& v, const nlohmann::json& schema, const std::string& where) {
  if (schema.contains("type")) {
    bool ok = false;
    if (schema["type"].is_array()) {
      for (const auto& t : schema["type"]) ok = ok || type_matches(v, t.get<std::string>());
    } else {
      ok = type_matches(v, schema["type"].get<std::string>());
    }
    ASSERT_TRUE(ok) << where << " is not " << schema["type"].dump();
  }
  if (schema.contains("enum")) {
    ASSERT_NE(std::find(schema["enum"].begin(), schema["enum"].end(), v), schema["enum"].end()) << where;
  }
  if (v.is_object()) {
    for (const auto& key : schema.value("required", nlohmann::json::array())) {
      ASSERT_TRUE(v.contains(key.get<std::string>())) << where << " lacks " << key;
    }
    for (const auto& [key, value] : v.items()) {
      if (schema.contains("properties") && schema["properties"].contains(key)) {
        validate(value, schema["properties"][key], where + "." + key);
      } else if (schema.contains("additionalProperties")) {
        const auto& extra = schema["additionalProperties"];
        ASSERT_FALSE(extra.is_boolean() && !extra.get<bool>()) << where << " has unexpected " << key;
        if (extra.is_object()) validate(value, extra, where + "." + key);
      }
    }
  }
  if (v.is_array() && schema.contains("items")) {
    for (std::size_t i = 0; i < v.size(); ++i) validate(v[i], schema["items"], where + "[" + std::to_string(i) + "]");
  }
}

}  // namespace trace_summary::testing
