using System;
using System.Diagnostics;
using System.IO;
using System.Text;

namespace MemoryAnalyzers.PackageTests
{
    /// <summary>Runs the dotnet CLI as a user would, isolated from the machine's package cache and build servers.</summary>
    internal static class DotNetCli
    {
        public sealed record Result(int ExitCode, string Output)
        {
            public override string ToString() => $"exit code {ExitCode}{Environment.NewLine}{Output}";
        }

        /// <param name="packagesFolder">
        /// NUGET_PACKAGES for the command, or null to keep the machine's. Only a project of the test's own may restore
        /// into a folder of its own: restoring a repository project that way would point its assets file at a folder
        /// the test deletes, under the feet of the builds running beside it.
        /// </param>
        public static Result Run(string workingDirectory, string? packagesFolder, params string[] arguments)
        {
            var startInfo = new ProcessStartInfo("dotnet")
            {
                WorkingDirectory = workingDirectory,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            foreach (var argument in arguments)
            {
                startInfo.ArgumentList.Add(argument);
            }

            if (packagesFolder is not null)
            {
                startInfo.Environment["NUGET_PACKAGES"] = packagesFolder;
            }

            startInfo.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
            startInfo.Environment["DOTNET_NOLOGO"] = "1";
            startInfo.Environment["MSBUILDDISABLENODEREUSE"] = "1";
            startInfo.Environment["DOTNET_CLI_DO_NOT_USE_MSBUILD_SERVER"] = "1";
            startInfo.Environment["UseSharedCompilation"] = "false";

            using var process = Process.Start(startInfo) ?? throw new InvalidOperationException("could not start dotnet");
            var output = new StringBuilder();
            process.OutputDataReceived += (_, e) => { if (e.Data is not null) { lock (output) { output.AppendLine(e.Data); } } };
            process.ErrorDataReceived += (_, e) => { if (e.Data is not null) { lock (output) { output.AppendLine(e.Data); } } };
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            if (!process.WaitForExit(TimeSpan.FromMinutes(10)))
            {
                process.Kill(entireProcessTree: true);
                throw new TimeoutException("dotnet " + string.Join(' ', arguments) + " did not finish in 10 minutes");
            }

            process.WaitForExit();
            lock (output)
            {
                return new Result(process.ExitCode, output.ToString());
            }
        }

        public static string RepositoryRoot()
        {
            for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
            {
                if (File.Exists(Path.Combine(directory.FullName, "MemoryAnalyzers.sln")))
                {
                    return directory.FullName;
                }
            }

            throw new InvalidOperationException("MemoryAnalyzers.sln not found above " + AppContext.BaseDirectory);
        }
    }
}
