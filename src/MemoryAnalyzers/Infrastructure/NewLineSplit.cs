using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace MemoryAnalyzers
{
    /// <summary>
    /// <c>text.Split(...)</c> into lines: MEM007 reports <c>File.ReadAllText(path).Split</c> on new lines as a whole file's
    /// lines, and MEM009 leaves exactly those splits to it.
    /// </summary>
    internal static class NewLineSplit
    {
        /// <summary>
        /// Every separator is '\n', '\r', "\r\n" (or a mix of them) or <c>Environment.NewLine</c>; options and counts are ignored.
        /// </summary>
        public static bool Matches(IInvocationOperation split, INamedTypeSymbol? environment)
        {
            var found = false;
            foreach (var argument in split.Arguments)
            {
                if (argument.Parameter?.Type is { TypeKind: TypeKind.Enum } or { SpecialType: SpecialType.System_Int32 })
                {
                    continue;
                }

                foreach (var operation in argument.Value.DescendantsAndSelf())
                {
                    // The size of 'new[] { ... }' is a literal too, but not a separator.
                    if (operation.Parent is IArrayCreationOperation creation && creation.DimensionSizes.Contains(operation))
                    {
                        continue;
                    }

                    switch (operation)
                    {
                        case ILiteralOperation { ConstantValue: { HasValue: true, Value: var value } }:
                            if (!IsNewLine(value))
                            {
                                return false;
                            }

                            found = true;
                            break;
                        case IPropertyReferenceOperation { Property: { Name: "NewLine", IsStatic: true } property }
                            when SymbolEqualityComparer.Default.Equals(property.ContainingType, environment):
                            found = true;
                            break;
                        case IArrayCreationOperation:
                        case IArrayInitializerOperation:
                        case IConversionOperation:
                        case IArgumentOperation:
                            break;
                        default:
                            return false;
                    }
                }
            }

            return found;
        }

        private static bool IsNewLine(object? value)
        {
            switch (value)
            {
                case char c:
                    return c == '\n' || c == '\r';
                case string s when s.Length > 0:
                    foreach (var c in s)
                    {
                        if (c != '\n' && c != '\r')
                        {
                            return false;
                        }
                    }

                    return true;
                default:
                    return false;
            }
        }
    }
}
