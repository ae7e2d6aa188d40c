using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace MemoryAnalyzers
{
    /// <summary>
    /// The variables a lambda, anonymous method or local function captures from the code around it, and the scope
    /// each one is declared in. The C# compiler gives every scope that declares captured variables one closure object
    /// (display class), created each time the scope is entered (once per iteration for a loop body); parameters live in
    /// the closure of their function's body block. A reference in a nested function counts as a capture of the outer
    /// function too: the outer one must hold the closure to create the inner one.
    /// </summary>
    internal sealed class ClosureCaptures
    {
        private ClosureCaptures(IOperation function)
        {
            Function = function;
        }

        /// <summary>The <see cref="IAnonymousFunctionOperation"/> or <see cref="ILocalFunctionOperation"/>.</summary>
        public IOperation Function { get; }

        /// <summary>Every reference to a captured local or parameter, in source order.</summary>
        public List<IOperation> References { get; } = new List<IOperation>();

        /// <summary>The captured locals and parameters, each once.</summary>
        public HashSet<ISymbol> Variables { get; } = new HashSet<ISymbol>(SymbolEqualityComparer.Default);

        /// <summary>Uses <c>this</c> or <c>base</c> (explicitly or through a member).</summary>
        public bool CapturesThis { get; private set; }

        /// <summary>Uses something whose storage is not known here (a primary-constructor parameter).</summary>
        public bool CapturesUnknown { get; private set; }

        /// <summary>One walk over the function's body.</summary>
        public static ClosureCaptures Collect(IOperation function)
        {
            var captures = new ClosureCaptures(function);
            var span = function.Syntax.Span;
            var tree = function.Syntax.SyntaxTree;
            foreach (var operation in function.Descendants())
            {
                switch (operation)
                {
                    case ILocalReferenceOperation local when IsDeclaredOutside(local.Local, span, tree):
                        captures.Add(local, local.Local);
                        break;
                    case IParameterReferenceOperation parameter when IsDeclaredOutside(parameter.Parameter, span, tree):
                        if (FunctionOf(parameter.Parameter, function) is null)
                        {
                            captures.CapturesUnknown = true;
                        }
                        else
                        {
                            captures.Add(parameter, parameter.Parameter);
                        }

                        break;
                    case IInstanceReferenceOperation { ReferenceKind: InstanceReferenceKind.ContainingTypeInstance }:
                        captures.CapturesThis = true;
                        break;
                }
            }

            return captures;
        }

        private void Add(IOperation reference, ISymbol variable)
        {
            References.Add(reference);
            Variables.Add(variable);
        }

        /// <summary>
        /// The operation that stands for the scope whose closure holds <paramref name="variable"/>: the block, loop,
        /// switch, using or catch that declares a local, or the body block of a parameter's function. Null when unknown.
        /// Walks up from <paramref name="function"/> only.
        /// </summary>
        public static IOperation? ScopeOf(ISymbol variable, IOperation function)
        {
            if (variable is IParameterSymbol parameter)
            {
                return FunctionOf(parameter, function);
            }

            if (variable is not ILocalSymbol local)
            {
                return null;
            }

            for (var parent = function.Parent; parent is not null; parent = parent.Parent)
            {
                if (DeclaresLocal(parent, local))
                {
                    return parent;
                }
            }

            return null;
        }

        /// <summary>The body block of the function that declares <paramref name="parameter"/>, found above <paramref name="function"/>.</summary>
        private static IOperation? FunctionOf(IParameterSymbol parameter, IOperation function)
        {
            IOperation child = function;
            for (var parent = function.Parent; parent is not null; child = parent, parent = parent.Parent)
            {
                switch (parent)
                {
                    case IAnonymousFunctionOperation lambda when SymbolEqualityComparer.Default.Equals(lambda.Symbol, parameter.ContainingSymbol):
                        return lambda.Body;
                    case ILocalFunctionOperation localFunction when SymbolEqualityComparer.Default.Equals(localFunction.Symbol, parameter.ContainingSymbol):
                        return localFunction.Body ?? localFunction.IgnoredBody;
                    case IMethodBodyOperation or IConstructorBodyOperation:
                        return child is IBlockOperation body && IsMemberBody(body, parameter.ContainingSymbol) ? body : null;
                    case IBlockOperation { Parent: null } root:
                        return IsMemberBody(root, parameter.ContainingSymbol) ? root : null;
                }
            }

            return null;
        }

        /// <summary>
        /// A primary-constructor parameter used in a member belongs to the type, not to the member's body: the
        /// parameter is declared in the type declaration, outside every body.
        /// </summary>
        private static bool IsMemberBody(IBlockOperation block, ISymbol method)
        {
            if (method is IMethodSymbol { MethodKind: MethodKind.AnonymousFunction or MethodKind.LocalFunction })
            {
                return false;
            }

            foreach (var reference in method.DeclaringSyntaxReferences)
            {
                if (reference.GetSyntax() is Microsoft.CodeAnalysis.CSharp.Syntax.TypeDeclarationSyntax)
                {
                    return false;
                }

                if (reference.SyntaxTree == block.Syntax.SyntaxTree && reference.Span.Contains(block.Syntax.Span))
                {
                    return true;
                }
            }

            // Top-level statements: the synthesized entry point's declaration is the compilation unit.
            return method.IsImplicitlyDeclared || method.DeclaringSyntaxReferences.IsEmpty;
        }

        /// <summary>
        /// The body block of the member around <paramref name="function"/>: the closure where the compiler also puts a
        /// lambda that uses only <c>this</c> whenever that closure exists (checked on the runtime; see MEM003's tests).
        /// Null inside a local function, for which that placement was not checked.
        /// </summary>
        public static IOperation? MemberBodyAbove(IOperation function)
        {
            IOperation child = function;
            for (var parent = function.Parent; parent is not null; child = parent, parent = parent.Parent)
            {
                switch (parent)
                {
                    case ILocalFunctionOperation:
                        return null;
                    case IMethodBodyOperation or IConstructorBodyOperation:
                        return child as IBlockOperation;
                    case IBlockOperation { Parent: null } root:
                        return root;
                }
            }

            return null;
        }

        private static bool DeclaresLocal(IOperation operation, ILocalSymbol local)
        {
            switch (operation)
            {
                case IBlockOperation block:
                    return Contains(block.Locals, local);
                case IForLoopOperation forLoop:
                    return Contains(forLoop.Locals, local) || Contains(forLoop.ConditionLocals, local);
                case IWhileLoopOperation whileLoop:
                    return Contains(whileLoop.Locals, local);
                case ILoopOperation loop:
                    return Contains(loop.Locals, local);
                case ISwitchOperation switchOperation:
                    return Contains(switchOperation.Locals, local);
                case ISwitchCaseOperation switchCase:
                    return Contains(switchCase.Locals, local);
                case IUsingOperation usingOperation:
                    return Contains(usingOperation.Locals, local);
                case ICatchClauseOperation catchClause:
                    return Contains(catchClause.Locals, local);
                case ISwitchExpressionArmOperation arm:
                    return Contains(arm.Locals, local);
                default:
                    return false;
            }
        }

        private static bool Contains(System.Collections.Immutable.ImmutableArray<ILocalSymbol> locals, ILocalSymbol local)
        {
            foreach (var candidate in locals)
            {
                if (SymbolEqualityComparer.Default.Equals(candidate, local))
                {
                    return true;
                }
            }

            return false;
        }

        private static bool IsDeclaredOutside(ISymbol variable, Microsoft.CodeAnalysis.Text.TextSpan span, SyntaxTree tree)
        {
            if (variable is ILocalSymbol { IsRef: true } || variable is IParameterSymbol { RefKind: not RefKind.None })
            {
                return false;
            }

            foreach (var reference in variable.DeclaringSyntaxReferences)
            {
                if (reference.SyntaxTree == tree && span.Contains(reference.Span))
                {
                    return false;
                }
            }

            // Parameters of the entry point of top-level statements ('args') have no declaring syntax.
            return true;
        }
    }
}
