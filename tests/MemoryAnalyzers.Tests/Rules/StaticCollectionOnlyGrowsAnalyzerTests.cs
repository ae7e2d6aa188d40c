using System.Threading.Tasks;
using Microsoft.CodeAnalysis.CSharp;
using Xunit;
using VerifyCS = MemoryAnalyzers.Tests.Verifiers.CSharpCodeFixVerifier<
    MemoryAnalyzers.Rules.StaticCollectionOnlyGrowsAnalyzer,
    Microsoft.CodeAnalysis.Testing.EmptyCodeFixProvider>;

namespace MemoryAnalyzers.Tests.Rules
{
    public sealed class StaticCollectionOnlyGrowsAnalyzerTests
    {
        [Fact]
        public Task Reports_the_field_with_the_add_site_as_an_additional_location() => VerifyCS.VerifyAnalyzerAsync("""
            using System.Collections.Generic;

            class Sessions
            {
                private static readonly Dictionary<string, byte[]> {|#0:s_byUser|} = new Dictionary<string, byte[]>();

                public byte[] Open(string user)
                {
                    if (!s_byUser.TryGetValue(user, out var buffer))
                    {
                        buffer = new byte[1024];
                        {|#1:s_byUser[user] = buffer|};
                    }

                    return buffer;
                }
            }
            """, VerifyCS.Diagnostic("MEM016").WithLocation(0).WithLocation(1).WithArguments("s_byUser", "this[]", "Open"));

        [Fact]
        public Task Silent_for_a_member_that_only_registers_keys()
        {
            // Found on real code (a MIME-type table with a public Register method): a member that writes keys without
            // looking any up fills a table the program populates on purpose; a cache looks up, misses and adds.
            return VerifyCS.VerifyAnalyzerAsync("""
                using System.Collections.Generic;

                public static class MimeTypes
                {
                    static readonly Dictionary<string, string> s_extensions = new();
                    static readonly HashSet<string> s_known = new();

                    public static void Register(string mimeType, string extension)
                    {
                        if (extension[0] != '.')
                            extension = "." + extension;

                        s_extensions[extension] = mimeType;
                        s_extensions.Add(mimeType + "/", extension);
                        s_known.Add(mimeType);
                    }

                    public static string Lookup(string extension) => s_extensions.TryGetValue(extension, out var type) ? type : null;
                }
                """);
        }

        [Fact]
        public Task Reports_every_collection_and_add_method() => VerifyCS.VerifyAnalyzerAsync("""
            using System.Collections.Concurrent;
            using System.Collections.Generic;

            class Registry
            {
                private static Dictionary<string, object> {|MEM016:s_dictionary|} = new();
                private static readonly ConcurrentDictionary<int, string> {|MEM016:s_concurrent|} = new();
                private static readonly ConcurrentDictionary<string, string> {|MEM016:s_updated|} = new();
                internal static readonly ConcurrentDictionary<long, string> {|MEM016:s_tried|} = new();
                public static List<string> {|MEM016:Log|} = new();
                private static readonly HashSet<Registry> {|MEM016:s_seen|} = new();
                private static readonly Queue<string> {|MEM016:s_queue|} = new();
                private static readonly ConcurrentQueue<string> {|MEM016:s_concurrentQueue|} = new();
                private static readonly ConcurrentBag<byte[]> {|MEM016:s_bag|} = new();

                private readonly string _name = "x";

                public void Record(string key, int id, object value, byte[] data)
                {
                    if (!s_dictionary.ContainsKey(key))
                        s_dictionary.Add(key, value);
                    s_concurrent.GetOrAdd(id, i => i.ToString());
                    s_updated.AddOrUpdate(key, k => k, (k, v) => v + k);
                    var added = s_tried.TryAdd(id + 1L, _name);
                    Log.Add(_name + key);
                    if (!s_seen.Add(this)) return;
                    s_queue.Enqueue(key);
                    s_concurrentQueue.Enqueue(key.Trim());
                    s_bag.Add(data);
                }
            }
            """);

        [Fact]
        public Task Silent_when_anything_in_the_compilation_removes_or_replaces() => VerifyCS.VerifyAnalyzerAsync("""
            using System.Collections.Concurrent;
            using System.Collections.Generic;
            using System.Threading;

            class Registry
            {
                internal static readonly Dictionary<string, object> Removed = new();
                internal static readonly ConcurrentDictionary<string, object> TryRemoved = new();
                internal static readonly List<string> Cleared = new();
                internal static readonly Queue<string> Dequeued = new();
                internal static readonly ConcurrentQueue<string> TryDequeued = new();
                internal static HashSet<string> Replaced = new();
                internal static List<string> Exchanged = new();

                public void Record(string key)
                {
                    Removed[key] = key;
                    TryRemoved[key] = key;
                    Cleared.Add(key);
                    Dequeued.Enqueue(key);
                    TryDequeued.Enqueue(key);
                    Replaced.Add(key);
                    Exchanged.Add(key);
                }
            }

            class Janitor
            {
                public void Sweep(string key)
                {
                    Registry.Removed.Remove(key);
                    Registry.TryRemoved.TryRemove(key, out _);
                    Registry.Cleared.Clear();
                    Registry.Dequeued.Dequeue();
                    Registry.TryDequeued.TryDequeue(out _);
                    Registry.Replaced = new HashSet<string>();
                    Interlocked.Exchange(ref Registry.Exchanged, new List<string>());
                }
            }
            """);

