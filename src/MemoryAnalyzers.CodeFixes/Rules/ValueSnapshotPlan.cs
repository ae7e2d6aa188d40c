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
                || !IsSafeToSnapshot(semanticModel, memberBody, statement, function, variable, kind, projections, cancellationToken))
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
            OwnedArrayElement,
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

                case IArrayElementReferenceOperation { Indices.Length: 1 } element
                    when element.Indices[0].ConstantValue is { HasValue: true, Value: int index } && index >= 0:
                    variable = VariableOf(element.ArrayReference);
                    return ProjectionKind.OwnedArrayElement;

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
            List<ExpressionSyntax> projections,
            CancellationToken cancellationToken)
        {
            var firstProjection = projections[0];
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
                : firstProjection is ElementAccessExpressionSyntax elementAccess ? elementAccess.Expression
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

            // A count or an element changes when the collection does: only a collection of the framework that this
            // method creates, fills before the delegate exists and uses outside it only through its own members (never
            // handing it to other code), with no loop that could create the delegate again.
            if (!createdHere
                || IsInLoopBelow(statement, variable, cancellationToken)
                || ((ILocalSymbol)variable).Type is not { } type
                || !(type is IArrayTypeSymbol || IsFrameworkType(type)))
            {
                return false;
            }

            if (kind == ProjectionKind.OwnedArrayElement && !projections.All(projection => IsProvenInRange(projection, initializer!, statement, variable, semanticModel, cancellationToken)))
            {
                // On an array that may be too short, the copy would throw when the delegate is created instead of when it runs.
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
                    || !(use.Parent is MemberAccessExpressionSyntax member && member.Expression == use && !IsExtensionCall(member, semanticModel, cancellationToken)
                        || use.Parent is ElementAccessExpressionSyntax element && element.Expression == use))
                {
                    return false;
                }
            }

            return true;
        }

        private static bool IsFrameworkType(ITypeSymbol type)
        {
            var ns = type.ContainingNamespace?.ToDisplayString() ?? "";
            return ns == "System" || ns.StartsWith("System.", System.StringComparison.Ordinal);
        }

        private static bool IsExtensionCall(MemberAccessExpressionSyntax member, SemanticModel semanticModel, CancellationToken cancellationToken)
            => semanticModel.GetSymbolInfo(member, cancellationToken).Symbol is IMethodSymbol { ReducedFrom: not null };

        /// <summary>
        /// The constant index is inside the array: the array is created with a constant length or with enough
        /// elements, or an earlier statement of the same block already wrote or read that element.
        /// </summary>
        private static bool IsProvenInRange(ExpressionSyntax projection, ExpressionSyntax initializer, StatementSyntax statement, ISymbol variable, SemanticModel semanticModel, CancellationToken cancellationToken)
        {
            if (projection is not ElementAccessExpressionSyntax { ArgumentList.Arguments: { Count: 1 } arguments }
                || semanticModel.GetConstantValue(arguments[0].Expression, cancellationToken) is not { HasValue: true, Value: int index })
            {
                return false;
            }

            switch (initializer)
            {
                case ArrayCreationExpressionSyntax { Initializer: { } elements }:
                    return elements.Expressions.Count > index;
                case ArrayCreationExpressionSyntax { Type.RankSpecifiers: { Count: 1 } ranks } when ranks[0].Sizes.Count == 1:
                    return semanticModel.GetConstantValue(ranks[0].Sizes[0], cancellationToken) is { HasValue: true, Value: int length } && length > index
                        || IsTouchedBefore(statement, variable, index, semanticModel, cancellationToken);
                case ImplicitArrayCreationExpressionSyntax implicitArray:
                    return implicitArray.Initializer.Expressions.Count > index;
                case CollectionExpressionSyntax collection:
                    return collection.Elements.All(element => element is ExpressionElementSyntax) && collection.Elements.Count > index;
                default:
                    return false;
            }
        }

        /// <summary><c>buffer[0] = 42;</c> as an earlier statement of the same block: it ran, so index 0 exists.</summary>
        private static bool IsTouchedBefore(StatementSyntax statement, ISymbol variable, int index, SemanticModel semanticModel, CancellationToken cancellationToken)
        {
            if (statement.Parent is not BlockSyntax block)
            {
                return false;
            }

            foreach (var sibling in block.Statements)
            {
                if (sibling == statement)
                {
                    return false;
                }

                if (sibling is ExpressionStatementSyntax { Expression: AssignmentExpressionSyntax { Left: ElementAccessExpressionSyntax { ArgumentList.Arguments: { Count: 1 } arguments } target } }
                    && target.Expression is IdentifierNameSyntax identifier
                    && SymbolEqualityComparer.Default.Equals(semanticModel.GetSymbolInfo(identifier, cancellationToken).Symbol, variable)
                    && semanticModel.GetConstantValue(arguments[0].Expression, cancellationToken) is { HasValue: true, Value: int written }
                    && written == index)
                {
                    return true;
                }
            }

            return false;
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
