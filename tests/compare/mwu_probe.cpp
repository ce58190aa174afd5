// mwu_probe: reads lines "METHOD X1,X2,... Y1,Y2,..." (METHOD auto, exact or
// asymptotic) and prints "U1 P METHOD" for each, for scipy-mannwhitneyu-test.
#include <algorithm>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "compare/mann_whitney.hpp"

namespace {

std::vector<double> parse_list(const std::string& text) {
  std::vector<double> values;
  std::stringstream in(text);
  std::string item;
  while (std::getline(in, item, ',')) values.push_back(std::stod(item));
  std::sort(values.begin(), values.end());
  return values;
}

}  // namespace

int main() {
  using trace_summary::MwuMethod;
  std::string method, x, y;
  while (std::cin >> method >> x >> y) {
    const MwuMethod m = method == "exact"        ? MwuMethod::Exact
                        : method == "asymptotic" ? MwuMethod::Asymptotic
                                                 : MwuMethod::Auto;
    const auto r = trace_summary::mann_whitney_u(parse_list(x), parse_list(y), m);
    std::cout << fmt::format("{:.17g} {:.17g} {}\n", r->u1, r->p_value,
                             r->method == MwuMethod::Exact ? "exact" : "asymptotic");
  }
  return 0;
}
