using System.IO;

namespace MemoryAnalyzers.PackageTests
{
    /// <summary>A fresh console project that installs MemoryAnalyzers from the local feed only.</summary>
    internal sealed class ConsumerProject
    {
        /// <summary>
        /// MEM001 (a warning) with its accumulation on line 6, column 5, and MEM008 (Info, so silent in a build unless
        /// raised) on <c>Squares</c>.
        /// </summary>
        public const string ProgramSource = """
            using System;

            string result = "";
            for (int i = 0; i < 10; i++)
            {
                result += i;
            }

            Console.WriteLine(result);

            static class Sequences
            {
                public static System.Collections.Generic.IEnumerable<int> Squares(int count)
                {
                    var squares = new System.Collections.Generic.List<int>();
                    for (int i = 0; i < count; i++)
                    {
                        squares.Add(i * i);
                    }

                    return squares;
                }
            }

            """;

        public const int ReportedLine = 6;
        public const int ReportedColumn = 5;

        private readonly PackedPackage _package;

        /// <param name="mode">The project's MemoryAnalyzersMode, or null to leave it unset.</param>
        public ConsumerProject(PackedPackage package, string name, string? mode = null)
        {
            _package = package;
            Directory = System.IO.Directory.CreateDirectory(Path.Combine(package.Root, name)).FullName;
            File.WriteAllText(Path.Combine(Directory, "Consumer.csproj"), $"""
                <Project Sdk="Microsoft.NET.Sdk">
                  <PropertyGroup>
                    <OutputType>Exe</OutputType>
                    <TargetFramework>net10.0</TargetFramework>
                    <Nullable>enable</Nullable>
                    {(mode is null ? "" : $"<MemoryAnalyzersMode>{mode}</MemoryAnalyzersMode>")}
                  </PropertyGroup>
                  <ItemGroup>
                    <PackageReference Include="MemoryAnalyzers" Version="{package.Version}" />
                  </ItemGroup>
                </Project>
                """);

            // Only the folder the test packed into: the build must not depend on any other feed.
            File.WriteAllText(Path.Combine(Directory, "nuget.config"), $"""
                <?xml version="1.0" encoding="utf-8"?>
                <configuration>
                  <packageSources>
                    <clear />
                    <add key="local" value="{package.Feed}" />
                  </packageSources>
                </configuration>
                """);
            File.WriteAllText(ProgramPath, ProgramSource);
        }

        public string Directory { get; }

        public string ProgramPath => Path.Combine(Directory, "Program.cs");

        public DotNetCli.Result Dotnet(params string[] arguments) => DotNetCli.Run(Directory, _package.Packages, arguments);

        public DotNetCli.Result Build(params string[] extraArguments)
            => Dotnet(["build", "Consumer.csproj", "-nodeReuse:false", "-p:UseSharedCompilation=false", .. extraArguments]);

        /// <param name="entry">One setting, such as <c>dotnet_diagnostic.MEM001.severity = error</c>.</param>
        public void WriteEditorConfig(string entry)
            => File.WriteAllText(Path.Combine(Directory, ".editorconfig"), $"""
                root = true

                [*.cs]
                {entry}

                """);
    }
}
