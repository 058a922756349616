using System.Runtime.InteropServices;
using System.Text;
using Microsoft.Win32.SafeHandles;

namespace UsageSchema.Secrets;

/// <summary>
/// Owner and mode of a file on Unix, which .NET has no managed API for (<see cref="File.GetUnixFileMode(string)"/>
/// gives the mode, never the owner). One reading for the key files (<see cref="SecretReader"/>) and the CLI's configuration files. Read through the runtime's own native shim, <c>libSystem.Native</c>, which
/// ships with every .NET runtime on Unix and whose status record begins with flags, mode, uid and gid on every platform.
/// </summary>
internal readonly record struct UnixFileStatus(int Mode, uint OwnerId)
{
    private const int TypeMask = 0xF000;
    private const int RegularFile = 0x8000;
    private const int DirectoryType = 0x4000;

    /// <summary>The permission bits, set-id and sticky bits included.</summary>
    public int Permissions => Mode & 0xFFF;

    public bool IsRegularFile => (Mode & TypeMask) == RegularFile;

    public bool IsDirectory => (Mode & TypeMask) == DirectoryType;

    /// <summary>Whether group or others may write (as ssh's <c>StrictModes</c> tests: <c>mode &amp; 022</c>).</summary>
    public bool WritableByGroupOrOthers => (Mode & 0x12) != 0;

    /// <summary>The sticky bit: in such a directory only an entry's owner may rename or delete it.</summary>
    public bool Sticky => (Mode & 0x200) != 0;

    /// <summary>The mode as <c>chmod</c> writes it, e.g. <c>0664</c>.</summary>
    public string Octal => Convert.ToString(Permissions, 8).PadLeft(4, '0');

    /// <summary>The effective user id of this process.</summary>
    public static uint EffectiveUserId() => Native.GetEUid();

    /// <summary>The status of an open file: the file actually read, whatever its path now names.</summary>
    public static UnixFileStatus Of(SafeFileHandle handle, string path) =>
        Native.FStat(handle, out var status) == 0 ? new(status.Mode, status.Uid) : throw Failure(path);

    /// <summary>The status of what <paramref name="path"/> names, following symbolic links.</summary>
    public static UnixFileStatus Of(string path) =>
        Native.Stat(Bytes(path), out var status) == 0 ? new(status.Mode, status.Uid) : throw Failure(path);

    /// <summary>The canonical path: every symbolic link, <c>.</c> and <c>..</c> resolved by the system.</summary>
    public static string RealPath(string path)
    {
        var resolved = Native.RealPath(Bytes(path));
        if (resolved == IntPtr.Zero)
        {
            throw Failure(path);
        }

        try
        {
            return Marshal.PtrToStringUTF8(resolved)!;
        }
        finally
        {
            Native.Free(resolved);
        }
    }

    private static IOException Failure(string path) =>
        new($"{path}: {Marshal.GetPInvokeErrorMessage(Marshal.GetLastPInvokeError())}");

    private static byte[] Bytes(string path)
    {
        var bytes = new byte[Encoding.UTF8.GetByteCount(path) + 1];
        Encoding.UTF8.GetBytes(path, bytes);
        return bytes;
    }

    /// <summary>The head of the runtime's <c>FileStatus</c>; the size leaves room for the members not read here.</summary>
    [StructLayout(LayoutKind.Sequential, Size = 256)]
    private struct NativeStatus
    {
        public int Flags;
        public int Mode;
        public uint Uid;
        public uint Gid;
    }

    private static class Native
    {
        private const string Library = "libSystem.Native";

        [DllImport(Library, EntryPoint = "SystemNative_FStat", SetLastError = true)]
        public static extern int FStat(SafeFileHandle handle, out NativeStatus status);

        [DllImport(Library, EntryPoint = "SystemNative_Stat", SetLastError = true)]
        public static extern int Stat(byte[] path, out NativeStatus status);

        [DllImport(Library, EntryPoint = "SystemNative_RealPath", SetLastError = true)]
        public static extern IntPtr RealPath(byte[] path);

        [DllImport(Library, EntryPoint = "SystemNative_Free")]
        public static extern void Free(IntPtr pointer);

        [DllImport(Library, EntryPoint = "SystemNative_GetEUid")]
        public static extern uint GetEUid();
    }
}
