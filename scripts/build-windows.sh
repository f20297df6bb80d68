#!/usr/bin/env bash
# Cross-builds renja.exe for 64-bit Windows (x86_64-pc-windows-gnu) on Debian, linked by
# mingw-w64 and statically (libgcc and the C runtime start-up inside the exe), so it needs no DLL
# beyond those every Windows ships. Checks that with objdump and fails if another DLL appears.
#
#   scripts/build-windows.sh        # → target/windows/renja.exe (stripped; what ships)
#
# Missing prerequisites are installed when possible: the Rust target with `rustup target add`,
# the linker with `apt-get install gcc-mingw-w64-x86-64` (as root). When that fails the script
# says what is missing and exits 3, so CI can skip the Windows step without failing.
# Exit codes: 0 built; 3 a prerequisite is missing; anything else: the build itself failed.
set -euo pipefail
cd "$(dirname "$0")/.."

target=x86_64-pc-windows-gnu
linker=x86_64-w64-mingw32-gcc
out=target/windows/renja.exe

missing() {
  echo "build-windows: TIDAK BISA / CANNOT BUILD: $*" >&2
  exit 3
}

# The Rust standard library for the target, from rustup's dist server.
if ! rustc --print target-libdir --target "$target" 2>/dev/null | xargs -r test -d; then
  command -v rustup >/dev/null || missing "the Rust target $target is not installed and rustup is not here to add it"
  echo "build-windows: rustup target add $target"
  if ! rustup target add "$target"; then
    missing "rustup could not add the target $target (no access to its dist server, static.rust-lang.org?)"
  fi
fi
# rustc prints a libdir even when it is empty; the std rlib is what matters.
ls "$(rustc --print target-libdir --target "$target")"/libstd-*.rlib >/dev/null 2>&1 \
  || missing "the Rust standard library for $target is not installed (rustup target add $target)"

# The linker, from Debian's gcc-mingw-w64-x86-64.
if ! command -v "$linker" >/dev/null; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    echo "build-windows: apt-get install gcc-mingw-w64-x86-64"
    (apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends \
      gcc-mingw-w64-x86-64) >/tmp/renja-mingw-install.log 2>&1 || true
  fi
  command -v "$linker" >/dev/null \
    || missing "the linker $linker is missing (apt-get install gcc-mingw-w64-x86-64; log: /tmp/renja-mingw-install.log)"
fi

# Set here, not in .cargo/config.toml, so nobody else's build changes.
export CARGO_TARGET_X86_64_PC_WINDOWS_GNU_LINKER="$linker"
export CARGO_TARGET_X86_64_PC_WINDOWS_GNU_RUSTFLAGS="-C target-feature=+crt-static"

# Version information (Explorer's Properties → Details), made by mingw-w64's windres and linked
# into the exe alone: `cargo rustc … -- ARGS` passes ARGS to the binary crate only, so no
# dependency is rebuilt for it and no build.rs or build-dependency is needed. No icon.
version=$(sed -n 's/^version = "\(.*\)"/\1/p' Cargo.toml | head -n1)
IFS=. read -r major minor patch <<<"${version%%-*}"
mkdir -p target/windows
cat >target/windows/renja.rc <<RC
1 VERSIONINFO
FILEVERSION $major,$minor,$patch,0
PRODUCTVERSION $major,$minor,$patch,0
FILEOS 0x40004
FILETYPE 0x1
BEGIN
  BLOCK "StringFileInfo"
  BEGIN
    BLOCK "042104B0"
    BEGIN
      VALUE "CompanyName", "renja contributors"
      VALUE "FileDescription", "renja: periksa dan bersihkan buku kerja Renja dan realisasi anggaran"
      VALUE "FileVersion", "$version"
      VALUE "InternalName", "renja"
      VALUE "LegalCopyright", "MIT License, renja contributors"
      VALUE "OriginalFilename", "renja.exe"
      VALUE "ProductName", "renja"
      VALUE "ProductVersion", "$version"
    END
  END
  BLOCK "VarFileInfo"
  BEGIN
    VALUE "Translation", 0x0421, 1200
  END
END
RC
x86_64-w64-mingw32-windres -O coff -o target/windows/renja-version.o target/windows/renja.rc

cargo rustc --release --locked --target "$target" --bin renja -- \
  -C "link-arg=$PWD/target/windows/renja-version.o"

mkdir -p "$(dirname "$out")"
x86_64-w64-mingw32-strip -o "$out" "target/$target/release/renja.exe"

# Only DLLs that are part of Windows itself (10 and later, which Rust's std requires; combase.dll
# exists since 8). libgcc_s_seh-1.dll, libwinpthread-1.dll or libstdc++-6.dll here would mean
# the exe fails on a staff PC with "DLL not found".
dlls=$(x86_64-w64-mingw32-objdump -p "$out" | sed -n 's/^[[:space:]]*DLL Name: //p')
echo "build-windows: DLLs imported by $out:"
sed 's/^/  /' <<<"$dlls"
bad=$(grep -viE '^(kernel32|ntdll|msvcrt|ucrtbase|advapi32|bcrypt|combase|bcryptprimitives|user32|shell32|ole32|oleaut32|ws2_32|userenv|secur32|crypt32|gdi32|shlwapi|synchronization|api-ms-win-[a-z0-9-]+)\.dll$' <<<"$dlls" || true)
if [ -n "$bad" ]; then
  echo "build-windows: FAILED: the exe needs DLLs Windows does not ship:" >&2
  echo "$bad" >&2
  exit 1
fi
echo "build-windows: $(stat -c %s "$out") bytes"
echo "$out"
