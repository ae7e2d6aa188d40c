using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace MemoryAnalyzers
{
    /// <summary>What a call does to a lock: acquires or releases it, and in which mode.</summary>
    internal enum LockMode
    {
        None,
        Monitor,
        Semaphore,
        ReadLock,
        WriteLock,
        UpgradeableReadLock,
    }

    /// <summary>Recognises lock acquisitions and releases. Resolved once per compilation.</summary>
    internal sealed class LockCalls
    {
        private readonly INamedTypeSymbol? _monitor;
        private readonly INamedTypeSymbol? _semaphoreSlim;
        private readonly INamedTypeSymbol? _readerWriterLockSlim;

        private LockCalls(Compilation compilation)
        {
            _monitor = compilation.FindType("System.Threading.Monitor");
            _semaphoreSlim = compilation.FindType("System.Threading.SemaphoreSlim");
            _readerWriterLockSlim = compilation.FindType("System.Threading.ReaderWriterLockSlim");
            ExceptionType = compilation.FindType("System.Exception");
        }

        /// <summary><c>System.Exception</c>: a catch of it swallows everything a release could be skipped by.</summary>
        public ITypeSymbol? ExceptionType { get; }

        public static LockCalls? TryCreate(Compilation compilation)
        {
            var calls = new LockCalls(compilation);
            return calls._monitor is null && calls._semaphoreSlim is null && calls._readerWriterLockSlim is null ? null : calls;
        }

        /// <summary>
        /// Classifies <paramref name="invocation"/>; <paramref name="lockObject"/> is the operation that denotes the lock
        /// (the argument of <c>Monitor.Enter</c>, the instance of <c>Wait</c>).
        /// </summary>
        public LockMode Classify(IInvocationOperation invocation, out bool isAcquire, out IOperation? lockObject)
        {
            isAcquire = false;
            lockObject = null;
            var method = invocation.TargetMethod;
            var type = method.ContainingType?.OriginalDefinition;
            if (type is null)
            {
                return LockMode.None;
            }

            if (SymbolEqualityComparer.Default.Equals(type, _monitor))
            {
                if (invocation.Arguments.IsEmpty)
                {
                    return LockMode.None;
                }

                lockObject = ArgumentValue(invocation, 0);
                switch (method.Name)
                {
                    case "Enter" or "TryEnter":
                        isAcquire = true;
                        return LockMode.Monitor;
                    case "Exit":
                        return LockMode.Monitor;
                    default:
                        return LockMode.None;
                }
            }

            lockObject = invocation.Instance;
            if (lockObject is null)
            {
                return LockMode.None;
            }

            if (SymbolEqualityComparer.Default.Equals(type, _semaphoreSlim))
            {
                switch (method.Name)
                {
                    case "Wait" or "WaitAsync":
                        isAcquire = true;
                        return LockMode.Semaphore;
                    case "Release":
                        return LockMode.Semaphore;
                    default:
                        return LockMode.None;
                }
            }

            if (SymbolEqualityComparer.Default.Equals(type, _readerWriterLockSlim))
            {
                var name = method.Name;
                isAcquire = name.StartsWith("Enter", System.StringComparison.Ordinal) || name.StartsWith("TryEnter", System.StringComparison.Ordinal);
                if (!isAcquire && !name.StartsWith("Exit", System.StringComparison.Ordinal))
                {
                    return LockMode.None;
                }

                if (name.EndsWith("UpgradeableReadLock", System.StringComparison.Ordinal))
                {
                    return LockMode.UpgradeableReadLock;
                }

                if (name.EndsWith("ReadLock", System.StringComparison.Ordinal))
                {
                    return LockMode.ReadLock;
                }

                return name.EndsWith("WriteLock", System.StringComparison.Ordinal) ? LockMode.WriteLock : LockMode.None;
            }

            return LockMode.None;
        }

        /// <summary>The symbol a stable lock expression names: a local, parameter, field or property; the type for <c>this</c>.</summary>
        public static ISymbol? LockSymbol(IOperation lockObject)
        {
            if (!lockObject.IsStableVariable() && lockObject.WithoutImplicitConversions() is not IInstanceReferenceOperation)
            {
                return null;
            }

            var unwrapped = lockObject.WithoutImplicitConversions();
            return unwrapped is IInstanceReferenceOperation instance ? instance.Type : unwrapped.ReferencedVariable();
        }

        /// <summary>The acquisition as the code wrote it: a semaphore is taken by <c>Wait</c> or <c>WaitAsync</c>.</summary>
        public static string AcquireName(LockMode mode, IMethodSymbol called) => mode switch
        {
            LockMode.Monitor => "Monitor.Enter",
            LockMode.Semaphore => called.Name,
            LockMode.ReadLock => "EnterReadLock",
            LockMode.WriteLock => "EnterWriteLock",
            _ => "EnterUpgradeableReadLock",
        };

        /// <summary>An acquisition that suspends its caller instead of blocking a thread (<c>SemaphoreSlim.WaitAsync</c>).</summary>
        public static bool IsAsynchronous(LockMode mode, IMethodSymbol called) => mode == LockMode.Semaphore && called.Name == "WaitAsync";

        public static string ReleaseName(LockMode mode) => mode switch
        {
            LockMode.Monitor => "Monitor.Exit",
            LockMode.Semaphore => "Release",
            LockMode.ReadLock => "ExitReadLock",
            LockMode.WriteLock => "ExitWriteLock",
            _ => "ExitUpgradeableReadLock",
        };

        private static IOperation? ArgumentValue(IInvocationOperation invocation, int ordinal)
        {
            foreach (var argument in invocation.Arguments)
            {
                if (argument.Parameter?.Ordinal == ordinal)
                {
                    return argument.Value;
                }
            }

            return null;
        }
    }
}
