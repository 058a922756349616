using UsageSchema.GatewayAttributes.Client;
using UsageSchema.Secrets;

namespace UsageSchema.Tests.Clients;

/// <summary>
/// A key file that is a symbolic link: the checks are made on the file opened (its owner and mode), not on the link,
/// so a link of one's own to someone else's file, or to a file others may read, is refused like that file (issue 13).
/// </summary>
public class KeyFileLinkTests
{
    private const string Hidden = "linked-key-0c6f1e9a7b";
    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    [Fact]
    public void A_link_to_a_file_others_may_read_is_refused_naming_the_mode()
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        using var target = KeyFile.Create(Hidden + "\n", OwnerOnly | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
        var link = target.Path + ".link";
        File.CreateSymbolicLink(link, target.Path);
        try
        {
            var error = Assert.Throws<ApiKeyFileException>(() => SecretReader.FromFile(link));

            Assert.Contains("has mode 0644", error.Message, StringComparison.Ordinal);
            Assert.DoesNotContain(Hidden, error.Message, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(link);
        }
    }

    [Fact]
    public void A_link_of_ones_own_to_another_users_file_is_refused()
    {
        // Only root can give a file away.
        if (!OperatingSystem.IsLinux() || Environment.UserName != "root")
        {
            return;
        }

        using var target = KeyFile.Create(Hidden + "\n", OwnerOnly);
        using (var chown = System.Diagnostics.Process.Start("chown", ["65534", target.Path]))
        {
            chown.WaitForExit();
            Assert.Equal(0, chown.ExitCode);
        }

        var link = target.Path + ".link";
        File.CreateSymbolicLink(link, target.Path);
        try
        {
            var error = Assert.Throws<ApiKeyFileException>(() => SecretReader.FromFile(link));

            Assert.Contains("belongs to user id 65534", error.Message, StringComparison.Ordinal);
            Assert.DoesNotContain(Hidden, error.Message, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(link);
        }
    }
}
