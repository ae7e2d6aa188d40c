using System.Collections.Generic;
using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using MemoryAnalyzers.Rules;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;
using Microsoft.CodeAnalysis.Text;

namespace MemoryAnalyzers.CodeFixes.Rules
{
    /// <summary>
    /// MEM014 fix "Accumulate in a local": reads the field into a fresh local before the loop, uses the local inside it, and
    /// stores it back after the loop. When the loop can be left another way (<c>return</c>, <c>throw</c>, <c>goto</c>,
    /// <c>yield break</c>) or its iterations can throw, the loop goes into a <c>try</c> whose <c>finally</c> stores the
    /// local, so every exit, an exception included, leaves the field as the original code would. The text is edited in
    /// place: the loop's lines keep their formatting and comments (one more level of indentation inside a <c>try</c>).
    /// Offered for a loop that stands on its own lines in a block; in a loop nested in another fixed loop, Fix All fixes the
    /// outer one first.
    /// </summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(FieldUpdatedInLoopFixer))]
    [Shared]
    public sealed class FieldUpdatedInLoopFixer : PlannedCodeFixProvider
    {
        public override ImmutableArray<string> FixableDiagnosticIds => ImmutableArray.Create(RuleIds.FieldUpdatedInLoop);

        private protected override string Title => "Accumulate in a local";

        private protected override object PlanKey(object plan) => ((Plan)plan).Key;

        private protected override object? TryCreatePlan(SyntaxNode root, SemanticModel semanticModel, Diagnostic diagnostic, CancellationToken cancellationToken)
        {
            var node = root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true);
            var operation = semanticModel.GetOperation(node, cancellationToken);
            if (operation is IExpressionStatementOperation statement)
            {
                operation = statement.Operation;
            }

            if (operation is null
                || FieldUpdatedInLoopAnalyzer.UpdatedField(operation) is not { } updated
                || FieldUpdatedInLoopAnalyzer.LoopRunningOnEveryIteration(operation.Parent!) is not { } loopOperation
                || loopOperation.Syntax is not StatementSyntax loop
                || loop.Parent is not BlockSyntax block
                || FreshNames.EnclosingMemberBody(loop) is not { } memberBody
                || !StandsOnItsOwnLines(loop, root.SyntaxTree.GetText(cancellationToken)))
            {
                return null;
            }

            var field = updated.Field;
            var references = new List<TextSpan>();
            string? fieldText = null;
            foreach (var descendant in loopOperation.Descendants())
            {
                if (descendant is IFieldReferenceOperation reference && SymbolEqualityComparer.Default.Equals(reference.Field, field))
                {
                    references.Add(reference.Syntax.Span);
                    fieldText ??= reference.Syntax.ToString();
                }
            }

            var needsFinally = CanThrow(loopOperation) || !LoopExits.TryFind(loop, out var exits) || exits.Count > 0;
            if (needsFinally ? HasMultiLineToken(loop) : RunsForever(loopOperation))
            {
                return null;
            }

            return new Plan(
                key: loop.Span + "|" + field.ToDisplayString(),
                loop: loop.Span,
                memberBody: memberBody.Span,
                fieldText: fieldText!,
                baseName: LocalName(field.Name),
                references: references,
                needsFinally: needsFinally,
                unit: StatementWrapping.IndentationUnit(block, loop));
        }

