using System;
using System.IO;
using Xunit;

namespace MemoryAnalyzers.PackageTests
{
    /// <summary>
    /// Packs MemoryAnalyzers once per test run into a temporary folder, with a version of its own so that no cached
    /// copy of an earlier build can stand in for it.
    /// </summary>
    public sealed class PackedPackage : IDisposable
    {
        public PackedPackage()
        {
            Root = Directory.CreateTempSubdirectory("memoryanalyzers-package-").FullName;
            Feed = Directory.CreateDirectory(Path.Combine(Root, "feed")).FullName;
            Packages = Directory.CreateDirectory(Path.Combine(Root, "packages")).FullName;
            Version = "0.1.0-test." + DateTime.UtcNow.ToString("yyyyMMddHHmmssfff", System.Globalization.CultureInfo.InvariantCulture);

            var repository = DotNetCli.RepositoryRoot();
            var project = Path.Combine(repository, "nuget", "MemoryAnalyzers.Package.csproj");
            // The solution's restore has already run ('dotnet test' restores first); packing in Release writes only to
            // Release folders, so it cannot disturb the Debug builds that run beside this test.
            var pack = DotNetCli.Run(repository, packagesFolder: null, "pack", project, "--no-restore", "-c", "Release", "-o", Feed, "-p:Version=" + Version);
            Assert.True(pack.ExitCode == 0, "dotnet pack failed: " + pack);
            PackagePath = Path.Combine(Feed, $"MemoryAnalyzers.{Version}.nupkg");
            Assert.True(File.Exists(PackagePath), "no package at " + PackagePath + ": " + pack);
        }

        public string Root { get; }

        public string Feed { get; }

        /// <summary>NUGET_PACKAGES for the consumer projects, so that the freshly packed analyzer is extracted rather than an older copy reused.</summary>
        public string Packages { get; }

        public string Version { get; }

        public string PackagePath { get; }

        public void Dispose()
        {
            try
            {
                Directory.Delete(Root, recursive: true);
            }
            catch (IOException)
            {
                // A build server may still hold a file; the temporary folder is the system's to clean then.
            }
        }
    }
}
