using System.Collections.Concurrent;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace MemoryAnalyzers
{
    /// <summary>What a project method returns, for MEM004: a new object on every return, or something it may also keep.</summary>
    internal enum FactoryKind
    {
        /// <summary>The rule cannot tell (a virtual method, a returned parameter, a call it does not follow): treated as not owned.</summary>
        Unknown,

        /// <summary>Every return is <c>new X(...)</c>, a local initialised with one, <c>null</c>, or a call to another fresh factory of the type.</summary>
        Fresh,

        /// <summary>A return hands out a field (<c>return _cached ??= new X();</c>): the caller owns nothing.</summary>
        Cached,
    }

    /// <summary>What a project method does with one of its parameters, for MEM004.</summary>
    internal enum ParameterUse
    {
        /// <summary>Stores, returns, passes on, captures it, or the rule cannot tell: treated as handed over.</summary>
        Unknown,

        /// <summary>Only reads members of it or compares it (<c>IsTar(stream)</c>): the caller still owns it.</summary>
        OnlyReads,

        /// <summary>Disposes or closes it (<c>SafeDispose(x)</c>): counts as the caller's Dispose call.</summary>
        Disposes,
    }

    /// <summary>
    /// Summarises each project method once per compilation, from its syntax, on demand and depth-limited: is it a factory
    /// whose every return is a newly created object (MEM004 shape 6), one that hands out a cached object, or unknown?
    /// </summary>
    internal sealed class SourceFactories
    {
        private const int MaxDepth = 3;

        // Sized up front: on real code the adds (and the resizes that lock every bucket) cost more than the lookups.
        private readonly ConcurrentDictionary<IMethodSymbol, FactoryKind> _summaries = new(concurrencyLevel: 4, capacity: 1024, SymbolEqualityComparer.Default);
        private readonly ConcurrentDictionary<IParameterSymbol, ParameterUse> _parameters = new(concurrencyLevel: 4, capacity: 1024, SymbolEqualityComparer.Default);

        /// <summary>What <paramref name="method"/> does with its parameter number <paramref name="ordinal"/>, from its syntax, once.</summary>
        public ParameterUse OfParameter(IMethodSymbol method, int ordinal)
        {
            var parameter = method.OriginalDefinition.Parameters[ordinal];
            return _parameters.TryGetValue(parameter, out var known)
                ? known
                : _parameters.GetOrAdd(parameter, ComputeParameterUse(method.OriginalDefinition, parameter.Name));
        }

        /// <summary>
        /// The field or property a project constructor stores its parameter in (<c>_inner = inner;</c>, also
        /// <c>inner ?? throw ...</c>), when storing it and reading members of it is all the constructor does with it; null
        /// otherwise (passed to <c>: base(inner)</c>, to a call, captured: unknown).
        /// </summary>
        public static string? StoredMember(IMethodSymbol constructor, int ordinal)
        {
            if (constructor.DeclaringSyntaxReferences.Length != 1
                || constructor.DeclaringSyntaxReferences[0].GetSyntax() is not ConstructorDeclarationSyntax declaration)
            {
                return null;
            }

            var name = constructor.Parameters[ordinal].Name;
            string? stored = null;
            foreach (var identifier in declaration.DescendantNodes().OfType<IdentifierNameSyntax>())
            {
                if (identifier.Identifier.ValueText != name || IsNameOfArgument(identifier))
                {
                    continue;
                }

                SyntaxNode value = identifier;
                if (value.Parent is BinaryExpressionSyntax coalesce && coalesce.IsKind(SyntaxKind.CoalesceExpression) && coalesce.Left == value)
                {
                    value = coalesce;
                }

                switch (value.Parent)
                {
                    case AssignmentExpressionSyntax assignment when assignment.Right == value
                        && assignment.IsKind(SyntaxKind.SimpleAssignmentExpression)
                        && SourceDisposeSummary.MemberName(assignment.Left) is { } member
                        && constructor.ContainingType.GetMembers(member).Any(m => m is IFieldSymbol or IPropertySymbol)
                        && (stored is null || stored == member):
                        stored = member;
                        break;
                    case MemberAccessExpressionSyntax access when access.Expression == identifier && access.Name.Identifier.ValueText is not ("Dispose" or "Close" or "DisposeAsync"):
                    case BinaryExpressionSyntax equality when equality.IsKind(SyntaxKind.EqualsExpression) || equality.IsKind(SyntaxKind.NotEqualsExpression):
                    case IsPatternExpressionSyntax:
                        break;
                    default:
                        return null;
                }
            }

            return stored;
        }

        /// <summary><c>nameof(x)</c> only names the parameter.</summary>
        private static bool IsNameOfArgument(IdentifierNameSyntax identifier)
            => identifier.Parent is ArgumentSyntax { Parent: ArgumentListSyntax { Parent: InvocationExpressionSyntax { Expression: IdentifierNameSyntax { Identifier.ValueText: "nameof" } } } };

        private static ParameterUse ComputeParameterUse(IMethodSymbol method, string name)
        {
            if (method.IsVirtual || method.IsAbstract || method.IsOverride || method.IsExtern || method.IsPartialDefinition
                || method.DeclaringSyntaxReferences.Length != 1
                || method.DeclaringSyntaxReferences[0].GetSyntax() is not BaseMethodDeclarationSyntax declaration
                || (declaration.Body ?? (SyntaxNode?)declaration.ExpressionBody) is not { } body)
            {
                return ParameterUse.Unknown;
            }

            var result = ParameterUse.OnlyReads;
            foreach (var node in body.DescendantNodes())
            {
                if (node is not IdentifierNameSyntax identifier || identifier.Identifier.ValueText != name || IsNameOfArgument(identifier))
                {
                    continue;
                }

                if (identifier.Ancestors().TakeWhile(a => a != body).Any(a => a is AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax))
                {
                    return ParameterUse.Unknown;
                }

                switch (identifier.Parent)
                {
                    case MemberAccessExpressionSyntax access when access.Expression == identifier:
                        if (access.Name.Identifier.ValueText is "Dispose" or "Close" or "DisposeAsync")
                        {
                            result = ParameterUse.Disposes;
                        }
                        else if (access.Parent is AssignmentExpressionSyntax || access.Name.Identifier.ValueText.StartsWith("GetEnumerator", System.StringComparison.Ordinal))
                        {
                            return ParameterUse.Unknown;
                        }

                        break;
                    case ConditionalAccessExpressionSyntax conditional when conditional.Expression == identifier:
                        if (conditional.WhenNotNull is InvocationExpressionSyntax { Expression: MemberBindingExpressionSyntax { Name.Identifier.ValueText: "Dispose" or "Close" } })
                        {
                            result = ParameterUse.Disposes;
                        }

                        break;
                    case BinaryExpressionSyntax binary when binary.IsKind(SyntaxKind.EqualsExpression) || binary.IsKind(SyntaxKind.NotEqualsExpression):
                    case IsPatternExpressionSyntax:
                        break;
                    default:
                        return ParameterUse.Unknown;
                }
            }

            return result;
        }

        public FactoryKind Summarize(IMethodSymbol method) => Summarize(method.OriginalDefinition, depth: 0);

        private FactoryKind Summarize(IMethodSymbol method, int depth)
        {
            if (_summaries.TryGetValue(method, out var known))
            {
                return known;
            }

            var kind = depth > MaxDepth ? FactoryKind.Unknown : Compute(method, depth);
            return depth == 0 ? _summaries.GetOrAdd(method, kind) : kind;
        }

        private FactoryKind Compute(IMethodSymbol method, int depth)
        {
            if (method.IsVirtual || method.IsAbstract || method.IsOverride || method.IsExtern || method.IsAsync
                || method.MethodKind != MethodKind.Ordinary || method.DeclaringSyntaxReferences.Length != 1)
            {
                return FactoryKind.Unknown;
            }

            switch (method.DeclaringSyntaxReferences[0].GetSyntax())
            {
                case MethodDeclarationSyntax { ExpressionBody: { } arrow }:
                    return OfReturned(method, arrow.Expression, null, depth);
                case MethodDeclarationSyntax { Body: { } body }:
                    var result = FactoryKind.Unknown;
                    foreach (var node in body.DescendantNodes(descendIntoChildren: node => node is not (AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax)))
                    {
                        if (node is YieldStatementSyntax)
                        {
                            return FactoryKind.Unknown;
                        }

                        if (node is ReturnStatementSyntax { Expression: { } returned })
                        {
                            var kind = OfReturned(method, returned, body, depth);
                            if (kind != FactoryKind.Fresh)
                            {
                                return kind;
                            }

                            result = FactoryKind.Fresh;
                        }
                    }

                    return result;
                default:
                    return FactoryKind.Unknown;
            }
        }

        private FactoryKind OfReturned(IMethodSymbol method, ExpressionSyntax returned, BlockSyntax? body, int depth)
        {
            while (returned is ParenthesizedExpressionSyntax or CastExpressionSyntax)
            {
                returned = returned is ParenthesizedExpressionSyntax parenthesized ? parenthesized.Expression : ((CastExpressionSyntax)returned).Expression;
            }

            switch (returned)
            {
                case BaseObjectCreationExpressionSyntax:
                    return FactoryKind.Fresh;
                case LiteralExpressionSyntax literal when literal.IsKind(SyntaxKind.NullLiteralExpression) || literal.IsKind(SyntaxKind.DefaultLiteralExpression):
                    return FactoryKind.Fresh;
                case AssignmentExpressionSyntax:
                    // return _cached ??= new X(); return _last = new X();
                    return FactoryKind.Cached;
                case BinaryExpressionSyntax coalesce when coalesce.IsKind(SyntaxKind.CoalesceExpression):
                    return FactoryKind.Cached;
                case IdentifierNameSyntax identifier when body is not null:
                    return IsFreshLocal(identifier.Identifier.ValueText, body) ? FactoryKind.Fresh : KeptOrUnknown(method, identifier.Identifier.ValueText);
                case MemberAccessExpressionSyntax { Expression: ThisExpressionSyntax } access:
                    return KeptOrUnknown(method, access.Name.Identifier.ValueText);
                case IdentifierNameSyntax identifier:
                    return KeptOrUnknown(method, identifier.Identifier.ValueText);
                case InvocationExpressionSyntax { Expression: IdentifierNameSyntax callee }:
                    // Another factory of the same type: fresh when every overload of that name is.
                    var any = false;
                    foreach (var member in method.ContainingType.GetMembers(callee.Identifier.ValueText))
                    {
                        if (member is not IMethodSymbol other || SymbolEqualityComparer.Default.Equals(other, method) || Summarize(other, ++depth) != FactoryKind.Fresh)
                        {
                            return FactoryKind.Unknown;
                        }

                        any = true;
                    }

                    return any ? FactoryKind.Fresh : FactoryKind.Unknown;
                default:
                    return FactoryKind.Unknown;
            }
        }

        /// <summary>A field or property of the type is returned: the object is shared, not handed over.</summary>
        private static FactoryKind KeptOrUnknown(IMethodSymbol method, string name)
        {
            foreach (var member in method.ContainingType.GetMembers(name))
            {
                if (member is IFieldSymbol or IPropertySymbol)
                {
                    return FactoryKind.Cached;
                }
            }

            return FactoryKind.Unknown;
        }

        /// <summary><c>var x = new X(...); ...; return x;</c> where nothing else is ever assigned to <c>x</c>.</summary>
        private static bool IsFreshLocal(string name, BlockSyntax body)
        {
            var fresh = false;
            foreach (var node in body.DescendantNodes())
            {
                switch (node)
                {
                    case VariableDeclaratorSyntax declarator when declarator.Identifier.ValueText == name:
                        if (fresh || declarator.Initializer?.Value is not BaseObjectCreationExpressionSyntax)
                        {
                            return false;
                        }

                        fresh = true;
                        break;
                    case AssignmentExpressionSyntax { Left: IdentifierNameSyntax assigned } when assigned.Identifier.ValueText == name:
                        return false;
                    case AssignmentExpressionSyntax { Right: IdentifierNameSyntax stored } when stored.Identifier.ValueText == name:
                        // Also kept somewhere: _last = x.
                        return false;
                    case ArgumentSyntax { Expression: IdentifierNameSyntax passed } when passed.Identifier.ValueText == name:
                        // Handed to a call that may keep it: _all.Add(x).
                        return false;
                }
            }

            return fresh;
        }
    }
}