        [Fact]
        public Task Silent_for_keys_from_closed_sets() => VerifyCS.VerifyAnalyzerAsync("""
            using System;
            using System.Collections.Concurrent;
            using System.Collections.Generic;
            using System.Reflection;

            enum Kind { A, B }

            class Caches
            {
                private static readonly ConcurrentDictionary<Type, object> s_byType = new();
                private static readonly Dictionary<MethodInfo, string> s_byMethod = new();
                private static readonly Dictionary<PropertyInfo, string> s_byProperty = new();
                private static readonly Dictionary<Assembly, string> s_byAssembly = new();
                private static readonly Dictionary<Kind, string> s_byKind = new();
                private static readonly Dictionary<bool, string> s_byFlag = new();
                private static readonly Dictionary<(Type, Kind), string> s_byPair = new();

                public object For(Type type, MethodInfo method, PropertyInfo property, Kind kind, bool flag)
                {
                    s_byMethod[method] = method.Name;
                    s_byProperty[property] = property.Name;
                    s_byAssembly[type.Assembly] = type.Assembly.FullName;
                    s_byKind[kind] = kind.ToString();
                    s_byFlag[flag] = flag.ToString();
                    s_byPair[(type, kind)] = "";
                    return s_byType.GetOrAdd(type, t => Activator.CreateInstance(t));
                }
            }
            """);

        [Fact]
        public Task Silent_for_constants_static_initialisation_and_non_static_fields() => VerifyCS.VerifyAnalyzerAsync("""
            using System.Collections.Generic;
            using System.Runtime.CompilerServices;

            class Tables
            {
                private static readonly Dictionary<string, int> s_names = new() { ["one"] = 1 };
                private static readonly List<string> s_known = new();
                private static readonly Dictionary<string, int> s_built = Build();
                private static readonly ConditionalWeakTable<object, string> s_tags = new();
                private readonly Dictionary<string, int> _perInstance = new();
                [System.ThreadStatic] private static List<string> t_scratch;

                static Tables()
                {
                    foreach (var name in new[] { "two", "three" })
                    {
                        s_names.Add(name, name.Length);
                    }
                }

                static Dictionary<string, int> Build() => new();

                public void Use(string key, object owner)
                {
                    s_known.Add("fixed");
                    s_names["four"] = 4;
                    s_tags.Add(owner, key);
                    _perInstance[key] = 1;
                    (t_scratch ??= new List<string>()).Add(key);
                    if (s_built.TryGetValue(key, out var n) && s_known.Contains(key)) { }
                }
            }
            """);

        [Fact]
        public Task Silent_when_the_collection_is_handed_to_other_code() => VerifyCS.VerifyAnalyzerAsync("""
            using System.Collections.Generic;
            using System.Linq;

            class Registry
            {
                private static readonly List<string> s_items = new();
                private static readonly List<string> {|#0:s_read|} = new();

                public static List<string> Items => s_items;

                public void Add(string item)
                {
                    s_items.Add(item);
                    {|#1:s_read.Add(item)|};
                    var count = s_read.Count + s_read.Where(x => x.Length > 1).Count();
                    foreach (var x in s_read) { }
                }
            }
            """, VerifyCS.Diagnostic("MEM016").WithLocation(0).WithLocation(1).WithArguments("s_read", "Add", "Add"));

        [Fact]
        public Task Reports_in_old_and_new_language_versions() => VerifyCS.VerifyAnalyzerAsync("""
            using System.Collections.Generic;

            static class Names
            {
                private static readonly List<string> {|MEM016:s_all|} = new List<string>();

                public static void Remember(string name)
                {
                    s_all.Add(name);
                }
            }
            """, LanguageVersion.CSharp7_3);

        [Fact]
        public Task Reports_through_a_lambda_and_a_collection_expression_field() => VerifyCS.VerifyAnalyzerAsync("""
            using System;
            using System.Collections.Generic;

            class Hooks(string prefix)
            {
                private static readonly List<Action> {|MEM016:s_callbacks|} = [];

                public void Hook(int n) => Run(() => s_callbacks.Add(() => Console.WriteLine(prefix + n)));

                static void Run(Action a) => a();
            }
            """, LanguageVersion.Preview);
    }
}
