using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace MemoryAnalyzers
{
    /// <summary>
    /// The least length an array creation can have when it allocates, from what the code itself establishes (MEM012's
    /// "a bound the code establishes"): a constant; <c>Math.Max(x, C)</c>; <c>Math.Clamp(x, C, max)</c>; sums, products and
    /// left shifts of bounded terms; <c>Length</c>/<c>Count</c> (never negative); a local never written after its
    /// initializer (the initializer's bound); and a local or parameter that is never written, checked before the creation
    /// by a guard that leaves when it is too small — <c>if (n &lt; C) return;</c> (or <c>throw</c>, <c>break</c>,
    /// <c>continue</c>; <c>&lt;=</c>, <c>C &gt; n</c>, <c>n is &lt; C</c>, <c>||</c> of such) or
    /// <c>ArgumentOutOfRangeException.ThrowIfLessThan(n, C)</c>.
    /// </summary>
    /// <remarks>
    /// A bound holds for the allocations that happen: a sum that overflows is negative, and <c>new T[negative]</c> throws
    /// instead of allocating. Explicit conversions are not looked through (a narrowing one may wrap to a small length).
    /// The work is bounded: expressions are followed <see cref="MaximumDepth"/> levels deep, guards are looked for among the
    /// <see cref="MaximumGuardDistance"/> statements before the creation in each enclosing block, and the variables a body
    /// writes are collected in one walk per body, only when a candidate asks.
    /// </remarks>
    internal sealed class LengthLowerBounds
    {
        private const int MaximumDepth = 6;
        private const int MaximumGuardDistance = 32;
        private const int MaximumGuardTerms = 8;

        private readonly INamedTypeSymbol? _math;
        private readonly INamedTypeSymbol? _argumentOutOfRange;
        private readonly BodyCache<HashSet<ISymbol>> _written = new BodyCache<HashSet<ISymbol>>(WrittenIn);

        public LengthLowerBounds(Compilation compilation)
        {
            _math = compilation.FindType("System.Math");
            _argumentOutOfRange = compilation.FindType("System.ArgumentOutOfRangeException");
        }

        /// <summary>The least value <paramref name="size"/> has whenever the creation that contains it allocates; null when unknown.</summary>
        public long? Of(IOperation size) => Of(size, depth: 0);

        private long? Of(IOperation size, int depth)
        {
            if (depth > MaximumDepth)
            {
                return null;
            }

            size = size.WithoutImplicitConversions();
            if (Constant(size) is { } constant)
            {
                return constant;
            }

            switch (size)
            {
                case IBinaryOperation binary:
                    return OfBinary(binary, depth);
                case IInvocationOperation invocation when _math is not null && SymbolEqualityComparer.Default.Equals(invocation.TargetMethod.ContainingType, _math):
                    return OfMath(invocation, depth);
                case IPropertyReferenceOperation { Property: { Name: "Length" or "Count" or "LongLength", Type.SpecialType: SpecialType.System_Int32 or SpecialType.System_Int64 } }:
                    // The length of an array or string, the count of a collection: never negative.
                    return 0;
                case ILocalReferenceOperation or IParameterReferenceOperation:
                    return OfVariable(size, depth);
                default:
                    return null;
            }
        }

        private long? OfBinary(IBinaryOperation binary, int depth)
        {
            if (binary.OperatorKind is not (BinaryOperatorKind.Add or BinaryOperatorKind.Multiply or BinaryOperatorKind.LeftShift)
                || Of(binary.LeftOperand, depth + 1) is not { } left
                || left < 0
                || Of(binary.RightOperand, depth + 1) is not { } right
                || right < 0)
            {
                return null;
            }

            var result = binary.OperatorKind switch
            {
                BinaryOperatorKind.Add => left + right,
                BinaryOperatorKind.Multiply => left <= int.MaxValue && right <= int.MaxValue ? left * right : long.MaxValue,
                _ => right < 31 ? left << (int)right : long.MaxValue,
            };

            // Past int.MaxValue the arithmetic of an int length wraps: nothing is known any more.
            return result <= int.MaxValue ? result : null;
        }

        private long? OfMath(IInvocationOperation invocation, int depth)
        {
            var arguments = invocation.Arguments;
            switch (invocation.TargetMethod.Name)
            {
                case "Max" when arguments.Length == 2:
                    var first = Of(arguments[0].Value, depth + 1);
                    var second = Of(arguments[1].Value, depth + 1);
                    return first is null ? second : second is null ? first : System.Math.Max(first.Value, second.Value);
                case "Clamp" when arguments.Length == 3:
                    return Of(arguments[1].Value, depth + 1);
                default:
                    return null;
            }
        }

        /// <summary>A variable (not a reference to one) never written in its body: the larger of its initializer's bound and its guards' bound.</summary>
        private long? OfVariable(IOperation reference, int depth)
        {
            var variable = reference.LocalOrParameter()!;
            if (variable is ILocalSymbol { RefKind: not RefKind.None } or IParameterSymbol { RefKind: not RefKind.None } || _written.For(reference).Contains(variable))
            {
                return null;
            }

            var fromInitializer = variable is ILocalSymbol local ? OfInitializer(local, reference, depth) : null;
            var fromGuards = OfGuards(reference, variable);
            return fromInitializer is null ? fromGuards : fromGuards is null ? fromInitializer : System.Math.Max(fromInitializer.Value, fromGuards.Value);
        }

        private long? OfInitializer(ILocalSymbol local, IOperation reference, int depth)
            => local.DeclaringSyntaxReferences is { Length: 1 } declarations
                && declarations[0].SyntaxTree == reference.Syntax.SyntaxTree
                && declarations[0].GetSyntax() is VariableDeclaratorSyntax { Initializer.Value: { } value }
                && reference.SemanticModel?.GetOperation(value) is { } initializer
                ? Of(initializer, depth + 1)
                : null;

        /// <summary>The largest bound of the guards that run before <paramref name="reference"/> in its function.</summary>
        private long? OfGuards(IOperation reference, ISymbol variable)
        {
            long? best = null;
            var child = reference;
            for (var parent = reference.Parent; parent is not null and not IAnonymousFunctionOperation and not ILocalFunctionOperation; child = parent, parent = parent.Parent)
            {
                if (parent is not IBlockOperation block || FunctionStructure.IndexInBlock(block, child) is not { } index)
                {
                    continue;
                }

                for (var i = index - 1; i >= 0 && i >= index - MaximumGuardDistance; i--)
                {
                    if (OfGuard(block.Operations[i], variable) is { } bound && (best is null || bound > best))
                    {
                        best = bound;
                    }
                }
            }

            return best;
        }

        /// <summary>The bound a statement establishes for the statements after it: <c>if (n &lt; C) return;</c> or <c>ThrowIfLessThan(n, C)</c>.</summary>
        private long? OfGuard(IOperation statement, ISymbol variable)
        {
            switch (statement)
            {
                case IConditionalOperation { WhenTrue: var leaves, Condition: var condition } when Leaves(leaves):
                    return WhenFalse(condition, variable);
                case IExpressionStatementOperation { Operation: IInvocationOperation { Arguments.Length: >= 2 } call }
                    when _argumentOutOfRange is not null && SymbolEqualityComparer.Default.Equals(call.TargetMethod.ContainingType, _argumentOutOfRange)
                        && call.ArgumentFor(0) is { } value && IsVariable(value, variable)
                        && call.ArgumentFor(1) is { } other && Constant(other) is { } limit:
                    return call.TargetMethod.Name switch
                    {
                        "ThrowIfLessThan" => limit,
                        "ThrowIfLessThanOrEqual" => limit + 1,
                        _ => null,
                    };
                default:
                    return null;
            }
        }

        /// <summary>The bound that holds when <paramref name="condition"/> is false; the terms of an <c>||</c> are all false.</summary>
        private static long? WhenFalse(IOperation condition, ISymbol variable)
        {
            long? best = null;
            var pending = new Stack<IOperation>();
            pending.Push(condition);
            for (var terms = 0; pending.Count > 0; terms++)
            {
                if (terms == MaximumGuardTerms)
                {
                    return best;
                }

                long? bound = null;
                switch (pending.Pop().WithoutImplicitConversions())
                {
                    case IBinaryOperation { OperatorKind: BinaryOperatorKind.ConditionalOr } or:
                        pending.Push(or.LeftOperand);
                        pending.Push(or.RightOperand);
                        continue;
                    case IBinaryOperation comparison:
                        bound = WhenFalse(comparison, variable);
                        break;
                    case IIsPatternOperation { Pattern: IRelationalPatternOperation relational } pattern when IsVariable(pattern.Value, variable) && Constant(relational.Value) is { } limit:
                        bound = relational.OperatorKind switch
                        {
                            BinaryOperatorKind.LessThan => limit,
                            BinaryOperatorKind.LessThanOrEqual => limit + 1,
                            _ => null,
                        };
                        break;
                }

                if (bound is not null && (best is null || bound > best))
                {
                    best = bound;
                }
            }

            return best;
        }

        /// <summary><c>n &lt; C</c> and <c>C &gt; n</c> false: n ≥ C; <c>n &lt;= C</c> and <c>C &gt;= n</c> false: n ≥ C + 1.</summary>
        private static long? WhenFalse(IBinaryOperation comparison, ISymbol variable)
        {
            var (kind, limit) = IsVariable(comparison.LeftOperand, variable) && Constant(comparison.RightOperand) is { } right
                ? (comparison.OperatorKind, right)
                : IsVariable(comparison.RightOperand, variable) && Constant(comparison.LeftOperand) is { } left
                    ? (Mirrored(comparison.OperatorKind), left)
                    : (BinaryOperatorKind.None, 0L);
            return kind switch
            {
                BinaryOperatorKind.LessThan => limit,
                BinaryOperatorKind.LessThanOrEqual => limit + 1,
                _ => null,
            };
        }

        private static BinaryOperatorKind Mirrored(BinaryOperatorKind kind) => kind switch
        {
            BinaryOperatorKind.GreaterThan => BinaryOperatorKind.LessThan,
            BinaryOperatorKind.GreaterThanOrEqual => BinaryOperatorKind.LessThanOrEqual,
            _ => BinaryOperatorKind.None,
        };

        private static bool IsVariable(IOperation operation, ISymbol variable)
            => SymbolEqualityComparer.Default.Equals(operation.WithoutImplicitConversions().LocalOrParameter(), variable);

        /// <summary>The value of an integral constant that fits a <c>long</c>; null for anything else.</summary>
        private static long? Constant(IOperation operation) => operation.ConstantValue is { HasValue: true } constant
            ? constant.Value switch
            {
                int value => value,
                long value => value,
                short value => value,
                byte value => value,
                ushort value => value,
                sbyte value => value,
                uint value => value,
                _ => null,
            }
            : null;

        /// <summary>A statement that never falls through to the next one: <c>return</c>, <c>throw</c>, <c>break</c>, <c>continue</c>, or a block that ends with one.</summary>
        private static bool Leaves(IOperation statement) => statement switch
        {
            IReturnOperation => true,
            IBranchOperation { BranchKind: BranchKind.Break or BranchKind.Continue } => true,
            IExpressionStatementOperation { Operation: IThrowOperation } or IThrowOperation => true,
            IBlockOperation { Operations: { Length: > 0 } operations } => Leaves(operations[operations.Length - 1]),
            _ => false,
        };

        /// <summary>Every local and parameter that the body (its lambdas and local functions included) writes or lends by reference.</summary>
        private static HashSet<ISymbol> WrittenIn(IOperation body)
        {
            var written = new HashSet<ISymbol>(SymbolEqualityComparer.Default);
            foreach (var operation in body.DescendantsAndSelf())
            {
                if (operation.LocalOrParameter() is { } variable && IsWrite(operation))
                {
                    written.Add(variable);
                }
            }

            return written;
        }

        private static bool IsWrite(IOperation reference)
        {
            var target = reference;
            while (target.Parent is ITupleOperation tuple)
            {
                target = tuple;
            }

            return target.Parent switch
            {
                ISimpleAssignmentOperation assignment => ReferenceEquals(assignment.Target, target) || assignment.IsRef,
                ICompoundAssignmentOperation compound => ReferenceEquals(compound.Target, target),
                ICoalesceAssignmentOperation coalesce => ReferenceEquals(coalesce.Target, target),
                IDeconstructionAssignmentOperation deconstruction => ReferenceEquals(deconstruction.Target, target),
                IIncrementOrDecrementOperation or IAddressOfOperation => true,
                IArgumentOperation { Parameter.RefKind: RefKind.Ref or RefKind.Out } => true,
                IVariableInitializerOperation { Parent: IVariableDeclaratorOperation { Symbol.RefKind: not RefKind.None } } => true,
                _ => false,
            };
        }
    }
}
