using System.Collections.Generic;
using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using MemoryAnalyzers.Rules;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Editing;
using Microsoft.CodeAnalysis.Formatting;
using Microsoft.CodeAnalysis.Simplification;

namespace MemoryAnalyzers.CodeFixes.Rules
{
    /// <summary>
    /// MEM013's fixes: "Use a ValueTuple" for the tuple forms (see <see cref="ValueTupleRewrite"/> and
    /// <see cref="ValueTupleMemberRewrite"/>), and "Use a static
    /// readonly array" for a <c>List&lt;T&gt;</c> of constants: the constants move to a
    /// <c>private static readonly T[]</c> field of the type (a fresh name after the local's), the creation becomes a read of
    /// the field, and the uses follow the array: <c>Count</c> becomes <c>Length</c>, <c>Contains(x)</c> becomes
    /// <c>Array.IndexOf(a, x) &gt;= 0</c>, <c>IndexOf</c>, <c>Exists</c>, <c>Find</c>, <c>FindIndex</c>,
    /// <c>TrueForAll</c> and <c>ForEach</c> their <c>Array</c> counterparts. Offered only when every use is one of those, an
    /// element or <c>foreach</c> read, a LINQ call that binds the same on an array, or any use of a local declared as a
    /// read-only interface; when the constants name no local; in a class, struct or record (not in top-level statements);
    /// and when the element type has no type parameter. Sets and dictionaries keep their diagnostic without a fix: an array
    /// would look up differently.
    /// </summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(SmallFixedCollectionFixer))]
    [Shared]
    public sealed class SmallFixedCollectionFixer : PlannedCodeFixProvider
    {
        /// <summary>The <c>List&lt;T&gt;</c> methods whose <c>System.Array</c> counterpart takes the array first and then the same single argument.</summary>
        private static readonly ImmutableHashSet<string> s_arrayCounterparts = ImmutableHashSet.Create(
            "IndexOf", "Exists", "Find", "FindIndex", "FindLast", "FindLastIndex", "TrueForAll", "ForEach");

        /// <summary>Types as the fixes write them: minimal, with nullable annotations.</summary>
        internal static readonly SymbolDisplayFormat TypeFormat = SymbolDisplayFormat.MinimallyQualifiedFormat
            .AddMiscellaneousOptions(SymbolDisplayMiscellaneousOptions.IncludeNullableReferenceTypeModifier);

        public override ImmutableArray<string> FixableDiagnosticIds => ImmutableArray.Create(RuleIds.SmallFixedCollection);

        private protected override string Title => "Use a static readonly array";

        private protected override string TitleOf(object plan)
            => plan is ValueTupleRewrite.Plan or ValueTupleMemberRewrite.Plan or ValueTupleParameterRewrite.Plan ? ValueTupleRewrite.Title : Title;

        /// <summary>Every creation returned by one method is reported; the method's rewrite is one plan.</summary>
        private protected override object PlanKey(object plan) => plan switch
        {
            ValueTupleMemberRewrite.Plan member => member.Function,
            ValueTupleParameterRewrite.Plan parameter => parameter.Parameter,
            _ => plan,
        };

        private sealed class Plan
        {
            public Plan(TypeDeclarationSyntax type, SyntaxNode body, ExpressionSyntax creation, string fieldText, string baseName, TypeSyntax? declaredType, string arrayType, List<SyntaxNode> rewrites)
            {
                Type = type;
                Body = body;
                Creation = creation;
                FieldText = fieldText;
                BaseName = baseName;
                DeclaredType = declaredType;
                ArrayType = arrayType;
                Rewrites = rewrites;
            }

            public TypeDeclarationSyntax Type { get; }

            /// <summary>The member around the creation, whose names the field must not take.</summary>
            public SyntaxNode Body { get; }

            public ExpressionSyntax Creation { get; }

            /// <summary>The field's initializer as it is written: the braces of the collection initializer, or the collection expression.</summary>
            public string FieldText { get; }

            public string BaseName { get; }

            /// <summary>An explicit <c>List&lt;T&gt;</c> of the local's declaration, which becomes <c>T[]</c>.</summary>
            public TypeSyntax? DeclaredType { get; }

