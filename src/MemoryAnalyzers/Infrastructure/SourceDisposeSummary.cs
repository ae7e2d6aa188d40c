using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace MemoryAnalyzers
{
    /// <summary>
    /// What a project type's <c>Dispose</c> releases, read from its syntax once per type (no binding, so no semantic model
    /// of another file is needed): the fields and properties it disposes or closes (directly, through <c>?.</c>, or through a
    /// helper whose name says it disposes), its base's <c>Dispose</c>, native frees and pool returns, following calls to
    /// the type's own methods. A <c>Dispose</c> that only sets flags, or that only disposes fields holding nothing (a
    /// <c>MemoryStream</c>), holds nothing; a type that does not override an inherited no-op <c>Dispose</c> holds nothing.
    /// </summary>
    internal sealed class SourceDisposeSummary
    {
        /// <summary>How many project types deep fields are followed; deeper is <see cref="HeldResource.Unknown"/>.</summary>
        public const int MaxDepth = 4;

        /// <summary>How many methods of one type are read, the dispose methods and the helpers they call.</summary>
        private const int MaxMethods = 12;

        private readonly HeldResources _resources;

        public SourceDisposeSummary(HeldResources resources) => _resources = resources;

        public HeldResource Summarize(INamedTypeSymbol type, int depth)
        {
            var pending = new Queue<SyntaxNode>();
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (var member in type.GetMembers())
            {
                if (member is IMethodSymbol method && IsDisposeMethod(method) && seen.Add(method.Name + "/" + method.Parameters.Length))
                {
                    Enqueue(method, pending);
                }
            }

            if (pending.Count == 0)
            {
                return _resources.Inherited(type.BaseType, depth + 1);
            }

            var result = HeldResource.Nothing;
            var read = 0;
            while (pending.Count > 0 && read++ < MaxMethods && !result.IsNamed)
            {
                foreach (var node in pending.Dequeue().DescendantNodes())
                {
                    if (node is InvocationExpressionSyntax invocation)
                    {
                        result = HeldResource.Strongest(result, OfCall(type, invocation, depth, pending, seen));
                    }
                }
            }

            return result;
        }

        /// <summary>
        /// Whether the <c>Dispose</c> of <paramref name="type"/> or of one of its project bases disposes or closes the field
        /// or property named <paramref name="member"/> (directly, with <c>?.</c>, or through a helper). Read on demand from
        /// syntax: it is asked only when a local is handed to a project constructor that stores it.
        /// </summary>
        public static bool DisposesMember(INamedTypeSymbol type, string member)
        {
            for (var current = type; current is { DeclaringSyntaxReferences.IsEmpty: false }; current = current.BaseType)
            {
                var pending = new Queue<SyntaxNode>();
                var seen = new HashSet<string>(StringComparer.Ordinal);
                foreach (var candidate in current.GetMembers())
                {
                    if (candidate is IMethodSymbol method && IsDisposeMethod(method) && seen.Add(method.Name + "/" + method.Parameters.Length))
                    {
                        Enqueue(method, pending);
                    }
                }

                for (var read = 0; pending.Count > 0 && read < MaxMethods; read++)
                {
                    foreach (var node in pending.Dequeue().DescendantNodes())
                    {
                        if (node is not InvocationExpressionSyntax invocation)
                        {
                            continue;
                        }

                        var (name, target) = Callee(invocation);
                        if (name.IndexOf("Dispose", StringComparison.Ordinal) >= 0 || name.IndexOf("Close", StringComparison.Ordinal) >= 0)
                        {
                            if ((target is not null && MemberName(target) == member)
                                || invocation.ArgumentList.Arguments.Any(argument => MemberName(argument.Expression) == member))
                            {
                                return true;
                            }
                        }

                        if (target is null or ThisExpressionSyntax)
                        {
                            FollowOwnMethod(current, name, pending, seen);
                        }
                    }
                }
            }

            return false;
        }

        private static (string Name, ExpressionSyntax? Target) Callee(InvocationExpressionSyntax invocation) => invocation.Expression switch
        {
            MemberAccessExpressionSyntax access => (access.Name.Identifier.ValueText, access.Expression),
            MemberBindingExpressionSyntax binding => (binding.Name.Identifier.ValueText, ConditionalTarget(invocation)),
            IdentifierNameSyntax identifier => (identifier.Identifier.ValueText, null),
            _ => (string.Empty, null),
        };

        /// <summary>The member an expression names: <c>_x</c>, <c>this._x</c>, through parentheses, casts and <c>!</c>; null otherwise.</summary>
        internal static string? MemberName(ExpressionSyntax expression)
        {
            while (expression is ParenthesizedExpressionSyntax or PostfixUnaryExpressionSyntax or CastExpressionSyntax)
            {
                expression = expression switch
                {
                    ParenthesizedExpressionSyntax parenthesized => parenthesized.Expression,
                    PostfixUnaryExpressionSyntax postfix => postfix.Operand,
                    CastExpressionSyntax cast => cast.Expression,
                    _ => expression,
                };
            }

            return expression switch
            {
                IdentifierNameSyntax identifier => identifier.Identifier.ValueText,
                MemberAccessExpressionSyntax { Expression: ThisExpressionSyntax } access => access.Name.Identifier.ValueText,
                _ => null,
            };
        }

        private HeldResource OfCall(INamedTypeSymbol type, InvocationExpressionSyntax invocation, int depth, Queue<SyntaxNode> pending, HashSet<string> seen)
        {
            var (name, target) = Callee(invocation);

            if (name is "Dispose" or "DisposeAsync" or "Close")
            {
                if (target is null or ThisExpressionSyntax)
                {
                    // Dispose() { Dispose(true); }, Dispose(bool) { Close(); }: the type's own method.
                    FollowOwnMethod(type, name, pending, seen);
                }

                return target switch
                {
                    BaseExpressionSyntax => _resources.Inherited(type.BaseType, depth + 1),
                    null or ThisExpressionSyntax => HeldResource.Nothing,
                    _ => OfMember(type, target, depth),
                };
            }

            if (name.IndexOf("Dispose", StringComparison.Ordinal) >= 0 || name.IndexOf("Close", StringComparison.Ordinal) >= 0)
            {
                // A helper: x.SafeDispose(), DisposeHelper.Dispose(ref _x), CloseQuietly(_x).
                var result = target is null or ThisExpressionSyntax or BaseExpressionSyntax ? HeldResource.Nothing : OfMember(type, target, depth);
                foreach (var argument in invocation.ArgumentList.Arguments)
                {
                    result = HeldResource.Strongest(result, OfMember(type, argument.Expression, depth));
                }

                if (target is null or ThisExpressionSyntax)
                {
                    FollowOwnMethod(type, name, pending, seen);
                }

                return result;
            }

            if (name.StartsWith("Free", StringComparison.Ordinal))
            {
                return HeldResource.NativeMemory;
            }

            if (name == "Return" && target?.ToString().IndexOf("Pool", StringComparison.OrdinalIgnoreCase) >= 0)
            {
                return HeldResource.Pooled;
            }

            if (target is null or ThisExpressionSyntax)
            {
                FollowOwnMethod(type, name, pending, seen);
            }

            return HeldResource.Nothing;
        }

        /// <summary>What a disposed member holds: a field or property of the type (or of its project bases), by name.</summary>
        private HeldResource OfMember(INamedTypeSymbol type, ExpressionSyntax expression, int depth)
        {
            var name = MemberName(expression);
            if (name is null)
            {
                // A local, an element of a collection, a call: the rule cannot tell what it holds.
                return expression is LiteralExpressionSyntax ? HeldResource.Nothing : HeldResource.Unknown;
            }

            for (var current = type; current is not null; current = current.BaseType)
            {
                foreach (var member in current.GetMembers(name))
                {
                    switch (member)
                    {
                        case IFieldSymbol field:
                            return _resources.OfDeclaredType(field.Type, depth + 1);
                        case IPropertySymbol property:
                            return _resources.OfDeclaredType(property.Type, depth + 1);
                    }
                }
            }

            return HeldResource.Unknown;
        }

        private static void FollowOwnMethod(INamedTypeSymbol type, string name, Queue<SyntaxNode> pending, HashSet<string> seen)
        {
            foreach (var member in type.GetMembers(name))
            {
                if (member is IMethodSymbol method && seen.Add(method.Name + "/" + method.Parameters.Length))
                {
                    Enqueue(method, pending);
                }
            }
        }

        private static void Enqueue(IMethodSymbol method, Queue<SyntaxNode> pending)
        {
            foreach (var reference in method.DeclaringSyntaxReferences)
            {
                pending.Enqueue(reference.GetSyntax());
            }
        }

        private static ExpressionSyntax? ConditionalTarget(SyntaxNode node)
        {
            for (var current = node.Parent; current is not null; current = current.Parent)
            {
                if (current is ConditionalAccessExpressionSyntax conditional)
                {
                    return conditional.Expression;
                }

                if (current is StatementSyntax)
                {
                    break;
                }
            }

            return null;
        }

        /// <summary><c>Dispose()</c>, <c>Dispose(bool)</c>, <c>DisposeAsync()</c>, <c>Close()</c>, and explicit implementations of them.</summary>
        private static bool IsDisposeMethod(IMethodSymbol method)
        {
            if (method.IsAbstract || method.IsImplicitlyDeclared)
            {
                return false;
            }

            var name = method.Name;
            var dot = name.LastIndexOf('.');
            if (dot >= 0)
            {
                name = name.Substring(dot + 1);
            }

            return name switch
            {
                "Dispose" => method.Parameters.IsEmpty || (method.Parameters.Length == 1 && method.Parameters[0].Type.SpecialType == SpecialType.System_Boolean),
                "DisposeAsync" or "DisposeAsyncCore" or "Close" => method.Parameters.IsEmpty,
                _ => false,
            };
        }
    }
}
