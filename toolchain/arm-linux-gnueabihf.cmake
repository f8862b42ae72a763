# Cross build for 32-bit ARM units (Debian armhf: ARMv7, hard float):
# cmake -DCMAKE_TOOLCHAIN_FILE=toolchain/arm-linux-gnueabihf.cmake
# -DANPR_SYSROOT=DIR. toolchain/cross-build makes the sysroot and builds.
set(CMAKE_SYSTEM_PROCESSOR arm)
set(ANPR_TRIPLET arm-linux-gnueabihf)
set(ANPR_QEMU qemu-arm-static)
include(${CMAKE_CURRENT_LIST_DIR}/debian-cross.cmake)
