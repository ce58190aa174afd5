# -DTRACE_SUMMARY_STATIC=ON: link trace_summary fully statically (glibc,
# libstdc++, zlib, fmt), so one file runs in any x86-64 Linux container, such
# as a Triton image, whatever its libraries. Included at the end of the top
# CMakeLists.txt once the targets exist.
option(TRACE_SUMMARY_STATIC "Link trace_summary fully statically" OFF)
if(NOT TRACE_SUMMARY_STATIC)
  return()
endif()

# libz.a comes with zlib1g-dev.
find_library(TRACE_SUMMARY_LIBZ_A NAMES libz.a REQUIRED)
set_target_properties(ZLIB::ZLIB PROPERTIES IMPORTED_LOCATION ${TRACE_SUMMARY_LIBZ_A}
  IMPORTED_LOCATION_RELEASE ${TRACE_SUMMARY_LIBZ_A} IMPORTED_LOCATION_DEBUG ${TRACE_SUMMARY_LIBZ_A})

# Debian's libfmt-dev ships no libfmt.a, only libfmt.so: compile fmt into the
# binary from its headers instead (FMT_HEADER_ONLY, same package).
get_property(targets DIRECTORY src PROPERTY BUILDSYSTEM_TARGETS)
foreach(target IN LISTS targets)
  foreach(property LINK_LIBRARIES INTERFACE_LINK_LIBRARIES)
    get_target_property(libraries ${target} ${property})
    if(libraries)
      list(TRANSFORM libraries REPLACE "^fmt::fmt$" "fmt::fmt-header-only")
      set_target_properties(${target} PROPERTIES ${property} "${libraries}")
    endif()
  endforeach()
endforeach()

# libstdc++.a comes with g++ and libc.a with libc6-dev. With glibc before
# 2.34, a static link keeps only the libpthread.a members it sees used, and
# std::thread then crashes; taking the whole archive avoids that (from 2.34
# on the archive is empty and this costs nothing).
target_link_options(trace_summary PRIVATE -static)
target_link_libraries(trace_summary PRIVATE -Wl,--whole-archive -lpthread -Wl,--no-whole-archive)
