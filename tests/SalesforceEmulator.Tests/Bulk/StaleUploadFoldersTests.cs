using SalesforceEmulator.Bulk;

namespace SalesforceEmulator.Tests.Bulk;

public sealed class StaleUploadFoldersTests
{
    [Test]
    public void Folders_of_processes_that_are_gone_are_removed_and_live_ones_kept()
    {
        var root = Directory.CreateTempSubdirectory("uploads").FullName;
        try
        {
            var gone = Directory.CreateDirectory(Path.Combine(root, $"{int.MaxValue}-0123abcd")).FullName;
            File.WriteAllText(Path.Combine(gone, "750000000000001AAA.csv"), "Name\nA\n");
            var live = Directory.CreateDirectory(Path.Combine(root, $"{Environment.ProcessId}-4567ef")).FullName;
            var other = Directory.CreateDirectory(Path.Combine(root, "not-an-upload-folder")).FullName;

            var removed = StaleUploadFolders.Remove(root);

            Assert.That(removed, Is.EqualTo(1));
            Assert.That(Directory.Exists(gone), Is.False, "its emulator is gone");
            Assert.That(Directory.Exists(live), Is.True, "its emulator still runs");
            Assert.That(Directory.Exists(other), Is.True, "not named as an emulator names its folders");
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    [Test]
    public void A_missing_root_is_nothing_to_do() =>
        Assert.That(StaleUploadFolders.Remove(Path.Combine(Path.GetTempPath(), $"no-such-{Guid.NewGuid():N}")), Is.Zero);
}