            public string ArrayType { get; }

            /// <summary>The <c>Count</c> names and the method calls that change with the array.</summary>
            public List<SyntaxNode> Rewrites { get; }
        }

        private protected override object? TryCreatePlan(SyntaxNode root, SemanticModel semanticModel, Diagnostic diagnostic, CancellationToken cancellationToken)
        {
            if (DiagnosticProperties.Text(diagnostic, SmallFixedCollectionAnalyzer.FormProperty) is not { } form
                || root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true) is not ExpressionSyntax creation)
            {
                return null;
            }

            if (form == SmallFixedCollectionAnalyzer.TupleForm)
            {
                return ValueTupleRewrite.TryCreatePlan(creation, semanticModel, cancellationToken);
            }

            if (form == SmallFixedCollectionAnalyzer.TupleMemberForm)
            {
                return ValueTupleMemberRewrite.TryCreatePlan(creation, diagnostic, semanticModel, cancellationToken);
            }

            if (form == SmallFixedCollectionAnalyzer.TupleParameterForm)
            {
                return ValueTupleParameterRewrite.TryCreatePlan(creation, semanticModel, cancellationToken);
            }

            if (form != SmallFixedCollectionAnalyzer.CollectionForm
                || FixedCollectionTypes.TryCreate(semanticModel.Compilation) is not { } types
                || CreatedType(creation, semanticModel, cancellationToken) is not { } collectionType
                || !types.IsList(collectionType)
                || HasTypeParameter(collectionType.TypeArguments[0])
                || creation.FirstAncestorOrSelf<TypeDeclarationSyntax>() is not { } type
                || type is InterfaceDeclarationSyntax
                || FreshNames.EnclosingMemberBody(creation) is not { } body
                || InitializerText(creation) is not { } initializer
                || NamesALocal(initializer, semanticModel, cancellationToken))
            {
                return null;
            }

            var rewrites = new List<SyntaxNode>();
            TypeSyntax? declaredType = null;
            string baseName;
            if (creation.Parent is EqualsValueClauseSyntax { Parent: VariableDeclaratorSyntax declarator }
                && semanticModel.GetDeclaredSymbol(declarator, cancellationToken) is ILocalSymbol local)
            {
                baseName = char.ToUpperInvariant(local.Name[0]) + local.Name.Substring(1);
                if (types.IsCollection(local.Type))
                {
                    declaredType = declarator.Parent is VariableDeclarationSyntax { Type: { IsVar: false } explicitType } ? explicitType : null;
                    foreach (var reference in body.DescendantNodes().OfType<IdentifierNameSyntax>())
                    {
                        if (reference.Identifier.ValueText == local.Name
                            && SymbolEqualityComparer.Default.Equals(semanticModel.GetSymbolInfo(reference, cancellationToken).Symbol, local)
                            && !AddRewrites(reference, semanticModel, types, rewrites, cancellationToken))
                        {
                            return null;
                        }
                    }
                }
            }
            else
            {
                baseName = "Values";
                if (!AddRewrites(creation, semanticModel, types, rewrites, cancellationToken))
                {
                    return null;
                }
            }

            var arrayType = collectionType.TypeArguments[0].ToMinimalDisplayString(semanticModel, creation.SpanStart, TypeFormat) + "[]";
            return new Plan(type, body, creation, initializer.ToString(), baseName, declaredType, arrayType, rewrites);
        }

        /// <summary>The list created: a collection expression has no type of its own, only the one it converts to.</summary>
        private static INamedTypeSymbol? CreatedType(ExpressionSyntax creation, SemanticModel semanticModel, CancellationToken cancellationToken)
        {
            var typeInfo = semanticModel.GetTypeInfo(creation, cancellationToken);
            return (typeInfo.Type ?? typeInfo.ConvertedType) as INamedTypeSymbol;
        }

        /// <summary>The text a field's initializer takes over: the braces of <c>new List&lt;T&gt; { … }</c>, or <c>[ … ]</c>.</summary>
        private static SyntaxNode? InitializerText(ExpressionSyntax creation) => creation switch
        {
            BaseObjectCreationExpressionSyntax { Initializer: { } initializer } => initializer,
            CollectionExpressionSyntax expression => expression,
            _ => null,
        };

