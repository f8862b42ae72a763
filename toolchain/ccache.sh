# Sourced by toolchain/build and toolchain/cross-build: compile through ccache
# when it is installed. Paths are hashed relative to the clone, so that
# clones in other folders (CI's) share the cache; ccache_options carries the
# CMake option.
ccache_options=()
if command -v ccache >/dev/null; then
  export CCACHE_BASEDIR="$PWD" CCACHE_NOHASHDIR=1
  ccache_options=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
fi
