using System.Collections.Generic;
using System.Collections.Immutable;
using System.Composition;
using System.Linq;
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
    /// MEM015 fix "Unsubscribe in Dispose": <c>publisher.E -= handler;</c> at the start of the type's own
    /// <c>Dispose()</c>. A method-group handler is removed by naming the method again (delegates of one target and method
    /// are equal), a handler kept in a readonly field by naming the field. A lambda cannot be named again, so it is first stored in a new readonly field and the subscription
    /// uses the field; that is offered only for a subscription that is a statement of an instance constructor, which
    /// runs once per object (in a method called twice, one field would remember only the last lambda). Offered only
    /// when the type implements <see cref="System.IDisposable"/> with a <c>Dispose</c> method declared in the same file.
    /// </summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(StaticEventSubscriptionFixer))]
    [Shared]
    public sealed class StaticEventSubscriptionFixer : PlannedCodeFixProvider
    {
        public override ImmutableArray<string> FixableDiagnosticIds => ImmutableArray.Create(RuleIds.StaticEventSubscription);

        /// <summary>Applied in one edit per document: several subscriptions of one type share its Dispose and its field names.</summary>
        private protected override string Title => "Unsubscribe in Dispose";

        private sealed class Plan
        {
            public Plan(AssignmentExpressionSyntax subscription, MethodDeclarationSyntax dispose, TypeDeclarationSyntax type, string? delegateType, string eventName)
            {
                Subscription = subscription;
                Dispose = dispose;
                Type = type;
                DelegateType = delegateType;
                EventName = eventName;
            }

            public AssignmentExpressionSyntax Subscription { get; }

            public MethodDeclarationSyntax Dispose { get; }

            public TypeDeclarationSyntax Type { get; }

            /// <summary>The field's type for a lambda handler; null for a method group, removed as written.</summary>
            public string? DelegateType { get; }

            public string EventName { get; }
        }

        private protected override object? TryCreatePlan(SyntaxNode root, SemanticModel semanticModel, Diagnostic diagnostic, CancellationToken cancellationToken)
        {
            if (root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true).FirstAncestorOrSelf<AssignmentExpressionSyntax>() is not { } subscription
                || !subscription.IsKind(SyntaxKind.AddAssignmentExpression)
                || semanticModel.GetOperation(subscription, cancellationToken) is not IEventAssignmentOperation { Adds: true } assignment
                || assignment.EventReference is not IEventReferenceOperation eventReference
                || subscription.FirstAncestorOrSelf<TypeDeclarationSyntax>() is not { } typeSyntax
                || semanticModel.GetDeclaredSymbol(typeSyntax, cancellationToken) is not { } type
                || OwnDispose(type, semanticModel.Compilation, root.SyntaxTree, cancellationToken) is not { } dispose)
            {
                return null;
            }

            var handler = assignment.HandlerValue.WithoutImplicitConversions();
            // A method group, or a readonly field that holds the handler: written again after '-=', it names the same delegate.
            if (handler is IDelegateCreationOperation { Target: IMethodReferenceOperation } or IFieldReferenceOperation { Field.IsReadOnly: true })
            {
                return new Plan(subscription, dispose, typeSyntax, delegateType: null, eventReference.Event.Name);
            }

            // A lambda: stored in a readonly field, so the subscription must run once per object, in a constructor's body.
            if (handler is not IDelegateCreationOperation { Target: IAnonymousFunctionOperation }
                || subscription.Parent is not ExpressionStatementSyntax { Parent: BlockSyntax } statement
                || statement.Ancestors().TakeWhile(node => node is not ConstructorDeclarationSyntax).Any(node => node is AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax)
                || statement.FirstAncestorOrSelf<ConstructorDeclarationSyntax>() is not { } constructor
                || constructor.Modifiers.Any(SyntaxKind.StaticKeyword)
                || constructor.Parent != typeSyntax)
            {
                return null;
            }

            // The field is assigned in the constructor, so it is never null: no '?' (which C# before 8 would not accept either).
            var delegateType = eventReference.Event.Type.WithNullableAnnotation(NullableAnnotation.None).ToMinimalDisplayString(semanticModel, subscription.SpanStart);
            return new Plan(subscription, dispose, typeSyntax, delegateType, eventReference.Event.Name);
        }

        /// <summary>The type's own <c>Dispose()</c> that implements <see cref="System.IDisposable"/>, with a body in this file.</summary>
        private static MethodDeclarationSyntax? OwnDispose(INamedTypeSymbol type, Compilation compilation, SyntaxTree tree, CancellationToken cancellationToken)
        {
            if (compilation.GetSpecialType(SpecialType.System_IDisposable) is not { } disposable
                || disposable.GetMembers(nameof(System.IDisposable.Dispose)).FirstOrDefault() is not IMethodSymbol interfaceDispose
                || type.FindImplementationForInterfaceMember(interfaceDispose) is not IMethodSymbol { IsAbstract: false } implementation
                || !SymbolEqualityComparer.Default.Equals(implementation.ContainingType, type))
            {
                return null;
            }

            return implementation.DeclaringSyntaxReferences
                .Where(reference => reference.SyntaxTree == tree)
                .Select(reference => reference.GetSyntax(cancellationToken))
                .OfType<MethodDeclarationSyntax>()
                .FirstOrDefault(method => method.Body is not null || method.ExpressionBody is not null);
        }

        private protected override Task<Document> ApplyAsync(Document document, IReadOnlyCollection<object> plans, CancellationToken cancellationToken)
            => ApplyAsync(document, plans.Cast<Plan>().ToList(), cancellationToken);

        private static async Task<Document> ApplyAsync(Document document, IReadOnlyCollection<Plan> plans, CancellationToken cancellationToken)
        {
            var editor = await DocumentEditor.CreateAsync(document, cancellationToken).ConfigureAwait(false);
            foreach (var byType in plans.GroupBy(plan => plan.Type))
            {
                var type = byType.Key;
                var taken = FieldNamesToAvoid(editor.SemanticModel, type, byType);
                var fields = new List<MemberDeclarationSyntax>();
                var removals = new List<StatementSyntax>();
                foreach (var plan in byType.OrderBy(plan => plan.Subscription.SpanStart))
                {
                    var publisher = plan.Subscription.Left.WithoutTrivia();
                    ExpressionSyntax handler;
                    if (plan.DelegateType is null)
                    {
                        handler = plan.Subscription.Right.WithoutTrivia();
                    }
                    else
                    {
                        var name = FreshNames.Reserve("_" + char.ToLowerInvariant(plan.EventName[0]) + plan.EventName.Substring(1) + "Handler", taken);
                        handler = SyntaxFactory.IdentifierName(name);
                        fields.Add(SyntaxFactory.ParseMemberDeclaration($"private readonly {plan.DelegateType} {name};")!
                            .WithTrailingTrivia(SyntaxFactory.EndOfLine(editor.OriginalRoot.EndOfLine()))
                            .WithAdditionalAnnotations(Formatter.Annotation));
                        var statement = (ExpressionStatementSyntax)plan.Subscription.Parent!;
                        var anchor = StatementAnchor.For(statement)!.Value;
                        var indentation = anchor.Indentation();
                        var store = SyntaxFactory.ExpressionStatement(SyntaxFactory.AssignmentExpression(SyntaxKind.SimpleAssignmentExpression, handler, plan.Subscription.Right.WithoutTrivia()))
                            .WithLeadingTrivia(statement.GetLeadingTrivia())
                            .WithTrailingTrivia(SyntaxFactory.EndOfLine(editor.OriginalRoot.EndOfLine()));
                        var fieldHandler = handler;
                        editor.InsertBefore(statement, store);
                        editor.ReplaceNode(statement, (current, _) =>
                        {
                            var subscribe = (ExpressionStatementSyntax)current;
                            var add = (AssignmentExpressionSyntax)subscribe.Expression;
                            return subscribe.WithExpression(add.WithRight(fieldHandler.WithTriviaFrom(add.Right))).WithLeadingTrivia(indentation);
                        });
                    }

                    removals.Add(SyntaxFactory.ExpressionStatement(SyntaxFactory.AssignmentExpression(SyntaxKind.SubtractAssignmentExpression, publisher, handler))
                        .WithAdditionalAnnotations(Formatter.Annotation));
                }

                if (fields.Count > 0)
                {
                    if (type.Members.OfType<FieldDeclarationSyntax>().LastOrDefault() is { } lastField)
                    {
                        editor.InsertAfter(lastField, fields);
                    }
                    else
                    {
                        editor.InsertBefore(type.Members.First(), fields);
                    }
                }

                var dispose = byType.First().Dispose;
                editor.ReplaceNode(dispose, (current, _) => WithRemovals((MethodDeclarationSyntax)current, removals));
            }

            return editor.GetChangedDocument();
        }

        /// <summary>
        /// The removals first, so that no event reaches an object that is being disposed; after the removals already
        /// there, so that fixing one subscription at a time gives the same order as fixing them all at once.
        /// </summary>
        private static MethodDeclarationSyntax WithRemovals(MethodDeclarationSyntax dispose, IReadOnlyList<StatementSyntax> removals)
        {
            if (dispose.Body is { } body)
            {
                var index = body.Statements.TakeWhile(statement => statement is ExpressionStatementSyntax { Expression: AssignmentExpressionSyntax assignment }
                    && assignment.IsKind(SyntaxKind.SubtractAssignmentExpression)).Count();
                var changed = body.WithStatements(body.Statements.InsertRange(index, removals));

                // A body written on one line ('{ }') is opened up by the formatter; a formatted body comes out as it was.
                return dispose.WithBody(body.Statements.Count == 0 ? changed.WithAdditionalAnnotations(Formatter.Annotation) : changed);
            }

            var expressionBody = dispose.ExpressionBody!;
            var block = SyntaxFactory.Block(removals.Concat(new[] { SyntaxFactory.ExpressionStatement(expressionBody.Expression.WithoutTrivia()) }));
            return dispose.WithParameterList(dispose.ParameterList.WithoutTrailingTrivia())
                .WithExpressionBody(null)
                .WithSemicolonToken(default)
                .WithBody(block)
                .WithTrailingTrivia(dispose.GetTrailingTrivia())
                .WithAdditionalAnnotations(Formatter.Annotation);
        }

        /// <summary>Names a new field must not take: every member of the type and its bases, and every name declared in the bodies it is used from.</summary>
        private static HashSet<string> FieldNamesToAvoid(SemanticModel semanticModel, TypeDeclarationSyntax type, IEnumerable<Plan> plans)
        {
            var taken = new HashSet<string>();
            foreach (var plan in plans)
            {
                foreach (var body in new[] { FreshNames.EnclosingMemberBody(plan.Subscription), plan.Dispose })
                {
                    if (body is not null)
                    {
                        taken.UnionWith(FreshNames.TakenNames(semanticModel, body, body.SpanStart));
                    }
                }
            }

            foreach (var member in type.Members)
            {
                taken.UnionWith(member switch
                {
                    BaseFieldDeclarationSyntax field => field.Declaration.Variables.Select(variable => variable.Identifier.ValueText),
                    MethodDeclarationSyntax method => new[] { method.Identifier.ValueText },
                    PropertyDeclarationSyntax property => new[] { property.Identifier.ValueText },
                    BaseTypeDeclarationSyntax nested => new[] { nested.Identifier.ValueText },
                    _ => Enumerable.Empty<string>(),
                });
            }

            return taken;
        }
    }
}
