// Compiled as a renderer (linking only what src/render links): the loader's
// storage must be out of reach, so this must not compile.
#include "load/trace_set.hpp"

int render_includes_loader() { return 0; }