        private protected override async Task<Document> ApplyAsync(Document document, IReadOnlyCollection<object> plans, CancellationToken cancellationToken)
        {
            if (await document.GetRootAndModelAsync(cancellationToken).ConfigureAwait(false) is not ({ } root, { } semanticModel))
            {
                return document;
            }

            var text = await document.GetTextAsync(cancellationToken).ConfigureAwait(false);
            var eol = root.EndOfLine();
            var all = plans.Cast<Plan>().ToList();

            // A loop inside another loop that is rewritten now waits for the next Fix All: both would edit the same lines.
            var loops = all.GroupBy(plan => plan.Loop)
                .Where(group => !all.Any(other => other.Loop != group.Key && other.Loop.Contains(group.Key)))
                .OrderBy(group => group.Key.Start);
            var takenByMember = new Dictionary<TextSpan, HashSet<string>>();
            var changes = new List<TextChange>();
            foreach (var group in loops)
            {
                var first = group.First();
                if (!takenByMember.TryGetValue(first.MemberBody, out var taken))
                {
                    var memberBody = root.FindNode(first.MemberBody, getInnermostNodeForTie: false);
                    taken = FreshNames.TakenNames(semanticModel, memberBody, group.Key.Start);
                    takenByMember.Add(first.MemberBody, taken);
                }

                var indentation = text.ToString(TextSpan.FromBounds(text.Lines.GetLineFromPosition(group.Key.Start).Start, group.Key.Start));
                var needsFinally = group.Any(plan => plan.NeedsFinally);
                var before = new StringBuilder();
                var writeBack = new StringBuilder();
                foreach (var plan in group)
                {
                    var name = FreshNames.Reserve(plan.BaseName, taken);
                    before.Append(indentation).Append("var ").Append(name).Append(" = ").Append(plan.FieldText).Append(';').Append(eol);
                    writeBack.Append(indentation).Append(needsFinally ? first.Unit : string.Empty).Append(plan.FieldText).Append(" = ").Append(name).Append(';').Append(eol);
                    changes.AddRange(plan.References.Select(reference => new TextChange(reference, name)));
                }

                var loopStart = text.Lines.GetLineFromPosition(group.Key.Start).Start;
                var loopEnd = text.Lines.GetLineFromPosition(group.Key.End);
                if (needsFinally)
                {
                    before.Append(indentation).Append("try").Append(eol).Append(indentation).Append('{').Append(eol);
                    changes.Add(new TextChange(new TextSpan(loopStart, 0), before.ToString()));
                    for (var line = text.Lines.GetLineFromPosition(group.Key.Start).LineNumber; line <= loopEnd.LineNumber; line++)
                    {
                        var current = text.Lines[line];
                        if (text.ToString(current.Span).Trim().Length > 0)
                        {
                            changes.Add(new TextChange(new TextSpan(current.Start, 0), first.Unit));
                        }
                    }

                    changes.Add(new TextChange(
                        new TextSpan(loopEnd.EndIncludingLineBreak, 0),
                        indentation + "}" + eol + indentation + "finally" + eol + indentation + "{" + eol + writeBack + indentation + "}" + eol));
                }
                else
                {
                    changes.Add(new TextChange(new TextSpan(loopStart, 0), before.ToString()));
                    changes.Add(new TextChange(new TextSpan(loopEnd.EndIncludingLineBreak, 0), writeBack.ToString()));
                }
            }

            // Insertions at a line's start come before a replacement that starts there; SourceText applies them in order.
            return document.WithText(text.WithChanges(changes.OrderBy(change => change.Span.Start).ThenBy(change => change.Span.Length)));
        }

        /// <summary>The local's name: the field's without its prefix (<c>_total</c>, <c>s_total</c>, <c>m_total</c> → <c>total</c>), or <c>localTotal</c> for a field without one.</summary>
        private static string LocalName(string fieldName)
        {
            var name = fieldName;
            foreach (var prefix in new[] { "s_", "m_", "t_", "_" })
            {
                if (name.StartsWith(prefix, System.StringComparison.Ordinal) && name.Length > prefix.Length)
                {
                    name = name.Substring(prefix.Length);
                    break;
                }
            }

            name = char.ToLowerInvariant(name[0]) + name.Substring(1);
            return name == fieldName ? "local" + char.ToUpperInvariant(name[0]) + name.Substring(1) : name;
        }

        /// <summary>Nothing but blanks before the loop on its first line and after it on its last, so lines can go around it.</summary>
        private static bool StandsOnItsOwnLines(StatementSyntax loop, SourceText text)
        {
            var firstLine = text.Lines.GetLineFromPosition(loop.SpanStart);
            var lastLine = text.Lines.GetLineFromPosition(loop.Span.End);
            return text.ToString(TextSpan.FromBounds(firstLine.Start, loop.SpanStart)).Trim().Length == 0
                && text.ToString(TextSpan.FromBounds(loop.Span.End, lastLine.End)).Trim().Length == 0
                && lastLine.EndIncludingLineBreak > lastLine.End;
        }

        /// <summary>A token over several lines (a verbatim or raw string) would change if its lines were re-indented.</summary>
        private static bool HasMultiLineToken(StatementSyntax loop)
            => loop.DescendantTokens().Any(token => token.Span.Length > 0 && token.ToString().IndexOf('\n') >= 0);

        /// <summary>A loop without a condition or with a constant true one, left only by an exit or an exception.</summary>
        private static bool RunsForever(ILoopOperation loop)
            => loop switch
            {
                IForLoopOperation forLoop => forLoop.Condition is null || forLoop.Condition.ConstantValue is { HasValue: true, Value: true },
                IWhileLoopOperation whileLoop => whileLoop.Condition is null || whileLoop.Condition.ConstantValue is { HasValue: true, Value: true },
                _ => false,
            };

