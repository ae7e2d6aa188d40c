using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace MemoryAnalyzers.Rules
{
    /// <summary>
    /// MEM013: a small fixed collection built as a growable one, each time the code runs. Two forms:
    /// a <c>List&lt;T&gt;</c>, <c>HashSet&lt;T&gt;</c> or <c>Dictionary&lt;K,V&gt;</c> created from constants only (collection
    /// initializer or collection expression) and then only read, in a local of its own or right where it is created; and a
    /// <c>Tuple&lt;…&gt;</c> (<c>Tuple.Create</c>, <c>new Tuple&lt;…&gt;</c>) kept in a local that is only ever asked its
    /// <c>Item1…Item7</c>, or returned by a private method to callers that only read its items (see
    /// <see cref="TupleMembers"/>). A private instance field initialized with such a collection and only read is reported
    /// on its initializer (one collection per object). Code that runs once (top-level statements outside loops, static
    /// constructors, static fields) stays silent.
    /// </summary>
    /// <remarks>
    /// Callbacks react to object creations and to local declarations whose initializer is a call of <c>System.Tuple</c>
    /// or a collection expression; each rejects on a type comparison first. Only then are
    /// the local's references looked at, collected once per body. The member form registers its callbacks in a
    /// symbol-start action only for a type one of whose methods is declared to return a <c>Tuple&lt;…&gt;</c>, so other
    /// types cost one look at their member declarations.
    /// </remarks>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class SmallFixedCollectionAnalyzer : DiagnosticAnalyzer
    {
        /// <summary>The key of the diagnostic property that says which form was found, for the fixers.</summary>
        internal const string FormProperty = "Form";

        internal const string CollectionForm = "Collection";

        internal const string TupleForm = "Tuple";

        /// <summary>A tuple created in a private method's (or local function's) return, whose callers only read its items.</summary>
        internal const string TupleMemberForm = "TupleMember";

        /// <summary>A tuple created as the argument of a private method's parameter that is only read through its items.</summary>
        internal const string TupleParameterForm = "TupleParameter";

        internal static readonly DiagnosticDescriptor Rule = RuleDescriptors.Create(
            RuleIds.SmallFixedCollection,
            title: "Small fixed collection built as a growable one",
            messageFormat: "This {0} costs {1} per {2}; {3}",
            RuleTags.Performance,
            DiagnosticSeverity.Info,
            description: "A List, HashSet or Dictionary filled with constants and never changed is rebuilt, with its growing backing "
                + "arrays, every time the code runs, although its contents are the same each time. A static readonly array holds "
                + "the same elements and is allocated once. A System.Tuple is an object on the heap; when its only uses are reads "
                + "of Item1…Item7 in the same method, or when a private method returns it to callers that only read its items, a "
                + "ValueTuple holds the same values without an allocation. "
                + "Collections that are changed, kept, returned or passed as a mutable type, tuples used any other way, and code "
                + "that runs once are not reported.");

        private static readonly DiagnosticProperties s_collectionProperties = DiagnosticProperties.Empty.With(FormProperty, CollectionForm);
        private static readonly DiagnosticProperties s_tupleProperties = DiagnosticProperties.Empty.With(FormProperty, TupleForm);
        private static readonly DiagnosticProperties s_tupleMemberProperties = DiagnosticProperties.Empty.With(FormProperty, TupleMemberForm);
        private static readonly DiagnosticProperties s_tupleParameterProperties = DiagnosticProperties.Empty.With(FormProperty, TupleParameterForm);

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Rule);

        public override void Initialize(AnalysisContext context)
        {
            context.EnableConcurrentExecution();
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
            context.RegisterCompilationStartAction(start =>
            {
                if (FixedCollectionTypes.TryCreate(start.Compilation) is not { } types)
                {
                    return;
                }

                var references = new BodyCache<Dictionary<ILocalSymbol, LocalReferences>>(LocalReferences.InBody);
                start.RegisterOperationAction(context => AnalyzeCreation(context, types, references), OperationKind.ObjectCreation);
                start.RegisterOperationAction(context => AnalyzeDeclarator(context, types, references), OperationKind.VariableDeclarator);
                start.RegisterSymbolStartAction(typeStart => StartTupleMembers(typeStart, types, references), SymbolKind.NamedType);
            });
        }

        private static void AnalyzeCreation(OperationAnalysisContext context, FixedCollectionTypes types, BodyCache<Dictionary<ILocalSymbol, LocalReferences>> references)
        {
            var creation = (IObjectCreationOperation)context.Operation;
            if (types.IsCollection(creation.Type))
            {
                if (creation.Arguments.IsEmpty
                    && creation.Initializer is { } initializer
                    && FixedCollectionTypes.ConstantElementCount(initializer) is { } count
                    && (PrivateInstanceField(creation) is { } field
                        ? IsOnlyReadInItsType(field, creation, types, context.CancellationToken) ? "instance" : null
                        : IsOnlyRead(creation, types, references) ? Repetition(creation, context.ContainingSymbol) : null) is { } per)
                {
                    var type = (INamedTypeSymbol)creation.Type!;
                    ReportCollection(context, creation.Syntax, type, count, types.AllocationsWhenAdded(type, count), per, types.IsList(type));
                }
            }
            else if (types.IsReferenceTuple(creation.Type))
            {
                AnalyzeTuple(context, creation, types, references);
            }
        }

        /// <summary>
        /// A local's initializer: <c>var pair = Tuple.Create(a, b);</c> (a tuple is reported only in a local of its own, so
        /// the rule needs no callback on every invocation), and <c>List&lt;int&gt; primes = [2, 3, 5];</c> (a collection
        /// expression has no operation of its own in every supported compiler).
        /// </summary>
        private static void AnalyzeDeclarator(OperationAnalysisContext context, FixedCollectionTypes types, BodyCache<Dictionary<ILocalSymbol, LocalReferences>> references)
        {
            var declarator = (IVariableDeclaratorOperation)context.Operation;
            if (declarator.Initializer?.Value is IInvocationOperation invocation)
            {
                if (SymbolEqualityComparer.Default.Equals(invocation.TargetMethod.ContainingType, types.Tuple) && types.IsReferenceTuple(invocation.Type))
                {
                    AnalyzeTuple(context, invocation, types, references);
                }

                return;
            }

            if (declarator.Initializer?.Value is not { Syntax: CollectionExpressionSyntax expression } value
                || !types.IsCollection(declarator.Symbol.Type)
                || declarator.Symbol.RefKind != RefKind.None
                || declarator.Parent is not IVariableDeclarationOperation { Declarators.Length: 1, Parent: IVariableDeclarationGroupOperation { Parent: IBlockOperation } })
            {
                return;
            }

            var count = 0;
            foreach (var element in expression.Elements)
            {
                if (element is not ExpressionElementSyntax { Expression: var item } || !value.SemanticModel!.GetConstantValue(item, context.CancellationToken).HasValue)
                {
                    return;
                }

                count++;
            }

            if (count > 0
                && FixedCollectionTypes.AllAndAny(LocalUses(declarator, declarator.Symbol, references), types.IsOnlyRead)
                && Repetition(declarator, context.ContainingSymbol) is { } per)
            {
                var type = (INamedTypeSymbol)declarator.Symbol.Type;

                // The compiler builds a list of known length at its final size; a set or dictionary still grows by adding.
                var allocations = types.IsList(type) ? 2 : types.AllocationsWhenAdded(type, count);
                ReportCollection(context, expression, type, count, allocations, per, types.IsList(type));
            }
        }

        private static void ReportCollection(OperationAnalysisContext context, SyntaxNode syntax, INamedTypeSymbol type, int count, int allocations, string per, bool isList)
        {
            var display = type.ToMinimalDisplayString(context.Operation.SemanticModel!, syntax.SpanStart);
            context.ReportDiagnostic(s_collectionProperties.CreateDiagnostic(
                Rule,
                syntax.GetLocation(),
                additionalLocations: null,
                display + " of " + Count(count, "constant") + ", never changed,",
                Count(allocations, "allocation"),
                per,
                isList ? "a static readonly array is allocated once" : "a static readonly one is built once"));
        }

        /// <summary>A reference tuple stored in a local that is only asked its items.</summary>
        private static void AnalyzeTuple(OperationAnalysisContext context, IOperation creation, FixedCollectionTypes types, BodyCache<Dictionary<ILocalSymbol, LocalReferences>> references)
        {
            if (LocalStore.Of(creation, allowAssignment: false) is not { } store
                || !SymbolEqualityComparer.Default.Equals(store.Local.Type, creation.Type)
                || !FixedCollectionTypes.AllAndAny(LocalUses(creation, store.Local, references), types.IsItemRead)
                || Repetition(creation, context.ContainingSymbol) is not { } per)
            {
                return;
            }

            context.ReportDiagnostic(s_tupleProperties.CreateDiagnostic(
                Rule,
                creation.Syntax.GetLocation(),
                additionalLocations: null,
                creation.Type!.ToMinimalDisplayString(creation.SemanticModel!, creation.Syntax.SpanStart) + ", only read through its items,",
                Count(1, "allocation"),
                per,
                "a ValueTuple costs none"));
        }

        /// <summary>
        /// The member form in one type: only when a private method's signature returns a reference tuple are calls, method
        /// groups and returns in the type (all its parts) watched; the type end reports what qualified.
        /// </summary>
        private static void StartTupleMembers(SymbolStartAnalysisContext start, FixedCollectionTypes types, BodyCache<Dictionary<ILocalSymbol, LocalReferences>> references)
        {
            if (TupleMembers.Of((INamedTypeSymbol)start.Symbol, types, start.CancellationToken) is not { } members || GeneratedParts.Any(start.Symbol, start.Options, start.CancellationToken))
            {
                return;
            }

            start.RegisterOperationAction(context => members.OnInvocation((IInvocationOperation)context.Operation, types, references), OperationKind.Invocation);
            start.RegisterOperationAction(context => members.OnMethodReference((IMethodReferenceOperation)context.Operation), OperationKind.MethodReference);
            start.RegisterOperationAction(context => members.OnReturn((IReturnOperation)context.Operation, context.ContainingSymbol, types), OperationKind.Return);
            if (members.HasParameters)
            {
                start.RegisterOperationAction(context => members.OnParameterReference((IParameterReferenceOperation)context.Operation, types), OperationKind.ParameterReference);
            }

            start.RegisterSymbolEndAction(end =>
            {
                foreach (var function in members.Functions)
                {
                    ReportTupleMember(end, function, s_tupleMemberProperties, ", returned to callers that only read its items,");
                }

                foreach (var parameter in members.Parameters)
                {
                    ReportTupleMember(end, parameter, s_tupleParameterProperties, ", passed to a parameter that only reads its items,");
                }
            });
        }

        private static void ReportTupleMember(SymbolAnalysisContext context, TupleMembers.Function function, DiagnosticProperties properties, string use)
        {
            foreach (var creation in function.Creations(out var explicitTypes))
            {
                context.ReportDiagnostic(properties.CreateDiagnostic(
                    Rule,
                    creation.Syntax.GetLocation(),
                    explicitTypes,
                    creation.Type!.ToMinimalDisplayString(creation.SemanticModel!, creation.Syntax.SpanStart) + use,
                    Count(1, "allocation"),
                    "call",
                    "a ValueTuple costs none"));
            }
        }

        /// <summary>True when the created collection is only read: through the one local it initializes, or right where it is created.</summary>
        private static bool IsOnlyRead(IOperation creation, FixedCollectionTypes types, BodyCache<Dictionary<ILocalSymbol, LocalReferences>> references)
            => LocalStore.Of(creation, allowAssignment: false) is { } store
                ? (types.IsCollection(store.Local.Type) || types.IsReadOnlyInterface(store.Local.Type))
                    && FixedCollectionTypes.AllAndAny(LocalUses(creation, store.Local, references), types.IsOnlyRead)
                : types.IsOnlyRead(creation);

        /// <summary>The field whose initializer <paramref name="creation"/> is, when it is a private instance field.</summary>
        private static IFieldSymbol? PrivateInstanceField(IOperation creation)
            => SingleEnumeration.OutermostConversion(creation).Parent is IFieldInitializerOperation { InitializedFields: { Length: 1 } fields }
                && fields[0] is { IsStatic: false, IsConst: false, DeclaredAccessibility: Accessibility.Private } field
                ? field
                : null;

        /// <summary>
        /// True when every reference to the private <paramref name="field"/> only reads it. Its references are all in its
        /// type, looked for by name in the type's one declaration (a partial type declared in several files stays silent);
        /// a walk of the type that runs only for a field initialized with constants.
        /// </summary>
        private static bool IsOnlyReadInItsType(IFieldSymbol field, IOperation creation, FixedCollectionTypes types, CancellationToken cancellationToken)
        {
            if ((!types.IsCollection(field.Type) && !types.IsReadOnlyInterface(field.Type))
                || field.ContainingType.DeclaringSyntaxReferences is not { Length: 1 } declarations
                || declarations[0].SyntaxTree != creation.Syntax.SyntaxTree)
            {
                return false;
            }

            var semanticModel = creation.SemanticModel!;
            var reads = 0;
            foreach (var name in declarations[0].GetSyntax(cancellationToken).DescendantNodes().OfType<IdentifierNameSyntax>())
            {
                if (name.Identifier.ValueText != field.Name)
                {
                    continue;
                }

                var node = name.Parent is MemberAccessExpressionSyntax member && member.Name == name ? member : (SyntaxNode)name;
                if (semanticModel.GetOperation(node, cancellationToken) is IFieldReferenceOperation reference
                    && SymbolEqualityComparer.Default.Equals(reference.Field, field))
                {
                    if (!types.IsOnlyRead(reference))
                    {
                        return false;
                    }

                    reads++;
                }
            }

            return reads > 0;
        }

        private static IReadOnlyList<ILocalReferenceOperation> LocalUses(IOperation inBody, ILocalSymbol local, BodyCache<Dictionary<ILocalSymbol, LocalReferences>> references)
            => references.For(inBody).TryGetValue(local, out var found) ? found.Sorted : System.Array.Empty<ILocalReferenceOperation>();

        /// <summary>
        /// "iteration" when a loop repeats <paramref name="operation"/>, "call" when the function around it may run more than
        /// once, null for code that runs once: top-level statements and static constructors outside loops, field initializers.
        /// </summary>
        internal static string? Repetition(IOperation operation, ISymbol? containingSymbol)
            => RepeatedExecution.Repeater(operation, boundary: null, out var top) switch
            {
                ILoopOperation => "iteration",
                { } => "call",
                null => top is IMethodBodyBaseOperation or IBlockOperation
                    && top.Syntax is not CompilationUnitSyntax
                    && containingSymbol is not IMethodSymbol { MethodKind: MethodKind.StaticConstructor }
                    ? "call"
                    : null,
            };

        private static string Count(int count, string noun)
            => count.ToString(System.Globalization.CultureInfo.InvariantCulture) + " " + noun + (count == 1 ? string.Empty : "s");
    }
}
