using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace MemoryAnalyzers.RealWorld
{
    /// <summary>A library as one project of an <see cref="AdhocWorkspace"/>: where the analyzers report and the fixes are applied.</summary>
    public static class CorpusWorkspace
    {
        public static Project Create(CorpusProject corpus)
        {
            var workspace = new AdhocWorkspace();
            var projectId = ProjectId.CreateNewId(corpus.Entry.Name);
            var documents = corpus.Trees.Select(tree => DocumentInfo.Create(
                DocumentId.CreateNewId(projectId, tree.FilePath),
                System.IO.Path.GetFileName(tree.FilePath),
                loader: TextLoader.From(TextAndVersion.Create(tree.GetText(), VersionStamp.Default, tree.FilePath)),
                filePath: tree.FilePath));
            var project = ProjectInfo.Create(
                projectId,
                VersionStamp.Default,
                corpus.Entry.Name,
                corpus.Entry.Name,
                LanguageNames.CSharp,
                compilationOptions: CorpusProject.CompilationOptions,
                parseOptions: corpus.ParseOptions,
                documents: documents,
                metadataReferences: corpus.References);
            return workspace.AddProject(project);
        }

        /// <summary>The compiler errors of one document, as comparable keys (ID and message; positions move when a fix edits).</summary>
        public static ImmutableArray<string> ErrorKeys(SemanticModel model)
            => model.GetDiagnostics()
                .Where(d => d.Severity == DiagnosticSeverity.Error)
                .Select(d => d.Id + " " + d.GetMessage(System.Globalization.CultureInfo.InvariantCulture))
                .OrderBy(key => key, System.StringComparer.Ordinal)
                .ToImmutableArray();
    }
}