        /// <summary>
        /// Whether an iteration can throw once the field may have changed: anything but arithmetic on primitive values that
        /// cannot overflow-check or divide, plain assignments, locals, parameters, literals, fields of <c>this</c> or static ones,
        /// <c>if</c>/<c>?:</c>, <c>break</c>/<c>continue</c> and nested loops of the same kind. What runs once before the first
        /// iteration (a <c>for</c> initializer, a <c>foreach</c> collection) cannot leave the field changed, so it does not count;
        /// a <c>foreach</c> qualifies only over an array or a string, whose enumeration cannot fail.
        /// </summary>
        private static bool CanThrow(ILoopOperation loop)
        {
            IEnumerable<IOperation?>? parts = loop switch
            {
                IForLoopOperation forLoop => new[] { forLoop.Condition, forLoop.Body }.Concat(forLoop.AtLoopBottom),
                IWhileLoopOperation whileLoop => new[] { whileLoop.Condition, whileLoop.Body, whileLoop.IgnoredCondition },
                IForEachLoopOperation forEach when IsSimplyEnumerated(forEach.Collection.WithoutImplicitConversions().Type) => new[] { forEach.LoopControlVariable, forEach.Body },
                _ => null,
            };

            return parts is null || parts.Where(part => part is not null).SelectMany(part => part!.DescendantsAndSelf()).Any(operation => !CannotThrow(operation));
        }

        private static bool IsSimplyEnumerated(ITypeSymbol? type)
            => type is IArrayTypeSymbol { IsSZArray: true } || type?.SpecialType == SpecialType.System_String;

        private static bool CannotThrow(IOperation operation)
        {
            switch (operation)
            {
                case IBlockOperation:
                case IExpressionStatementOperation:
                case IVariableDeclarationGroupOperation:
                case IVariableDeclarationOperation:
                case IVariableDeclaratorOperation:
                case IVariableInitializerOperation:
                case ILiteralOperation:
                case ILocalReferenceOperation:
                case IParameterReferenceOperation:
                case IInstanceReferenceOperation:
                case IDefaultValueOperation:
                case IEmptyOperation:
                case IParenthesizedOperation:
                case IConditionalOperation:
                case IForLoopOperation:
                case IWhileLoopOperation:
                case IBranchOperation { BranchKind: BranchKind.Break or BranchKind.Continue }:
                    return true;
                case IFieldReferenceOperation field:
                    return field.Instance is null or IInstanceReferenceOperation;
                case ISimpleAssignmentOperation assignment:
                    return !assignment.IsRef;
                case IBinaryOperation binary:
                    return binary.OperatorMethod is null && !binary.IsChecked && IsPrimitive(binary.LeftOperand.Type) && IsPrimitive(binary.RightOperand.Type)
                        && (binary.OperatorKind is not (BinaryOperatorKind.Divide or BinaryOperatorKind.Remainder) || IsFloatingPoint(binary.Type));
                case ICompoundAssignmentOperation compound:
                    return compound.OperatorMethod is null && !compound.IsChecked && IsPrimitive(compound.Target.Type) && IsPrimitive(compound.Value.Type)
                        && (compound.OperatorKind is not (BinaryOperatorKind.Divide or BinaryOperatorKind.Remainder) || IsFloatingPoint(compound.Target.Type));
                case IIncrementOrDecrementOperation increment:
                    return increment.OperatorMethod is null && !increment.IsChecked && IsPrimitive(increment.Target.Type);
                case IUnaryOperation unary:
                    return unary.OperatorMethod is null && !unary.IsChecked && IsPrimitive(unary.Operand.Type);
                case IConversionOperation conversion:
                    return conversion.OperatorMethod is null && !conversion.IsChecked && IsPrimitive(conversion.Type) && IsPrimitive(conversion.Operand.Type);
                default:
                    return false;
            }
        }

        private static bool IsPrimitive(ITypeSymbol? type) => type?.SpecialType is SpecialType.System_Boolean or SpecialType.System_Char
            or SpecialType.System_SByte or SpecialType.System_Byte or SpecialType.System_Int16 or SpecialType.System_UInt16
            or SpecialType.System_Int32 or SpecialType.System_UInt32 or SpecialType.System_Int64 or SpecialType.System_UInt64
            or SpecialType.System_Single or SpecialType.System_Double;

        private static bool IsFloatingPoint(ITypeSymbol? type) => type?.SpecialType is SpecialType.System_Single or SpecialType.System_Double;

        /// <summary>One field of one loop: where the loop is, how the field is written, the references the local replaces.</summary>
        private sealed class Plan
        {
            public Plan(string key, TextSpan loop, TextSpan memberBody, string fieldText, string baseName, List<TextSpan> references, bool needsFinally, string unit)
            {
                Key = key;
                Loop = loop;
                MemberBody = memberBody;
                FieldText = fieldText;
                BaseName = baseName;
                References = references;
                NeedsFinally = needsFinally;
                Unit = unit;
            }

            public string Key { get; }

            public TextSpan Loop { get; }

            public TextSpan MemberBody { get; }

            public string FieldText { get; }

            public string BaseName { get; }

            public List<TextSpan> References { get; }

            public bool NeedsFinally { get; }

            public string Unit { get; }
        }
    }
}
