using System.Collections.Generic;
using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Editing;
using Microsoft.CodeAnalysis.Formatting;
using Microsoft.CodeAnalysis.Operations;

namespace MemoryAnalyzers.CodeFixes.Rules
{
    /// <summary>
    /// MEM017 fix "Use a record": a <c>private sealed record</c> nested in the containing type (a file-level
    /// <c>sealed record</c> for top-level statements), named after the local, with one positional property per key in the
    /// order the keys are set. The creation becomes <c>new Name(values…)</c> (the values keep their order of evaluation),
    /// the fill statements go, and each <c>d["key"]</c> becomes <c>d.Key</c>. A property has the value's static type
    /// when every read of it casts to that type (the cast is then dropped: the same value comes out), and the dictionary's
    /// value type otherwise, so that every read keeps its type and a boxed value stays the one box.
    /// </summary>
    /// <remarks>
    /// Not offered for an ExpandoObject (a <c>dynamic</c> read binds at run time; a typed one would bind differently),
    /// for a read of a key that was never set (it throws today), for <c>TryGetValue</c> reads, for a key that does not
    /// become an identifier, for a type that cannot be named in the record (an anonymous type, a method's type
    /// parameter, a ref struct), for a fill value that calls a local function, and before C# 9.
    /// </remarks>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(DictionaryUsedAsRecordFixer))]
    [Shared]
    public sealed class DictionaryUsedAsRecordFixer : PlannedCodeFixProvider
    {
        /// <summary>Members every record has; a property of the same name would clash or hide them.</summary>
        private static readonly ImmutableHashSet<string> RecordMembers = ImmutableHashSet.Create(
            "EqualityContract", "Equals", "GetHashCode", "ToString", "PrintMembers", "Deconstruct", "GetType", "MemberwiseClone", "Finalize");

        public override ImmutableArray<string> FixableDiagnosticIds => ImmutableArray.Create(RuleIds.DictionaryUsedAsRecord);

        /// <summary>Applied in one edit per document: records added to one type must not take each other's names.</summary>
        private protected override string Title => "Use a record";

        private sealed class Plan
        {
            public Plan(VariableDeclaratorSyntax declarator, SyntaxNode container, string baseName, IReadOnlyList<(string Name, string Type)> properties, IReadOnlyList<ExpressionSyntax> values, IReadOnlyList<StatementSyntax> fill, IReadOnlyList<(ExpressionSyntax Node, string Property)> reads)
            {
                Declarator = declarator;
                Container = container;
                BaseName = baseName;
                Properties = properties;
                Values = values;
                Fill = fill;
                Reads = reads;
            }

            public VariableDeclaratorSyntax Declarator { get; }

            /// <summary>The type the record is nested in, or the compilation unit of top-level statements.</summary>
            public SyntaxNode Container { get; }

            public string BaseName { get; }

            public IReadOnlyList<(string Name, string Type)> Properties { get; }

            /// <summary>The value of each property, in the order of <see cref="Properties"/>.</summary>
            public IReadOnlyList<ExpressionSyntax> Values { get; }

            public IReadOnlyList<StatementSyntax> Fill { get; }

            /// <summary>Each read (or the cast around it) and the property that replaces it.</summary>
            public IReadOnlyList<(ExpressionSyntax Node, string Property)> Reads { get; }
        }

        private protected override object? TryCreatePlan(SyntaxNode root, SemanticModel semanticModel, Diagnostic diagnostic, CancellationToken cancellationToken)
        {
            if (root.FindToken(diagnostic.Location.SourceSpan.Start).Parent is not VariableDeclaratorSyntax declarator
                || ((CSharpParseOptions)root.SyntaxTree.Options).LanguageVersion < LanguageVersion.CSharp9
                || RecordLikeTypes.TryCreate(semanticModel.Compilation) is not { } types
                || semanticModel.GetOperation(declarator, cancellationToken) is not IVariableDeclaratorOperation { Initializer.Value: var initial }
                || initial.WithoutImplicitConversions() is not IObjectCreationOperation creation
                || RecordLikeLocal.TryCreate(creation, types) is not { IsExpando: false } record
                || record.ReadsMissingKey
                || record.Reads.Any(read => read.Kind != RecordReadKind.Indexer)
                || record.Entries.Any(entry => entry.Value.DescendantsAndSelf().Any(operation => operation is IInvocationOperation { TargetMethod.MethodKind: MethodKind.LocalFunction }))
                || record.Reads.Any(read => InExpressionTree(read.Operation))
                || Container(declarator) is not { } container)
            {
                return null;
            }

            var position = declarator.SpanStart;
            var properties = new List<(string Name, string Type)>();
            var names = new HashSet<string>();
            var castReads = new HashSet<IOperation>();
            foreach (var entry in record.Entries)
            {
                if (PropertyName(entry.Key) is not { } name || !names.Add(name))
                {
                    return null;
                }

                // The value's own type when every read casts to it; the dictionary's value type otherwise.
                var type = record.ValueType;
                var reads = record.Reads.Where(read => read.Key == entry.Key).ToList();
                if (entry.Value.Type is { } valueType
                    && !SymbolEqualityComparer.Default.Equals(valueType, record.ValueType)
                    && reads.All(read => CastTo(read.Operation, valueType) is not null))
                {
                    type = valueType;
                    castReads.UnionWith(reads.Select(read => read.Operation));
                }

                if (!CanBeNamed(type) || !semanticModel.IsAccessible(position, type))
                {
                    return null;
                }

                properties.Add((name, type.ToMinimalDisplayString(semanticModel, position)));
            }

            var replacements = new List<(ExpressionSyntax Node, string Property)>();
            foreach (var read in record.Reads)
            {
                var node = castReads.Contains(read.Operation) ? read.Operation.Parent!.Syntax : read.Operation.Syntax;
                replacements.Add(((ExpressionSyntax)node, properties[record.IndexOf(read.Key)].Name));
            }

            return new Plan(
                declarator,
                container,
                PropertyName(record.Local.Name) ?? "Record",
                properties,
                record.Entries.Select(entry => (ExpressionSyntax)entry.Value.Syntax).ToList(),
                record.FillStatements.Select(statement => (StatementSyntax)statement.Syntax).ToList(),
                replacements);
        }

