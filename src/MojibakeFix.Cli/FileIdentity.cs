using System.Runtime.InteropServices;
using System.Text;

namespace MojibakeFix.Cli;

/// <summary>
/// Whether two paths name the same file: the same device and inode on Linux (hard links, symbolic links and
/// bind mounts included); elsewhere the same full path once symbolic links are followed.
/// </summary>
internal static unsafe class FileIdentity
{
    // stat(2) from the C library already loaded into the process. On Linux x64 and arm64 struct stat begins with
    // the 64-bit st_dev and st_ino; glibc exports stat since 2.33, musl always.
    private static readonly delegate* unmanaged<byte*, byte*, int> Stat = FindStat();

    private static delegate* unmanaged<byte*, byte*, int> FindStat() =>
        OperatingSystem.IsLinux() && RuntimeInformation.ProcessArchitecture is Architecture.X64 or Architecture.Arm64
            && NativeLibrary.TryGetExport(NativeLibrary.GetMainProgramHandle(), "stat", out nint address)
            ? (delegate* unmanaged<byte*, byte*, int>)address
            : null;

    internal static bool Same(string a, string b)
    {
        if (Stat != null)
        {
            return TryId(a, out var x) && TryId(b, out var y) && x == y;
        }

        return string.Equals(Resolve(a), Resolve(b), OperatingSystem.IsWindows() || OperatingSystem.IsMacOS() ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal);
    }

    /// <summary>An identity of the file at <paramref name="path"/> to compare later (device and inode; the full path where stat is not available); null when it does not exist.</summary>
    internal static object? Of(string path)
    {
        if (Stat != null)
        {
            return TryId(path, out var id) ? id : null;
        }

        return File.Exists(path) ? Resolve(path) : null;
    }

    private static bool TryId(string path, out (ulong Device, ulong Inode) id)
    {
        id = default;
        byte[] name = new byte[Encoding.UTF8.GetByteCount(path) + 1];
        Encoding.UTF8.GetBytes(path, name);
        byte* buffer = stackalloc byte[512];
        fixed (byte* p = name)
        {
            if (Stat(p, buffer) != 0)
            {
                return false;
            }
        }

        id = (*(ulong*)buffer, *(ulong*)(buffer + 8));
        return true;
    }

    /// <summary>The full path with symbolic links followed in every part of it.</summary>
    internal static string Resolve(string path, int depth = 0)
    {
        string full = Path.GetFullPath(path);
        string? parent = Path.GetDirectoryName(full);
        if (parent is not null && depth < 40)
        {
            full = Path.Combine(Resolve(parent, depth + 1), Path.GetFileName(full));
        }

        try
        {
            FileSystemInfo? target = new FileInfo(full).ResolveLinkTarget(returnFinalTarget: true);
            return target is null || depth >= 40 ? full : Resolve(target.FullName, depth + 1);
        }
        catch (IOException)
        {
            return full;
        }
    }
}
