using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using Microsoft.CodeAnalysis.Text;

namespace MemoryAnalyzers
{
    /// <summary>
    /// A value stored in a plain local, by its declaration (<c>var copy = ...;</c>) or by an assignment statement
    /// (<c>files = ...;</c>), and the statements that run from there to the one read of the value. Walks go up the parent
    /// chain, and along a block only as far as the statement that reads, so that the cost does not grow with the body.
    /// </summary>
    internal readonly struct LocalStore
    {
        private LocalStore(ILocalSymbol local, IOperation statement, bool isDeclaration)
        {
            Local = local;
            Statement = statement;
            IsDeclaration = isDeclaration;
        }

        public ILocalSymbol Local { get; }

        /// <summary>The statement that stores the value: the declaration group or the assignment's expression statement.</summary>
        public IOperation Statement { get; }

        /// <summary>True for <c>var copy = ...;</c>: the local has no other value, so its one reference is the one read.</summary>
        public bool IsDeclaration { get; }

        /// <summary>
        /// The local when <paramref name="value"/> initialises a plain local declared alone in a block statement
        /// (<c>var list = ...;</c>), or, with <paramref name="allowAssignment"/>, is assigned to one by a statement
        /// (<c>list = ...;</c>); null otherwise.
        /// </summary>
        public static LocalStore? Of(IOperation value, bool allowAssignment)
        {
            var current = SingleEnumeration.OutermostConversion(value);
            switch (current.Parent)
            {
                case IVariableInitializerOperation
                {
                    Parent: IVariableDeclaratorOperation
                    {
                        Symbol: { RefKind: RefKind.None, IsConst: false } local,
                        Parent: IVariableDeclarationOperation
                        {
                            Declarators.Length: 1,
                            Parent: IVariableDeclarationGroupOperation { Declarations.Length: 1, Parent: IBlockOperation } group,
                        },
                    },
                }:
                    return new LocalStore(local, group, isDeclaration: true);

                case ISimpleAssignmentOperation
                {
                    IsRef: false,
                    Target: ILocalReferenceOperation { Local: { RefKind: RefKind.None, IsConst: false } local },
                    Parent: IExpressionStatementOperation statement,
                } assignment when allowAssignment && ReferenceEquals(assignment.Value, current):
                    return new LocalStore(local, statement, isDeclaration: false);

                default:
                    return null;
            }
        }

        /// <summary>
        /// The one reference that reads the stored value, of every reference to the local in the body; null when there is
        /// not exactly one. After a declaration that is the only reference. After an assignment it is the only reference
        /// that follows the statement, leaving out the <c>else</c> branches of the <c>if</c>s the assignment sits in; earlier
        /// ones read older values, but no reference may sit in another lambda or local function (it could run later) or
        /// take the local by reference. Found by binary search: a local assigned many copies costs little more per copy.
        /// </summary>
        public ILocalReferenceOperation? SingleRead(LocalReferences references)
        {
            if (IsDeclaration)
            {
                return references.Sorted.Count == 1 ? references.Sorted[0] : null;
            }

            var function = FunctionStructure.EnclosingFunction(Statement);
            if (!ReferenceEquals(references.Function, function))
            {
                return null;
            }

            var otherBranches = OtherBranches(function);
            ILocalReferenceOperation? read = null;
            var sorted = references.Sorted;
            for (var i = references.FirstAtOrAfter(Statement.Syntax.Span.End); i < sorted.Count; i++)
            {
                var referenceSpan = sorted[i].Syntax.Span;
                if (otherBranches is not null && otherBranches.Exists(branch => branch.Contains(referenceSpan)))
                {
                    continue;
                }

                if (read is not null)
                {
                    return null;
                }

                read = sorted[i];
            }

            return read;
        }

        /// <summary>
        /// The statements that run after the store up to the one that holds <paramref name="read"/>, that one last: those
        /// that follow the store in its block, and, when the store sits in an <c>if</c>/<c>else</c> branch or a nested
        /// block, those that follow that statement in the enclosing block, up to the block that declares the local. Null
        /// when the read is not in one of them, or when more than <paramref name="maxBetween"/> statements lie in between:
        /// no loop may repeat the store, and the code in between stays short enough to be read at a glance.
        /// </summary>
        public List<IOperation>? StatementsUntil(IOperation read, int maxBetween)
        {
            var readSpan = read.Syntax.Span;
            var statements = new List<IOperation>();
            for (var child = Statement; child.Parent is { } parent; child = parent)
            {
                if (parent is IConditionalOperation)
                {
                    // A branch of an if: the other branch does not run after the store.
                    continue;
                }

                if (parent is not IBlockOperation block || FunctionStructure.IndexInBlock(block, child) is not { } index)
                {
                    return null;
                }

                for (var i = index + 1; i < block.Operations.Length; i++)
                {
                    var statement = block.Operations[i];
                    if (statement.Syntax.Span.Contains(readSpan))
                    {
                        if (statement.IsImplicit)
                        {
                            return null;
                        }

                        statements.Add(statement);
                        return statements;
                    }

                    if (statements.Count == maxBetween)
                    {
                        return null;
                    }

                    statements.Add(statement);
                }

                if (Declares(block, Local))
                {
                    return null;
                }
            }

            return null;
        }

        /// <summary>The <c>else</c> branches of the <c>if</c>s whose <c>then</c> branch holds the store, up to <paramref name="function"/>; null when none.</summary>
        private List<TextSpan>? OtherBranches(IOperation function)
        {
            List<TextSpan>? branches = null;
            for (var child = Statement; child.Parent is { } parent && !ReferenceEquals(child, function); child = parent)
            {
                if (parent is IConditionalOperation { WhenFalse: { } whenFalse } conditional && ReferenceEquals(conditional.WhenTrue, child))
                {
                    (branches ??= new List<TextSpan>()).Add(whenFalse.Syntax.Span);
                }
            }

            return branches;
        }

        private static bool Declares(IBlockOperation block, ILocalSymbol local)
        {
            foreach (var declared in block.Locals)
            {
                if (SymbolEqualityComparer.Default.Equals(declared, local))
                {
                    return true;
                }
            }

            return false;
        }
    }
}
