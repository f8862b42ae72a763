# Cross build for 64-bit ARM units (Debian arm64): cmake -DCMAKE_TOOLCHAIN_FILE=
# toolchain/aarch64-linux-gnu.cmake -DANPR_SYSROOT=DIR. toolchain/cross-build
# makes the sysroot and builds.
set(CMAKE_SYSTEM_PROCESSOR aarch64)
set(ANPR_TRIPLET aarch64-linux-gnu)
set(ANPR_QEMU qemu-aarch64-static)
include(${CMAKE_CURRENT_LIST_DIR}/debian-cross.cmake)
