using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace UsageSchema.Secrets;

/// <summary>
/// Who owns an opened file, and who we are, on Linux: <c>statx</c> on the open descriptor (as
/// <c>fstat</c>: the file that was opened, not whatever the path names a moment later) and <c>geteuid</c>.
/// </summary>
internal static class KeyFileOwner
{
    private const int AtEmptyPath = 0x1000;
    private const uint StatxUid = 0x8;
    private const int StatxBytes = 256;
    private const int UidOffset = 20;

    /// <summary>The owner's and our user ids; null where they cannot be known (not Linux, no statx).</summary>
    public static (uint Owner, uint Us)? Of(SafeFileHandle handle)
    {
        if (!OperatingSystem.IsLinux())
        {
            return null;
        }

        var added = false;
        try
        {
            handle.DangerousAddRef(ref added);
            var buffer = new byte[StatxBytes];
            var status = NativeMethods.statx((int)handle.DangerousGetHandle(), [0], AtEmptyPath, StatxUid, buffer);
            if (status != 0 || (MemoryMarshal.Read<uint>(buffer) & StatxUid) == 0)
            {
                return null;
            }

            // struct statx is the same on every Linux architecture: stx_uid is the u32 at offset 20, in native byte order.
            return (MemoryMarshal.Read<uint>(buffer.AsSpan(UidOffset)), NativeMethods.geteuid());
        }
        catch (Exception exception) when (exception is EntryPointNotFoundException or DllNotFoundException)
        {
            return null;
        }
        finally
        {
            if (added)
            {
                handle.DangerousRelease();
            }
        }
    }

    private static class NativeMethods
    {
        [DllImport("libc", SetLastError = true)]
        [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
        public static extern int statx(int dirfd, byte[] pathname, int flags, uint mask, byte[] statxbuf);

        [DllImport("libc")]
        [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
        public static extern uint geteuid();
    }
}
