using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace MemoryAnalyzers.CodeFixes
{
    /// <summary>
    /// Whether the object a local holds can be reached through that local only, so that what the method does to the
    /// object's <see cref="PlainStorage"/> members is visible to no other code, whatever that code is.
    /// For a class that holds when every value the local takes is an object created right there, by a constructor that
    /// keeps <c>this</c> to itself, and the local is only used to read and write plain members: then no other reference
    /// to the object exists. A struct local holds its own copy; it only must not be lent out by reference.
    /// </summary>
    internal static class ConfinedObject
    {
        private const int MaxConstructorChain = 8;

        /// <summary>
        /// True for a plain local declaration (not <c>using</c>, not <c>ref</c>) of a class or struct whose initial value,
        /// for a class, is a new object or nothing.
        /// </summary>
        public static bool IsDeclaredConfined(ILocalSymbol local, SemanticModel semanticModel, CancellationToken cancellationToken)
        {
            if (local.IsRef
                || local.Type.IsRefLikeType
                || local.Type.TypeKind is not (TypeKind.Class or TypeKind.Struct)
                || local.DeclaringSyntaxReferences.Length != 1
                || local.DeclaringSyntaxReferences[0].GetSyntax(cancellationToken) is not VariableDeclaratorSyntax
                {
                    Parent: VariableDeclarationSyntax { Parent: LocalDeclarationStatementSyntax declaration },
                } declarator
                || !declaration.UsingKeyword.IsKind(SyntaxKind.None))
            {
                return false;
            }

            return local.Type.IsValueType
                || declarator.Initializer is null
                || IsNewObject(declarator.Initializer.Value, semanticModel, cancellationToken);
        }

        /// <summary>
        /// True when <paramref name="use"/> of a confined local keeps it confined: for a class, reading or writing a plain
        /// member (<c>local.Member</c>) or assigning a new object to the local; for a struct, anything but lending it by reference.
        /// </summary>
        public static bool KeepsConfined(IdentifierNameSyntax use, ITypeSymbol type, SemanticModel semanticModel, CancellationToken cancellationToken)
        {
            if (type.IsValueType)
            {
                return !VariableUses.IsLentByReference(use);
            }

            return AccessedStorage(use, semanticModel, cancellationToken) is not null
                || (use.Parent is AssignmentExpressionSyntax { Left: var left, Right: var value } assignment
                    && left == use
                    && assignment.IsKind(SyntaxKind.SimpleAssignmentExpression)
                    && IsNewObject(value, semanticModel, cancellationToken));
        }

        /// <summary>The storage of the plain member <paramref name="use"/> reaches (<c>local.Member</c>), or null.</summary>
        public static ISymbol? AccessedStorage(IdentifierNameSyntax use, SemanticModel semanticModel, CancellationToken cancellationToken)
            => use.Parent is MemberAccessExpressionSyntax { Expression: var receiver } access
                && receiver == use
                && access.IsKind(SyntaxKind.SimpleMemberAccessExpression)
                ? PlainStorage.Of(semanticModel.GetSymbolInfo(access, cancellationToken).Symbol, semanticModel.Compilation, cancellationToken)
                : null;

        /// <summary><c>new T(...)</c>, with an initializer that only sets plain members, by a constructor that keeps <c>this</c> to itself.</summary>
        private static bool IsNewObject(ExpressionSyntax value, SemanticModel semanticModel, CancellationToken cancellationToken)
        {
            if (semanticModel.GetOperation(value.WalkDownParentheses(), cancellationToken) is not IObjectCreationOperation { Constructor: { } constructor } creation
                || !KeepsThisToItself(constructor, semanticModel.Compilation, cancellationToken, depth: 0))
            {
                return false;
            }

            return creation.Initializer is null
                || creation.Initializer.Initializers.All(initializer => initializer is ISimpleAssignmentOperation { Target: IMemberReferenceOperation member }
                    && PlainStorage.Of(member.Member, semanticModel.Compilation, cancellationToken) is not null);
        }

        /// <summary>
        /// True when the constructor, and those it chains to, use <c>this</c> only to read and write plain members, outside
        /// any lambda: then they hand the new object to no one. Field initializers cannot name <c>this</c>. A constructor
        /// without source (other than <see cref="object"/>'s) is unknown, so false.
        /// </summary>
        private static bool KeepsThisToItself(IMethodSymbol constructor, Compilation compilation, CancellationToken cancellationToken, int depth)
        {
            var type = constructor.ContainingType;
            if (type.SpecialType == SpecialType.System_Object)
            {
                return true;
            }

            if (depth > MaxConstructorChain)
            {
                return false;
            }

            if (constructor.DeclaringSyntaxReferences.IsEmpty)
            {
                return constructor.IsImplicitlyDeclared && ImplicitBaseKeepsThis(type, compilation, cancellationToken, depth);
            }

            foreach (var reference in constructor.DeclaringSyntaxReferences)
            {
                if (reference.GetSyntax(cancellationToken) is not ConstructorDeclarationSyntax declaration
                    || compilation.GetSemanticModel(declaration.SyntaxTree).GetOperation(declaration, cancellationToken) is not IConstructorBodyOperation body)
                {
                    return false;
                }

                var chains = false;
                foreach (var instance in body.Descendants().OfType<IInstanceReferenceOperation>())
                {
                    switch (instance.Parent)
                    {
                        case IInvocationOperation { TargetMethod.MethodKind: MethodKind.Constructor } call when call.Instance == instance:
                            chains = true;
                            if (!KeepsThisToItself(call.TargetMethod, compilation, cancellationToken, depth + 1))
                            {
                                return false;
                            }

                            break;

                        case IMemberReferenceOperation member when member.Instance == instance
                            && !IsInLambda(instance, body)
                            && PlainStorage.Of(member.Member, compilation, cancellationToken) is not null:
                            break;

                        default:
                            return false;
                    }
                }

                if (!chains && !ImplicitBaseKeepsThis(type, compilation, cancellationToken, depth))
                {
                    return false;
                }
            }

            return true;
        }

        /// <summary>The base constructor an implicit <c>base()</c> may call: every one callable without arguments must keep <c>this</c>.</summary>
        private static bool ImplicitBaseKeepsThis(INamedTypeSymbol type, Compilation compilation, CancellationToken cancellationToken, int depth)
        {
            if (type.BaseType is not { } baseType)
            {
                return false;
            }

            var candidates = baseType.InstanceConstructors.Where(candidate => candidate.Parameters.All(parameter => parameter.IsOptional || parameter.IsParams)).ToList();
            return candidates.Count > 0 && candidates.All(candidate => KeepsThisToItself(candidate, compilation, cancellationToken, depth + 1));
        }

        private static bool IsInLambda(IOperation operation, IOperation boundary)
        {
            for (var current = operation.Parent; current is not null && current != boundary; current = current.Parent)
            {
                if (current is IAnonymousFunctionOperation or ILocalFunctionOperation)
                {
                    return true;
                }
            }

            return false;
        }
    }
}
