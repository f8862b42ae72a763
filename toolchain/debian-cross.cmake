# Shared part of the cross toolchain files (aarch64-linux-gnu.cmake,
# arm-linux-gnueabihf.cmake): Debian's cross compiler for ANPR_TRIPLET,
# building against a sysroot of Debian's -dev packages for the target made by
# toolchain/cross-build (docs/cross-builds.md). Tests run under qemu user
# emulation (Debian's qemu-user-static), with the sysroot as the library root.
set(CMAKE_SYSTEM_NAME Linux)

# The sysroot: -DANPR_SYSROOT=..., else $ANPR_SYSROOT. Passed on to CMake's
# own test builds (try_compile), which read this file again.
if(NOT ANPR_SYSROOT)
  set(ANPR_SYSROOT "$ENV{ANPR_SYSROOT}")
endif()
if(NOT ANPR_SYSROOT OR NOT EXISTS "${ANPR_SYSROOT}/usr/lib/${ANPR_TRIPLET}")
  message(FATAL_ERROR "no ${ANPR_TRIPLET} sysroot at '${ANPR_SYSROOT}': make one with "
                      "toolchain/cross-build, or pass -DANPR_SYSROOT=DIR")
endif()
set(ENV{ANPR_SYSROOT} "${ANPR_SYSROOT}")
list(APPEND CMAKE_TRY_COMPILE_PLATFORM_VARIABLES ANPR_SYSROOT ANPR_TRIPLET ANPR_QEMU)

set(CMAKE_C_COMPILER ${ANPR_TRIPLET}-gcc)
set(CMAKE_CXX_COMPILER ${ANPR_TRIPLET}-g++)
set(CMAKE_STRIP ${ANPR_TRIPLET}-strip)
# Debian 12's cross GCC 12 warns wrongly of overlapping copies inside
# std::string's operator+ when it optimises (GCC bug 105651), which -Werror
# turns into errors; the native build at -O2 does not see it.
set(CMAKE_CXX_FLAGS_INIT "-Wno-restrict")
set(CMAKE_SYSROOT "${ANPR_SYSROOT}")

# Libraries, headers and CMake packages from the sysroot only; programs
# (pkg-config, protoc, ...) from the build machine.
set(CMAKE_FIND_ROOT_PATH "${ANPR_SYSROOT}")
set(CMAKE_FIND_ROOT_PATH_MODE_PROGRAM NEVER)
set(CMAKE_FIND_ROOT_PATH_MODE_LIBRARY ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_INCLUDE ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_PACKAGE ONLY)
set(CMAKE_LIBRARY_ARCHITECTURE ${ANPR_TRIPLET})

# pkg-config answers for the target, with paths inside the sysroot.
set(ENV{PKG_CONFIG_DIR} "")
set(ENV{PKG_CONFIG_LIBDIR}
    "${ANPR_SYSROOT}/usr/lib/${ANPR_TRIPLET}/pkgconfig:${ANPR_SYSROOT}/usr/share/pkgconfig")
set(ENV{PKG_CONFIG_SYSROOT_DIR} "${ANPR_SYSROOT}")

# ctest and gtest_discover_tests run the target's programs through qemu.
set(CMAKE_CROSSCOMPILING_EMULATOR ${ANPR_QEMU} -L "${ANPR_SYSROOT}")
