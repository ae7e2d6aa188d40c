using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace MemoryAnalyzers
{
    /// <summary>
    /// The lambdas, anonymous methods and local functions of one operation block (a member body) and the delegates
    /// created from them, gathered by operation callbacks and handed over once the block is done.
    /// </summary>
    internal sealed class FunctionsInBlock
    {
        // Created on first use: most member bodies have no lambda at all, and this object exists for every body.
        private Dictionary<IMethodSymbol, ILocalFunctionOperation>? _localFunctions;
        private List<IOperation>? _functions;
        private List<IDelegateCreationOperation>? _creations;

        /// <summary>Every lambda, anonymous method and local function, in the order the callbacks saw them.</summary>
        public List<IOperation> Functions => _functions ??= new List<IOperation>();

        /// <summary>Every conversion of a lambda, anonymous method or local function to a delegate.</summary>
        public List<IDelegateCreationOperation> Creations => _creations ??= new List<IDelegateCreationOperation>();

        public static void Register(OperationBlockStartAnalysisContext start, System.Action<FunctionsInBlock, OperationBlockAnalysisContext> onBlockEnd)
        {
            var block = new FunctionsInBlock();
            start.RegisterOperationAction(context => block.Add(context.Operation), OperationKind.AnonymousFunction, OperationKind.LocalFunction, OperationKind.DelegateCreation);
            start.RegisterOperationBlockEndAction(context =>
            {
                if (block._creations is { Count: > 0 })
                {
                    onBlockEnd(block, context);
                }
            });
        }

        private void Add(IOperation operation)
        {
            // The object is private to the callbacks of one body: nothing outside can take this lock.
            lock (this)
            {
                switch (operation)
                {
                    case IAnonymousFunctionOperation:
                        Functions.Add(operation);
                        break;
                    case ILocalFunctionOperation localFunction:
                        Functions.Add(operation);
                        (_localFunctions ??= new Dictionary<IMethodSymbol, ILocalFunctionOperation>(SymbolEqualityComparer.Default))[localFunction.Symbol] = localFunction;
                        break;
                    case IDelegateCreationOperation { Target: IAnonymousFunctionOperation or IMethodReferenceOperation { Method.MethodKind: MethodKind.LocalFunction } } creation:
                        Creations.Add(creation);
                        break;
                }
            }
        }

        /// <summary>The lambda or local function a delegate is created from; null when not found in this block.</summary>
        public IOperation? FunctionOf(IDelegateCreationOperation creation)
        {
            switch (creation.Target)
            {
                case IAnonymousFunctionOperation lambda:
                    return lambda;
                case IMethodReferenceOperation { Method: { } method }:
                    return _localFunctions is not null && _localFunctions.TryGetValue(method.OriginalDefinition, out var localFunction) ? localFunction : null;
                default:
                    return null;
            }
        }
    }
}
