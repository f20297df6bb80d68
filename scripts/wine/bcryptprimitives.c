/* Stand-in for Windows' bcryptprimitives.dll, for the Wine smoke test only (never shipped).
 * Rust's std (1.78 and later) takes its random seed from ProcessPrng in bcryptprimitives.dll,
 * which every Windows 10 has but Debian 12's Wine 8.0 does not, so renja.exe would not start
 * there ("Library bcryptprimitives.dll not found", exit 53). This forwards to RtlGenRandom,
 * which Wine does implement. scripts/smoke-windows.sh builds it with mingw-w64 when needed. */
#include <windows.h>

BOOLEAN WINAPI SystemFunction036(PVOID buffer, ULONG length); /* RtlGenRandom, advapi32 */

__declspec(dllexport) BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T length) {
    while (length > 0) {
        ULONG chunk = length > 0x10000000 ? 0x10000000 : (ULONG)length;
        if (!SystemFunction036(data, chunk)) return FALSE;
        data += chunk;
        length -= chunk;
    }
    return TRUE;
}
