/*
 * A stand-in bcryptprimitives.dll for running Postdeck's Windows build under
 * Wine 8 in `make test-dist`. TEST SCAFFOLDING ONLY: it is never shipped.
 *
 * Go 1.22+ programs get their random numbers from ProcessPrng in
 * bcryptprimitives.dll, which Windows 10+ has and Wine 8 lacks, so the Go
 * runtime dies at start. This DLL exports ProcessPrng on top of RtlGenRandom
 * (advapi32's SystemFunction036), which Wine does have.
 */
#include <windows.h>

BOOLEAN WINAPI SystemFunction036(PVOID buffer, ULONG length);

__declspec(dllexport) BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T length)
{
    while (length > 0) {
        ULONG n = length > 0x40000000 ? 0x40000000 : (ULONG)length;
        if (!SystemFunction036(data, n))
            return FALSE;
        data += n;
        length -= n;
    }
    return TRUE;
}
