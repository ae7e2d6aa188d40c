using System.Collections.Generic;
using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Editing;
using Microsoft.CodeAnalysis.Operations;

namespace MemoryAnalyzers.CodeFixes.Rules
{
    /// <summary>
    /// MEM002 fix "Capture only the value used": <c>var dataLength = data.Length;</c> before the statement that creates
    /// the delegate, and <c>dataLength</c> inside it. The snapshot must equal what the delegate would read later, and
    /// taking it must not throw where the original code did not, so the fix is offered only for
    /// <list type="bullet">
    /// <item><c>.Length</c> of an array or string (which never changes),</item>
    /// <item><c>.Count</c>/<c>Count()</c> of a collection created by this method and used, outside the delegate, only
    /// before the delegate is created and only through its own members (nothing else can change it afterwards),</item>
    /// </list>
    /// when the variable is never reassigned, is known not to be null, and the delegate is created once per execution
    /// of the variable's scope (no loop in between). An element (<c>big[0]</c>, <c>First()</c>) is not snapshot: on an
    /// empty collection the copy would throw when the delegate is created instead of when it runs.
    /// </summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(ClosureCapturesLargeObjectFixer))]
    [Shared]
    public sealed class ClosureCapturesLargeObjectFixer : CodeFixProvider
    {
        private const string Title = "Capture only the value used";

        public override ImmutableArray<string> FixableDiagnosticIds => ImmutableArray.Create(RuleIds.ClosureCapturesLargeObject);

        /// <summary>
        /// Not the batch fixer: two copies made for one member must not get the same fresh name, and copies put before one
        /// statement must share its leading trivia once, so every plan of a document is applied in one edit.
        /// </summary>
        public override FixAllProvider GetFixAllProvider() => new FixAll();

        public override async Task RegisterCodeFixesAsync(CodeFixContext context)
        {
            var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
            var semanticModel = await context.Document.GetSemanticModelAsync(context.CancellationToken).ConfigureAwait(false);
            if (root is null || semanticModel is null)
            {
                return;
            }

            foreach (var diagnostic in context.Diagnostics)
            {
                if (Plan.TryCreate(root, semanticModel, diagnostic, context.CancellationToken) is { } plan)
                {
                    context.RegisterCodeFix(
                        CodeAction.Create(Title, cancellationToken => ApplyAsync(context.Document, new[] { plan }, cancellationToken), equivalenceKey: Title),
                        diagnostic);
                }
            }
        }

        private static async Task<Document> ApplyAsync(Document document, IReadOnlyCollection<Plan> plans, CancellationToken cancellationToken)
        {
            var editor = await DocumentEditor.CreateAsync(document, cancellationToken).ConfigureAwait(false);
            var endOfLine = VariableUses.EndOfLine(editor.OriginalRoot);
            var takenByMember = new Dictionary<SyntaxNode, HashSet<string>>();
            foreach (var group in plans.GroupBy(plan => plan.Anchor.Node))
            {
                var anchor = group.First().Anchor;
                var indentation = anchor.Indentation();
                var declarations = new List<SyntaxNode>();
                foreach (var plan in group)
                {
                    if (!takenByMember.TryGetValue(plan.MemberBody, out var taken))
                    {
                        taken = FreshNames.TakenNames(editor.SemanticModel, plan.MemberBody, anchor.Node.SpanStart);
                        takenByMember.Add(plan.MemberBody, taken);
                    }

                    var names = new Dictionary<string, string>();
                    foreach (var projection in plan.Projections)
                    {
                        var text = projection.ToString();
                        if (!names.TryGetValue(text, out var name))
                        {
                            var member = projection is MemberAccessExpressionSyntax access ? access.Name.Identifier.ValueText : "Count";
                            name = FreshNames.Reserve(plan.VariableName + member, taken);
                            names.Add(text, name);
                            var leading = declarations.Count == 0 ? anchor.Node.GetLeadingTrivia() : indentation;
                            declarations.Add(anchor.Sibling(SyntaxFactory.ParseStatement($"var {name} = {text};")
                                .WithLeadingTrivia(leading)
                                .WithTrailingTrivia(SyntaxFactory.EndOfLine(endOfLine))));
                        }

                        editor.ReplaceNode(projection, SyntaxFactory.IdentifierName(name).WithTriviaFrom(projection));
                    }
                }

                editor.InsertBefore(anchor.Node, declarations);
                editor.ReplaceNode(anchor.Node, (current, _) => current.WithLeadingTrivia(indentation));
            }

            return editor.GetChangedDocument();
        }