        /// <summary>A constant may name a local constant (<c>const int max = 3;</c>, <c>nameof(x)</c>), which a field cannot see.</summary>
        private static bool NamesALocal(SyntaxNode initializer, SemanticModel semanticModel, CancellationToken cancellationToken)
            => initializer.DescendantNodes().OfType<IdentifierNameSyntax>()
                .Any(name => semanticModel.GetSymbolInfo(name, cancellationToken).Symbol is ILocalSymbol or IParameterSymbol or IRangeVariableSymbol);

        private static bool HasTypeParameter(ITypeSymbol type) => type switch
        {
            ITypeParameterSymbol => true,
            IArrayTypeSymbol array => HasTypeParameter(array.ElementType),
            INamedTypeSymbol named => named.TypeArguments.Any(HasTypeParameter),
            _ => false,
        };

        /// <summary>
        /// Adds what must change at one use of the list once it is an array; false when the use has no array form that
        /// surely behaves the same.
        /// </summary>
        private static bool AddRewrites(ExpressionSyntax value, SemanticModel semanticModel, FixedCollectionTypes types, List<SyntaxNode> rewrites, CancellationToken cancellationToken)
        {
            switch (value.Parent)
            {
                case ForEachStatementSyntax forEach when forEach.Expression == value:
                case ElementAccessExpressionSyntax access when access.Expression == value:
                    return true;
                case MemberAccessExpressionSyntax member when member.Expression == value:
                    switch (semanticModel.GetSymbolInfo(member, cancellationToken).Symbol)
                    {
                        case IPropertySymbol { Name: "Count" } count when types.IsList(count.ContainingType):
                            rewrites.Add(member.Name);
                            return true;
                        case IMethodSymbol method when member.Parent is InvocationExpressionSyntax invocation && invocation.Expression == member:
                            if (method.ReducedFrom is { } extension)
                            {
                                return BindsTheSameOnArrays(extension, semanticModel.Compilation);
                            }

                            if (types.IsList(method.ContainingType)
                                && invocation.ArgumentList.Arguments.Count == 1
                                && invocation.ArgumentList.Arguments[0].RefKindKeyword.IsKind(SyntaxKind.None)
                                && (method.Name == "Contains" || s_arrayCounterparts.Contains(method.Name)))
                            {
                                rewrites.Add(invocation);
                                return true;
                            }

                            return false;
                        default:
                            return false;
                    }

                default:
                    return false;
            }
        }

        /// <summary>LINQ methods that may hand back the source itself: the shared array would leave the method as it is.</summary>
        private static readonly ImmutableHashSet<string> s_returnTheSource = ImmutableHashSet.Create("AsEnumerable", "Cast", "OfType");

        /// <summary>
        /// A LINQ method that no <c>MemoryExtensions</c> method of the same name could take over for an array receiver (as
        /// spans convert implicitly in newer C#), and that does not return its source: <c>Where</c>, <c>Select</c>,
        /// <c>Any</c>, but not <c>Contains</c>, <c>Reverse</c> or <c>AsEnumerable</c>.
        /// </summary>
        private static bool BindsTheSameOnArrays(IMethodSymbol extension, Compilation compilation)
            => extension.ContainingType.ToDisplayString() == "System.Linq.Enumerable"
                && !s_returnTheSource.Contains(extension.Name)
                && (compilation.FindType("System.MemoryExtensions") is not { } memoryExtensions || memoryExtensions.GetMembers(extension.Name).IsEmpty);

        private protected override Task<Document> ApplyAsync(Document document, IReadOnlyCollection<object> plans, CancellationToken cancellationToken)
            => ApplyAsync(document, plans.OfType<Plan>().ToList(), plans, cancellationToken);

