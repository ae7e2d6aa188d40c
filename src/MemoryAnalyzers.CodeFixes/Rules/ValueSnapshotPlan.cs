using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace MemoryAnalyzers.CodeFixes.Rules
{
    /// <summary>
    /// The plan for one MEM002 fix: the projections to replace by a copy taken before the statement that creates the
    /// delegate. A plan exists only when the copy equals what the delegate would read later and taking it cannot throw
    /// where the original code did not (see <see cref="ClosureCapturesLargeObjectFixer"/>).
    /// </summary>
    internal sealed class ValueSnapshotPlan
    {
        private ValueSnapshotPlan(string variableName, StatementAnchor anchor, SyntaxNode memberBody, List<ExpressionSyntax> projections)
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

        public static ValueSnapshotPlan? TryCreate(SyntaxNode root, SemanticModel semanticModel, Diagnostic diagnostic, CancellationToken cancellationToken)
        {
            if (diagnostic.AdditionalLocations.Count < 2
                || root.FindNode(diagnostic.AdditionalLocations[0].SourceSpan, getInnermostNodeForTie: true) is not { } function
                || function is not AnonymousFunctionExpressionSyntax
                || function.FirstAncestorOrSelf<StatementSyntax>() is not { } statement
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

            return new ValueSnapshotPlan(variable.Name, anchor, memberBody, projections);
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