        private sealed class FixAll : DocumentBasedFixAllProvider
        {
            protected override string GetFixAllTitle(FixAllContext fixAllContext) => Title;

            protected override async Task<Document?> FixAllAsync(FixAllContext fixAllContext, Document document, ImmutableArray<Diagnostic> diagnostics)
            {
                var cancellationToken = fixAllContext.CancellationToken;
                var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
                var semanticModel = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
                if (root is null || semanticModel is null)
                {
                    return document;
                }

                var plans = new List<Plan>();
                foreach (var diagnostic in diagnostics.OrderBy(d => d.Location.SourceSpan.Start))
                {
                    if (Plan.TryCreate(root, semanticModel, diagnostic, cancellationToken) is { } plan)
                    {
                        plans.Add(plan);
                    }
                }

                return plans.Count == 0 ? document : await ApplyAsync(document, plans, cancellationToken).ConfigureAwait(false);
            }
        }

        private sealed class Plan
        {
            private Plan(string variableName, StatementAnchor anchor, SyntaxNode memberBody, List<ExpressionSyntax> projections)
            {
                VariableName = variableName;
                Anchor = anchor;
                MemberBody = memberBody;
                Projections = projections;
            }

            public string VariableName { get; }

            public StatementAnchor Anchor { get; }

            public SyntaxNode MemberBody { get; }

            public List<ExpressionSyntax> Projections { get; }

            public static Plan? TryCreate(SyntaxNode root, SemanticModel semanticModel, Diagnostic diagnostic, CancellationToken cancellationToken)
            {
                if (diagnostic.AdditionalLocations.Count < 2
                    || root.FindNode(diagnostic.AdditionalLocations[0].SourceSpan, getInnermostNodeForTie: true) is not { } function
                    || function is not AnonymousFunctionExpressionSyntax
                    || function.FirstAncestorOrSelf<StatementSyntax>(s => !function.Span.Contains(s.Span) || s.Span == function.Span) is not { } statement
                    || StatementAnchor.For(statement) is not { } anchor
                    || anchor.Node is LabeledStatementSyntax
                    || FreshNames.EnclosingMemberBody(statement) is not { } memberBody)
                {
                    return null;
                }

                var projections = new List<ExpressionSyntax>();
                ISymbol? variable = null;
                var kind = ProjectionKind.None;
                foreach (var location in diagnostic.AdditionalLocations.Skip(1))
                {
                    if (root.FindNode(location.SourceSpan, getInnermostNodeForTie: true) is not ExpressionSyntax projection
                        || semanticModel.GetOperation(projection, cancellationToken) is not { } operation
                        || Classify(operation, out var receiver) is var projectionKind && projectionKind == ProjectionKind.None
                        || receiver is null
                        || (variable is not null && !SymbolEqualityComparer.Default.Equals(variable, receiver))
                        || (kind != ProjectionKind.None && kind != projectionKind))
                    {
                        return null;
                    }

                    variable = receiver;
                    kind = projectionKind;
                    projections.Add(projection);
                }

                if (variable is null
                    || variable is ILocalSymbol { IsRef: true }
                    || variable is IParameterSymbol { RefKind: not RefKind.None }
                    || !IsSafeToSnapshot(semanticModel, memberBody, statement, function, variable, kind, projections[0], cancellationToken))
                {
                    return null;
                }

                return new Plan(variable.Name, anchor, memberBody, projections);
            }

            private enum ProjectionKind
            {
                None,
                ImmutableLength,
                CollectionCount,
            }