        private static async Task<Document> ApplyAsync(Document document, IReadOnlyCollection<Plan> plans, IReadOnlyCollection<object> allPlans, CancellationToken cancellationToken)
        {
            var editor = await DocumentEditor.CreateAsync(document, cancellationToken).ConfigureAwait(false);
            ValueTupleRewrite.Apply(editor, allPlans.OfType<ValueTupleRewrite.Plan>());
            ValueTupleMemberRewrite.Apply(editor, allPlans.OfType<ValueTupleMemberRewrite.Plan>());
            ValueTupleParameterRewrite.Apply(editor, allPlans.OfType<ValueTupleParameterRewrite.Plan>());
            var endOfLine = SyntaxFactory.EndOfLine(editor.OriginalRoot.EndOfLine());
            foreach (var byType in plans.GroupBy(plan => plan.Type))
            {
                var type = byType.Key;
                var taken = new HashSet<string>();
                foreach (var plan in byType)
                {
                    taken.UnionWith(FreshNames.TakenNames(editor.SemanticModel, plan.Body, plan.Body.SpanStart));
                }

                var fields = new List<MemberDeclarationSyntax>();
                foreach (var plan in byType.OrderBy(plan => plan.Creation.SpanStart))
                {
                    var name = FreshNames.Reserve(plan.BaseName, taken);
                    fields.Add(SyntaxFactory.ParseMemberDeclaration($"private static readonly {plan.ArrayType} {name} = {plan.FieldText};")!
                        .WithTrailingTrivia(endOfLine)
                        .WithAdditionalAnnotations(Formatter.Annotation));
                    editor.ReplaceNode(plan.Creation, SyntaxFactory.IdentifierName(name).WithTriviaFrom(plan.Creation));
                    if (plan.DeclaredType is { } declaredType)
                    {
                        editor.ReplaceNode(declaredType, SyntaxFactory.ParseTypeName(plan.ArrayType).WithTriviaFrom(declaredType));
                    }

                    foreach (var rewrite in plan.Rewrites)
                    {
                        editor.ReplaceNode(rewrite, (current, _) => ForArray(current));
                    }
                }

                if (type.Members.OfType<FieldDeclarationSyntax>().LastOrDefault() is { } lastField)
                {
                    editor.InsertAfter(lastField, fields);
                }
                else
                {
                    // The first fields of the type: a blank line between them and the members that follow.
                    fields[fields.Count - 1] = fields[fields.Count - 1].WithTrailingTrivia(endOfLine, endOfLine);
                    editor.InsertBefore(type.Members.First(), fields);
                }
            }

            var changed = editor.GetChangedDocument();
            changed = await Simplifier.ReduceAsync(changed, Simplifier.Annotation, cancellationToken: cancellationToken).ConfigureAwait(false);
            return await Formatter.FormatAsync(changed, Formatter.Annotation, cancellationToken: cancellationToken).ConfigureAwait(false);
        }

        /// <summary><c>Count</c> → <c>Length</c>; <c>list.Contains(x)</c> → <c>Array.IndexOf(list, x) &gt;= 0</c>; <c>list.Find(p)</c> → <c>Array.Find(list, p)</c>.</summary>
        private static SyntaxNode ForArray(SyntaxNode current)
        {
            if (current is SimpleNameSyntax count)
            {
                return SyntaxFactory.IdentifierName("Length").WithTriviaFrom(count);
            }

            var invocation = (InvocationExpressionSyntax)current;
            var member = (MemberAccessExpressionSyntax)invocation.Expression;
            var method = member.Name.Identifier.ValueText;
            var arguments = SyntaxFactory.ArgumentList(SyntaxFactory.SeparatedList(
                new[] { SyntaxFactory.Argument(member.Expression.WithoutTrivia()) }.Concat(invocation.ArgumentList.Arguments)));
            var call = SyntaxFactory.InvocationExpression(
                SyntaxFactory.ParseExpression("global::System.Array." + (method == "Contains" ? "IndexOf" : method)).WithAdditionalAnnotations(Simplifier.Annotation),
                arguments);
            ExpressionSyntax replacement = method == "Contains"
                ? SyntaxFactory.ParenthesizedExpression(SyntaxFactory.BinaryExpression(
                    SyntaxKind.GreaterThanOrEqualExpression,
                    call,
                    SyntaxFactory.LiteralExpression(SyntaxKind.NumericLiteralExpression, SyntaxFactory.Literal(0)))).WithAdditionalAnnotations(Simplifier.Annotation)
                : call;
            return replacement.WithTriviaFrom(invocation);
        }
    }
}
