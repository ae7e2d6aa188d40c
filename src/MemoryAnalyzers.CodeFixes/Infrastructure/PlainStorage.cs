using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace MemoryAnalyzers.CodeFixes
{
    /// <summary>
    /// Instance members that are plain storage: reading or writing them runs no code of the user's, so it can observe
    /// nothing and publish nothing. That is a field, an auto-property, or a property declared in source whose accessors
    /// only return and assign one field of its own type (<c>get { return _text; } set { _text = value; }</c>).
    /// Anything else (a property with logic, one declared in a referenced assembly, a virtual one that an override may
    /// replace, an indexer) may run arbitrary code and is not plain.
    /// </summary>
    internal static class PlainStorage
    {
        /// <summary>
        /// The storage behind <paramref name="member"/>: the field itself, the field a trivial property returns and assigns,
        /// or the property itself for an auto-property (its hidden field belongs to it alone); null when the member is not plain.
        /// Two members with the same storage read and write the same value.
        /// </summary>
        public static ISymbol? Of(ISymbol? member, Compilation compilation, CancellationToken cancellationToken)
        {
            switch (member)
            {
                case IFieldSymbol { IsStatic: false } field:
                    return field.OriginalDefinition;
                case IPropertySymbol { IsStatic: false, IsIndexer: false, IsVirtual: false, IsAbstract: false, IsOverride: false, IsExtern: false } property:
                    return PropertyStorage(property.OriginalDefinition, compilation, cancellationToken);
                default:
                    return null;
            }
        }

        private static ISymbol? PropertyStorage(IPropertySymbol property, Compilation compilation, CancellationToken cancellationToken)
        {
            if (property.DeclaringSyntaxReferences.Length != 1
                || property.DeclaringSyntaxReferences[0].GetSyntax(cancellationToken) is not PropertyDeclarationSyntax declaration
                || declaration.Modifiers.Any(modifier => modifier.IsKind(SyntaxKind.PartialKeyword) || modifier.IsKind(SyntaxKind.ExternKeyword)))
            {
                return null;
            }

            var semanticModel = compilation.GetSemanticModel(declaration.SyntaxTree);
            if (declaration.ExpressionBody is { } getter)
            {
                return OwnField(getter.Expression, property, semanticModel, cancellationToken);
            }

            var accessors = declaration.AccessorList?.Accessors ?? default;
            if (accessors.Count == 0)
            {
                return null;
            }

            if (accessors.All(accessor => accessor.Body is null && accessor.ExpressionBody is null))
            {
                return property;
            }

            ISymbol? storage = null;
            foreach (var accessor in accessors)
            {
                var field = accessor.IsKind(SyntaxKind.GetAccessorDeclaration)
                    ? OwnField(ReturnedExpression(accessor), property, semanticModel, cancellationToken)
                    : AssignedField(accessor, property, semanticModel, cancellationToken);
                if (field is null || (storage is not null && !SymbolEqualityComparer.Default.Equals(storage, field)))
                {
                    return null;
                }

                storage = field;
            }

            return storage;
        }

        /// <summary><c>get => e;</c> or <c>get { return e; }</c>.</summary>
        private static ExpressionSyntax? ReturnedExpression(AccessorDeclarationSyntax accessor)
            => accessor.ExpressionBody?.Expression
            ?? (accessor.Body is { Statements: { Count: 1 } statements } && statements[0] is ReturnStatementSyntax { Expression: { } returned } ? returned : null);

        /// <summary><c>set => _f = value;</c> or <c>set { _f = value; }</c> (also <c>init</c>): the field assigned.</summary>
        private static ISymbol? AssignedField(AccessorDeclarationSyntax accessor, IPropertySymbol property, SemanticModel semanticModel, CancellationToken cancellationToken)
        {
            var expression = accessor.ExpressionBody?.Expression
                ?? (accessor.Body is { Statements: { Count: 1 } statements } && statements[0] is ExpressionStatementSyntax statement ? statement.Expression : null);
            return expression is AssignmentExpressionSyntax { Right: IdentifierNameSyntax { Identifier.ValueText: "value" } value } assignment
                && assignment.IsKind(SyntaxKind.SimpleAssignmentExpression)
                && semanticModel.GetSymbolInfo(value, cancellationToken).Symbol is IParameterSymbol { ContainingSymbol: IMethodSymbol { MethodKind: MethodKind.PropertySet } }
                ? OwnField(assignment.Left, property, semanticModel, cancellationToken)
                : null;
        }

        /// <summary>An instance field of the property's own type, named alone or as <c>this._f</c>.</summary>
        private static ISymbol? OwnField(ExpressionSyntax? expression, IPropertySymbol property, SemanticModel semanticModel, CancellationToken cancellationToken)
        {
            var name = expression?.WalkDownParentheses() switch
            {
                IdentifierNameSyntax identifier => identifier,
                MemberAccessExpressionSyntax { Expression: ThisExpressionSyntax, Name: IdentifierNameSyntax identifier } => identifier,
                _ => null,
            };
            return name is not null
                && semanticModel.GetSymbolInfo(name, cancellationToken).Symbol is IFieldSymbol { IsStatic: false } field
                && SymbolEqualityComparer.Default.Equals(field.ContainingType.OriginalDefinition, property.ContainingType)
                ? field.OriginalDefinition
                : null;
        }
    }
}