            private static ProjectionKind Classify(IOperation operation, out ISymbol? variable)
            {
                variable = null;
                switch (operation)
                {
                    case IPropertyReferenceOperation { Arguments.IsEmpty: true, Instance: { } instance } property:
                        variable = VariableOf(instance);
                        if (property.Property.Name == "Length" && (instance.Type is IArrayTypeSymbol || instance.Type?.SpecialType == SpecialType.System_String))
                        {
                            return ProjectionKind.ImmutableLength;
                        }

                        return property.Property.Name == "Count" && instance.Type is not IArrayTypeSymbol ? ProjectionKind.CollectionCount : ProjectionKind.None;

                    case IInvocationOperation { TargetMethod.Name: "Count", Arguments.Length: 1 } invocation
                        when invocation.TargetMethod.ContainingType?.ToDisplayString() == "System.Linq.Enumerable":
                        variable = VariableOf(invocation.Arguments[0].Value.WithoutImplicitConversions());
                        return invocation.Arguments[0].Value.WithoutImplicitConversions().Type is IArrayTypeSymbol ? ProjectionKind.ImmutableLength : ProjectionKind.CollectionCount;

                    default:
                        return ProjectionKind.None;
                }
            }

            private static ISymbol? VariableOf(IOperation operation) => operation switch
            {
                ILocalReferenceOperation local => local.Local,
                IParameterReferenceOperation parameter => parameter.Parameter,
                _ => null,
            };

            private static bool IsSafeToSnapshot(
                SemanticModel semanticModel,
                SyntaxNode memberBody,
                StatementSyntax statement,
                SyntaxNode function,
                ISymbol variable,
                ProjectionKind kind,
                ExpressionSyntax firstProjection,
                CancellationToken cancellationToken)
            {
                var uses = VariableUses.Find(semanticModel, memberBody, variable, cancellationToken);
                if (uses.Any(VariableUses.IsWrite))
                {
                    return false;
                }

                var initializer = variable is ILocalSymbol local
                    && local.DeclaringSyntaxReferences.FirstOrDefault()?.GetSyntax(cancellationToken) is VariableDeclaratorSyntax declarator
                    ? declarator.Initializer?.Value
                    : null;
                var createdHere = initializer is ObjectCreationExpressionSyntax or ImplicitObjectCreationExpressionSyntax
                    or ArrayCreationExpressionSyntax or ImplicitArrayCreationExpressionSyntax
                    || (initializer is LiteralExpressionSyntax literal && literal.IsKind(SyntaxKind.StringLiteralExpression))
                    || initializer?.IsKind(SyntaxKind.CollectionExpression) == true;

                // Length or Count of null would throw when the copy is taken rather than when the delegate runs.
                var receiver = firstProjection is MemberAccessExpressionSyntax access ? access.Expression
                    : firstProjection is InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax callee } ? callee.Expression
                    : firstProjection;
                var notNull = createdHere || semanticModel.GetTypeInfo(receiver, cancellationToken).Nullability.FlowState == NullableFlowState.NotNull;
                if (!notNull)
                {
                    return false;
                }

                if (kind == ProjectionKind.ImmutableLength)
                {
                    return true;
                }

                // A count changes when the collection does: only a collection this method owns, built before the delegate
                // exists, used outside it through its own members, with no loop that could create the delegate again.
                if (!createdHere || IsInLoopBelow(statement, variable, cancellationToken))
                {
                    return false;
                }

                foreach (var use in uses)
                {
                    if (function.Span.Contains(use.Span))
                    {
                        continue;
                    }

                    if (use.SpanStart >= statement.SpanStart
                        || VariableUses.IsInsideFunction(use, memberBody)
                        || !(use.Parent is MemberAccessExpressionSyntax member && member.Expression == use
                            || use.Parent is ElementAccessExpressionSyntax element && element.Expression == use))
                    {
                        return false;
                    }
                }

                return true;
            }

            private static bool IsInLoopBelow(StatementSyntax statement, ISymbol variable, CancellationToken cancellationToken)
            {
                var declaration = variable.DeclaringSyntaxReferences.FirstOrDefault()?.GetSyntax(cancellationToken);
                for (var current = statement.Parent; current is not null; current = current.Parent)
                {
                    if (declaration is not null && current.Span.Contains(declaration.Span))
                    {
                        return false;
                    }

                    if (current is ForStatementSyntax or CommonForEachStatementSyntax or WhileStatementSyntax or DoStatementSyntax
                        or AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax)
                    {
                        return true;
                    }
                }

                return true;
            }
        }
    }
}
