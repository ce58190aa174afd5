# Install rules and the Debian package (cpack -G DEB), included at the end of
# the top CMakeLists.txt once the targets exist.
include(GNUInstallDirs)

# The man page is gzipped as Debian policy asks; man reads it either way.
set(man_page ${PROJECT_BINARY_DIR}/trace_summary.1.gz)
add_custom_command(OUTPUT ${man_page}
  COMMAND sh -c "gzip -9 -n -c \"$1\" > \"$2\"" sh ${PROJECT_SOURCE_DIR}/docs/trace_summary.1 ${man_page}
  DEPENDS ${PROJECT_SOURCE_DIR}/docs/trace_summary.1
  VERBATIM)
add_custom_target(trace_summary_man ALL DEPENDS ${man_page})
add_dependencies(trace_summary trace_summary_man)

# zsh reads $prefix/share/zsh/site-functions for /usr/local installs; Debian's
# zsh reads /usr/share/zsh/vendor-completions for packaged ones. CPack installs
# into <staging>/usr, so "ends in /usr" is the packaged case.
install(CODE [[
  if(CMAKE_INSTALL_PREFIX MATCHES "/usr/?$")
    set(TRACE_SUMMARY_ZSH_DIR vendor-completions)
  else()
    set(TRACE_SUMMARY_ZSH_DIR site-functions)
  endif()
]])

install(TARGETS trace_summary RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
install(FILES ${man_page} DESTINATION ${CMAKE_INSTALL_MANDIR}/man1)
install(FILES completions/trace_summary.bash RENAME trace_summary
  DESTINATION ${CMAKE_INSTALL_DATADIR}/bash-completion/completions)
install(FILES completions/_trace_summary
  DESTINATION "${CMAKE_INSTALL_DATADIR}/zsh/\${TRACE_SUMMARY_ZSH_DIR}")
install(FILES README.md LICENSE docs/json-output.md docs/json-output.schema.json
  DESTINATION ${CMAKE_INSTALL_DATADIR}/doc/trace-summary)

set(TRACE_SUMMARY_MAINTAINER "trace_summary maintainers <maintainers@users.noreply.r-seed-13ee2729.example>"
  CACHE STRING "The Maintainer field of the Debian package")
set(CPACK_PACKAGE_NAME trace-summary)
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGE_VENDOR "the trace_summary authors")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "summarise NVIDIA Triton Inference Server trace files")
set(CPACK_PACKAGE_DESCRIPTION
  "trace_summary reads the trace files that Triton Inference Server writes with
--trace-config level=TIMESTAMPS and prints, per model, where the time of an
inference request went: HTTP/GRPC receive and send, queueing, and compute.
Its default output is exactly that of Triton's trace_summary.py; it also
prints percentile tables, JSON and CSV, and Chrome trace timelines, reads
gzip-compressed files and files of a server that is still running, and
reads large files on several cores.")
set(CPACK_PACKAGE_HOMEPAGE_URL "https://github.com/triton-inference-server/server")
set(CPACK_RESOURCE_FILE_LICENSE ${PROJECT_SOURCE_DIR}/LICENSE)
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_STRIP_FILES ON)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)  # trace-summary_0.1.0_amd64.deb
set(CPACK_DEBIAN_PACKAGE_MAINTAINER ${TRACE_SUMMARY_MAINTAINER})
set(CPACK_DEBIAN_PACKAGE_SECTION utils)
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)  # Depends from the linked libraries (dpkg-shlibdeps)
set(CPACK_DEBIAN_PACKAGE_SUGGESTS "bash-completion")
include(CPack)
