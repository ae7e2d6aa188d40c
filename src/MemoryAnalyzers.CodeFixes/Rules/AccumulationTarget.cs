using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace MemoryAnalyzers.CodeFixes.Rules
{
    /// <summary>What a MEM001 fix moves into a builder for the duration of a loop.</summary>
    internal enum AccumulationTargetKind
    {
        /// <summary>A local or by-value parameter: nobody but the method sees it, so it is written back only after the loop.</summary>
        Variable,

        /// <summary>An <c>out</c> parameter: the caller sees it once the method returns, so it is also written back before each exit.</summary>
        OutParameter,

        /// <summary>A plain member of an object only one local can reach (<see cref="ConfinedObject"/>): written back like an <c>out</c> parameter.</summary>
        Member,
    }

    /// <summary>
    /// The string a MEM001 fix accumulates into a builder: a local, a by-value or <c>out</c> parameter, or a field or plain
    /// property of a confined local object (<c>reply.Text</c>). <c>ref</c> parameters, members of <c>this</c>, of
    /// parameters and of longer chains, and static members are not targets: code the loop calls, or the caller after an
    /// exception, could see them while the builder holds their value.
    /// </summary>
    internal sealed class AccumulationTarget
    {
        private AccumulationTarget(AccumulationTargetKind kind, ISymbol variable, ISymbol? member, ISymbol? storage)
        {
            Kind = kind;
            Variable = variable;
            Member = member;
            Storage = storage;
        }

        public AccumulationTargetKind Kind { get; }

        /// <summary>The local or parameter: the string itself, or the local that holds the object.</summary>
        public ISymbol Variable { get; }

        /// <summary>The field or property of <see cref="Variable"/>'s object, for <see cref="AccumulationTargetKind.Member"/>.</summary>
        public ISymbol? Member { get; }

        /// <summary>The field behind <see cref="Member"/> (<see cref="PlainStorage.Of"/>).</summary>
        private ISymbol? Storage { get; }

        /// <summary>True when someone other than the method may read the string once control leaves the loop early.</summary>
        public bool WritesBackAtExits => Kind != AccumulationTargetKind.Variable;

        /// <summary>The string as code: <c>s</c> or <c>reply.Text</c>.</summary>
        public string Text => Member is null ? Escaped(Variable.Name) : Escaped(Variable.Name) + "." + Escaped(Member.Name);

        /// <summary>The name the builder starts from: <c>sBuilder</c> for <c>s</c>, <c>textBuilder</c> for <c>reply.Text</c> or <c>reply._text</c>.</summary>
        public string BuilderName
        {
            get
            {
                if (Member is null)
                {
                    return Variable.Name + "Builder";
                }

                var name = Member.Name.StartsWith("m_", System.StringComparison.Ordinal) ? Member.Name.Substring(2) : Member.Name.TrimStart('_');
                return name.Length == 0 ? "textBuilder" : char.ToLowerInvariant(name[0]) + name.Substring(1) + "Builder";
            }
        }

        /// <summary>The target of an accumulation (as matched by <see cref="StringAccumulation"/>), or null when it is not one a builder can stand for.</summary>
        public static AccumulationTarget? Of(IOperation? assignment, SemanticModel semanticModel, CancellationToken cancellationToken)
        {
            if (assignment is null || !StringAccumulation.TryMatch(assignment, out var target, out _))
            {
                return null;
            }

            switch (target)
            {
                case ILocalReferenceOperation { Local.IsRef: false } local:
                    return new AccumulationTarget(AccumulationTargetKind.Variable, local.Local, null, null);

                case IParameterReferenceOperation { Parameter.RefKind: RefKind.None } parameter:
                    return new AccumulationTarget(AccumulationTargetKind.Variable, parameter.Parameter, null, null);

                case IParameterReferenceOperation { Parameter.RefKind: RefKind.Out } parameter:
                    return new AccumulationTarget(AccumulationTargetKind.OutParameter, parameter.Parameter, null, null);

                case IMemberReferenceOperation { Instance: ILocalReferenceOperation receiver } member
                    when member is IFieldReferenceOperation or IPropertyReferenceOperation
                    && ConfinedObject.IsDeclaredConfined(receiver.Local, semanticModel, cancellationToken)
                    && PlainStorage.Of(member.Member, semanticModel.Compilation, cancellationToken) is { } storage:
                    return new AccumulationTarget(AccumulationTargetKind.Member, receiver.Local, member.Member, storage);

                default:
                    return null;
            }
        }

        /// <summary>True when the target operation of an accumulation is this string.</summary>
        public bool Denotes(IOperation target) => target switch
        {
            ILocalReferenceOperation local => Member is null && SymbolEqualityComparer.Default.Equals(local.Local, Variable),
            IParameterReferenceOperation parameter => SymbolEqualityComparer.Default.Equals(parameter.Parameter, Variable),
            IFieldReferenceOperation or IPropertyReferenceOperation => ((IMemberReferenceOperation)target).Instance is ILocalReferenceOperation receiver
                && SymbolEqualityComparer.Default.Equals(receiver.Local, Variable)
                && SymbolEqualityComparer.Default.Equals(((IMemberReferenceOperation)target).Member, Member),
            _ => false,
        };

        /// <summary>The identifier of <see cref="Variable"/> in an expression that denotes the target (<c>s</c>, <c>reply.Text</c>).</summary>
        public static IdentifierNameSyntax? VariableIdentifier(ExpressionSyntax expression) => expression.WalkDownParentheses() switch
        {
            IdentifierNameSyntax identifier => identifier,
            MemberAccessExpressionSyntax access => access.Expression.WalkDownParentheses() as IdentifierNameSyntax,
            _ => null,
        };

        /// <summary>
        /// True when a use of <see cref="Variable"/> before the loop leaves the target unobserved while the loop runs:
        /// always for a string, and for an object when it stays confined (<see cref="ConfinedObject.KeepsConfined"/>).
        /// </summary>
        public bool AllowsUseBeforeLoop(IdentifierNameSyntax use, SemanticModel semanticModel, CancellationToken cancellationToken)
            => Kind != AccumulationTargetKind.Member
            || ConfinedObject.KeepsConfined(use, ((ILocalSymbol)Variable).Type, semanticModel, cancellationToken);

        /// <summary>
        /// True when a use of <see cref="Variable"/> in the loop, other than an accumulation, cannot see the target's value:
        /// for an object, reading or writing another plain member, one with storage of its own.
        /// </summary>
        public bool AllowsOtherUseInLoop(IdentifierNameSyntax use, SemanticModel semanticModel, CancellationToken cancellationToken)
            => Kind == AccumulationTargetKind.Member
            && ConfinedObject.AccessedStorage(use, semanticModel, cancellationToken) is { } storage
            && !SymbolEqualityComparer.Default.Equals(storage, Storage);

        private static string Escaped(string name) => SyntaxFacts.GetKeywordKind(name) == SyntaxKind.None ? name : "@" + name;
    }
}
