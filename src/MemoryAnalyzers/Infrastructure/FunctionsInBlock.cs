using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace MemoryAnalyzers
{
    /// <summary>
    /// The lambdas, anonymous methods and local functions of one member body and the delegates created from them,
    /// gathered in one walk of a body that creates such a delegate.
    /// </summary>
    internal sealed class FunctionsInBlock
    {
        // Created on first use: a body may create delegates from local functions only, or from lambdas only.
        private Dictionary<IMethodSymbol, ILocalFunctionOperation>? _localFunctions;
        private List<IOperation>? _functions;
        private List<IDelegateCreationOperation>? _creations;

        /// <summary>Every lambda, anonymous method and local function, in source order.</summary>
        public List<IOperation> Functions => _functions ??= new List<IOperation>();

        /// <summary>Every conversion of a lambda, anonymous method or local function to a delegate.</summary>
        public List<IDelegateCreationOperation> Creations => _creations ??= new List<IDelegateCreationOperation>();

        /// <summary>
        /// Reacts to delegate creations from lambdas and local functions only. The first one seen in a body collects that
        /// body's functions in one walk and runs <paramref name="analyze"/> on them once; each creation then reports the
        /// diagnostics <paramref name="analyze"/> attributed to it. Bodies without such a delegate cost nothing.
        /// </summary>
        public static void Register(
            CompilationStartAnalysisContext start,
            System.Action<FunctionsInBlock, System.Action<IDelegateCreationOperation, Diagnostic>> analyze)
        {
            var diagnosticsByBody = new BodyCache<Dictionary<IDelegateCreationOperation, List<Diagnostic>>>(body =>
            {
                var block = new FunctionsInBlock();
                foreach (var operation in body.DescendantsAndSelf())
                {
                    block.Add(operation);
                }

                var byCreation = new Dictionary<IDelegateCreationOperation, List<Diagnostic>>();
                analyze(block, (creation, diagnostic) =>
                {
                    if (!byCreation.TryGetValue(creation, out var diagnostics))
                    {
                        byCreation.Add(creation, diagnostics = new List<Diagnostic>());
                    }

                    diagnostics.Add(diagnostic);
                });
                return byCreation;
            });

            start.RegisterOperationAction(
                context =>
                {
                    var creation = (IDelegateCreationOperation)context.Operation;
                    if (IsFromFunction(creation) && diagnosticsByBody.For(creation).TryGetValue(creation, out var diagnostics))
                    {
                        foreach (var diagnostic in diagnostics)
                        {
                            context.ReportDiagnostic(diagnostic);
                        }
                    }
                },
                OperationKind.DelegateCreation);
        }

        private static bool IsFromFunction(IDelegateCreationOperation creation)
            => creation.Target is IAnonymousFunctionOperation or IMethodReferenceOperation { Method.MethodKind: MethodKind.LocalFunction };

        private void Add(IOperation operation)
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
                case IDelegateCreationOperation creation when IsFromFunction(creation):
                    Creations.Add(creation);
                    break;
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