        /// <summary>The explicit cast to <paramref name="type"/> right around a read, one that gives back the stored value (no user-defined or numeric conversion).</summary>
        private static IConversionOperation? CastTo(IOperation read, ITypeSymbol type)
            => read.Parent is IConversionOperation { IsImplicit: false, Syntax: CastExpressionSyntax, Conversion: { IsUserDefined: false, IsNumeric: false } } cast
                && SymbolEqualityComparer.Default.Equals(cast.Type, type)
                ? cast
                : null;

        /// <summary>A read inside a lambda that becomes an expression tree: its consumer would see a property instead of an indexer.</summary>
        private static bool InExpressionTree(IOperation read)
        {
            for (var operation = read.Parent; operation is not null; operation = operation.Parent)
            {
                if (operation is IAnonymousFunctionOperation { Parent: IConversionOperation { Type: INamedTypeSymbol { Name: "Expression", ContainingNamespace.Name: "Expressions" } } })
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>The type to nest the record in (not an interface), or the compilation unit of top-level statements.</summary>
        private static SyntaxNode? Container(SyntaxNode declarator)
        {
            foreach (var ancestor in declarator.Ancestors())
            {
                switch (ancestor)
                {
                    case GlobalStatementSyntax { Parent: CompilationUnitSyntax unit }:
                        return unit;
                    case InterfaceDeclarationSyntax:
                        return null;
                    case TypeDeclarationSyntax type:
                        return type;
                }
            }

            return null;
        }

        /// <summary>A record parameter can have the type: not anonymous, not a method's type parameter, not a pointer or ref struct, no errors.</summary>
        private static bool CanBeNamed(ITypeSymbol type) => type switch
        {
            IErrorTypeSymbol or IPointerTypeSymbol or IFunctionPointerTypeSymbol => false,
            ITypeParameterSymbol parameter => parameter.TypeParameterKind != TypeParameterKind.Method,
            IArrayTypeSymbol array => CanBeNamed(array.ElementType),
            INamedTypeSymbol named => !named.IsAnonymousType && !named.IsRefLikeType && named.TypeArguments.All(CanBeNamed),
            _ => true,
        };

        /// <summary>The key in PascalCase (<c>first_name</c>, <c>first-name</c> → <c>FirstName</c>), or null when that is no identifier.</summary>
        internal static string? PropertyName(string key)
        {
            var builder = new StringBuilder(key.Length);
            var upper = true;
            foreach (var c in key)
            {
                if (!char.IsLetterOrDigit(c))
                {
                    upper = true;
                    continue;
                }

                builder.Append(upper ? char.ToUpperInvariant(c) : c);
                upper = false;
            }

            var name = builder.ToString();
            return name.Length > 0
                && SyntaxFacts.IsValidIdentifier(name)
                && SyntaxFacts.GetKeywordKind(name) == SyntaxKind.None
                && !RecordMembers.Contains(name)
                ? name
                : null;
        }

        private protected override Task<Document> ApplyAsync(Document document, IReadOnlyCollection<object> plans, CancellationToken cancellationToken)
            => ApplyAsync(document, plans.Cast<Plan>().ToList(), cancellationToken);

        private static async Task<Document> ApplyAsync(Document document, IReadOnlyCollection<Plan> plans, CancellationToken cancellationToken)
        {
            var editor = await DocumentEditor.CreateAsync(document, cancellationToken).ConfigureAwait(false);
            var endOfLine = editor.OriginalRoot.EndOfLine();
            foreach (var byContainer in plans.GroupBy(plan => plan.Container))
            {
                var container = byContainer.Key;
                var taken = NamesToAvoid(editor.SemanticModel, container, byContainer);
                var records = new List<MemberDeclarationSyntax>();
                foreach (var plan in byContainer.OrderBy(plan => plan.Declarator.SpanStart))
                {
                    taken.UnionWith(plan.Properties.Select(property => property.Name));
                    var name = FreshNames.Reserve(plan.BaseName, taken);
                    var parameters = string.Join(", ", plan.Properties.Select(property => property.Type + " " + property.Name));
                    var modifiers = container is CompilationUnitSyntax ? "sealed" : "private sealed";
                    records.Add(SyntaxFactory.ParseMemberDeclaration($"{modifiers} record {name}({parameters});{endOfLine}")!
                        .WithLeadingTrivia(SyntaxFactory.EndOfLine(endOfLine))
                        .WithAdditionalAnnotations(Formatter.Annotation));

                    var creation = SyntaxFactory.ObjectCreationExpression(
                        SyntaxFactory.IdentifierName(name),
                        SyntaxFactory.ArgumentList(SyntaxFactory.SeparatedList(plan.Values.Select(value => SyntaxFactory.Argument(value.WithoutTrivia())))),
                        initializer: null);
                    editor.ReplaceNode(plan.Declarator.Initializer!.Value, (current, _) => creation.WithTriviaFrom(current));
                    if (plan.Declarator.Parent is VariableDeclarationSyntax { Type: { IsVar: false } declaredType })
                    {
                        editor.ReplaceNode(declaredType, SyntaxFactory.IdentifierName(name).WithTriviaFrom(declaredType));
                    }

                    foreach (var statement in plan.Fill)
                    {
                        editor.RemoveNode(statement.Parent is GlobalStatementSyntax global ? global : statement, SyntaxRemoveOptions.KeepNoTrivia);
                    }

                    if (plan.Declarator.Parent?.Parent is LocalDeclarationStatementSyntax declaration && MovedComments.CommentLines(plan.Fill, endOfLine) is { Count: > 0 } comments)
                    {
                        editor.ReplaceNode(declaration, (current, _) => MovedComments.WithCommentsBefore(current, comments));
                    }

                    var local = SyntaxFactory.IdentifierName(plan.Declarator.Identifier.ValueText);
                    foreach (var (node, property) in plan.Reads)
                    {
                        editor.ReplaceNode(node, (current, _) => SyntaxFactory.MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression, local, SyntaxFactory.IdentifierName(property)).WithTriviaFrom(current));
                    }
                }

                if (container is TypeDeclarationSyntax type)
                {
                    editor.ReplaceNode(type, (current, _) => ((TypeDeclarationSyntax)current).AddMembers(records.ToArray()));
                }
                else
                {
                    // After the last statement or type of the file, a blank line between; the formatter would not add one there.
                    var last = ((CompilationUnitSyntax)container).Members.Last();
                    var endsLine = last.GetTrailingTrivia().LastOrDefault().IsKind(SyntaxKind.EndOfLineTrivia);
                    var blank = endsLine ? SyntaxFactory.TriviaList(SyntaxFactory.EndOfLine(endOfLine)) : SyntaxFactory.TriviaList(SyntaxFactory.EndOfLine(endOfLine), SyntaxFactory.EndOfLine(endOfLine));
                    var end = endsLine ? SyntaxFactory.TriviaList(SyntaxFactory.EndOfLine(endOfLine)) : SyntaxFactory.TriviaList();
                    editor.InsertAfter(last, records.Select(record => record.WithoutAnnotations(Formatter.Annotation).WithLeadingTrivia(blank).WithTrailingTrivia(end)));
                }
            }

            return editor.GetChangedDocument();
        }

        /// <summary>
        /// Names the record must not take: what is in scope where each local is declared, what its member declares, and
        /// every identifier written in the container's declarations (a nested type of that name would hide what they
        /// mean), or in the whole compilation for a file-level record.
        /// </summary>
        private static HashSet<string> NamesToAvoid(SemanticModel semanticModel, SyntaxNode container, IEnumerable<Plan> plans)
        {
            var taken = new HashSet<string>();
            foreach (var plan in plans)
            {
                if (FreshNames.EnclosingMemberBody(plan.Declarator) is { } body)
                {
                    taken.UnionWith(FreshNames.TakenNames(semanticModel, body, plan.Declarator.SpanStart));
                }
            }

            // A file-level type in the global namespace comes before the usings of every file in name lookup: its name
            // must not be written anywhere in the compilation.
            var declarations = container is TypeDeclarationSyntax type && semanticModel.GetDeclaredSymbol(type) is { } symbol
                ? symbol.DeclaringSyntaxReferences.Select(reference => reference.GetSyntax())
                : semanticModel.Compilation.SyntaxTrees.Select(tree => tree.GetRoot());
            foreach (var declaration in declarations)
            {
                taken.UnionWith(declaration.DescendantTokens().Where(token => token.IsKind(SyntaxKind.IdentifierToken)).Select(token => token.ValueText));
            }

            return taken;
        }
    }
}
