using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace MemoryAnalyzers
{
    /// <summary>How an assignment re-builds a string from itself. Travels to the fixer in the diagnostic's properties.</summary>
    internal enum AccumulationForm
    {
        /// <summary><c>s += e</c>.</summary>
        CompoundAdd,

        /// <summary><c>s = s + a + b</c>: the variable is the first operand of a concatenation chain.</summary>
        LeadingConcatenation,

        /// <summary><c>s = string.Concat(s, a, b)</c>.</summary>
        LeadingConcatCall,

        /// <summary><c>s = $"{s}..."</c>: the variable is the first hole of an interpolated string.</summary>
        LeadingInterpolation,

        /// <summary>The variable appears elsewhere (prepended, in the middle, or in <c>string.Format</c>): reported, not fixable.</summary>
        Other,
    }

    /// <summary>Recognises assignments that re-build a string variable from its own value.</summary>
    internal static class StringAccumulation
    {
        /// <summary>
        /// True when <paramref name="operation"/> assigns to a string variable a new string built from that same variable.
        /// </summary>
        public static bool TryMatch(IOperation operation, out IOperation target, out AccumulationForm form)
        {
            target = operation;
            form = AccumulationForm.Other;
            switch (operation)
            {
                case ICompoundAssignmentOperation { OperatorKind: BinaryOperatorKind.Add } compound
                    when IsString(compound.Target.Type) && compound.Target.IsStableVariable():
                    target = compound.Target;
                    form = AccumulationForm.CompoundAdd;
                    return true;

                case ISimpleAssignmentOperation simple
                    when IsString(simple.Target.Type) && simple.Target.IsStableVariable():
                    target = simple.Target;
                    return TryMatchSelfReference(simple.Target, simple.Value.WithoutImplicitConversions(), out form);

                default:
                    return false;
            }
        }

        private static bool TryMatchSelfReference(IOperation target, IOperation value, out AccumulationForm form)
        {
            form = AccumulationForm.Other;
            switch (value)
            {
                case IBinaryOperation binary when IsStringConcatenation(binary):
                    return TryMatchOperands(target, ConcatenationOperands(binary), AccumulationForm.LeadingConcatenation, out form);

                case IInterpolatedStringOperation interpolated:
                    // '$"{s,10}..."' pads the old value: still a copy of it, but not a plain append.
                    var leadingForm = interpolated.Parts.FirstOrDefault() is IInterpolationOperation { Alignment: null, FormatString: null }
                        ? AccumulationForm.LeadingInterpolation
                        : AccumulationForm.Other;
                    return TryMatchOperands(target, InterpolationHoles(interpolated), leadingForm, out form);

                case IInvocationOperation invocation
                    when IsString(invocation.TargetMethod.ContainingType) && invocation.TargetMethod.IsStatic:
                    if (invocation.TargetMethod.Name == "Concat")
                    {
                        return TryMatchOperands(target, CallArguments(invocation), AccumulationForm.LeadingConcatCall, out form);
                    }

                    if (invocation.TargetMethod.Name == "Format")
                    {
                        return TryMatchOperands(target, CallArguments(invocation), AccumulationForm.Other, out form);
                    }

                    return false;

                default:
                    return false;
            }
        }

        private static bool TryMatchOperands(IOperation target, IEnumerable<IOperation?> operands, AccumulationForm leadingForm, out AccumulationForm form)
        {
            form = AccumulationForm.Other;
            var isFirst = true;
            foreach (var operand in operands)
            {
                if (operand is not null && operand.IsSameVariableAs(target))
                {
                    form = isFirst ? leadingForm : AccumulationForm.Other;
                    return true;
                }

                isFirst = false;
            }

            return false;
        }

        public static bool IsStringConcatenation(IBinaryOperation binary)
            => binary.OperatorKind == BinaryOperatorKind.Add && IsString(binary.Type) && binary.ConstantValue.HasValue == false;

        /// <summary>The operands of a chain of string <c>+</c>, left to right, without recursion (chains can be thousands long).</summary>
        public static List<IOperation> ConcatenationOperands(IBinaryOperation root)
        {
            var operands = new List<IOperation>();
            var pending = new Stack<IOperation>();
            pending.Push(root);
            while (pending.Count > 0)
            {
                var current = pending.Pop().WithoutImplicitConversions();
                if (current is IBinaryOperation binary && IsStringConcatenation(binary))
                {
                    pending.Push(binary.RightOperand);
                    pending.Push(binary.LeftOperand);
                }
                else
                {
                    operands.Add(current);
                }
            }

            return operands;
        }

        private static IEnumerable<IOperation?> InterpolationHoles(IInterpolatedStringOperation interpolated)
        {
            foreach (var part in interpolated.Parts)
            {
                yield return part is IInterpolationOperation hole ? hole.Expression : null;
            }
        }

        private static IEnumerable<IOperation> CallArguments(IInvocationOperation invocation)
        {
            foreach (var argument in invocation.Arguments)
            {
                if (argument.ArgumentKind == ArgumentKind.ParamArray && argument.Value is IArrayCreationOperation { Initializer: { } initializer })
                {
                    foreach (var element in initializer.ElementValues)
                    {
                        yield return element;
                    }
                }
                else
                {
                    yield return argument.Value;
                }
            }
        }

        private static bool IsString(ITypeSymbol? type) => type?.SpecialType == SpecialType.System_String;
    }
}
