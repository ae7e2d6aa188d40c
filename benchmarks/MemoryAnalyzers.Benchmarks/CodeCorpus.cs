using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;

namespace MemoryAnalyzers.Benchmarks
{
    /// <summary>
    /// The code the analyzers are measured on: the repository's valid-code body, a generated body of realistic code
    /// (services, records, LINQ, async, events, resources, and a few anti-patterns so that rules also report),
    /// and two inputs that make naive flow analyzers hang: one method of 20,000 statements and one 5,000-term expression.
    /// Everything generated is deterministic.
    /// </summary>
    public static class CodeCorpus
    {
        public const int HugeMethodStatements = 20_000;
        public const int LongExpressionTerms = 5_000;

        public static IReadOnlyList<(string Path, string Text)> Get(CorpusKind kind) => kind switch
        {
            CorpusKind.ValidCode => ValidCode(),
            CorpusKind.Realistic => Realistic(classes: 400),
            CorpusKind.HugeMethod => new[] { ("HugeMethod.cs", HugeMethod(HugeMethodStatements)) },
            CorpusKind.LongExpression => new[] { ("LongExpression.cs", LongExpression(LongExpressionTerms)) },
            _ => throw new ArgumentOutOfRangeException(nameof(kind)),
        };

        public static IReadOnlyList<(string Path, string Text)> ValidCode()
        {
            var folder = Path.Combine(AppContext.BaseDirectory, "ValidCode");
            return Directory.GetFiles(folder, "*.cs", SearchOption.AllDirectories)
                .OrderBy(path => path, StringComparer.Ordinal)
                .Select(path => (Path.GetFileName(path), File.ReadAllText(path)))
                .ToList();
        }

        public static IReadOnlyList<(string Path, string Text)> Realistic(int classes)
        {
            var files = new List<(string, string)>();
            for (var i = 0; i < classes; i++)
            {
                files.Add(($"Service{i}.cs", Service(i)));
            }

            return files;
        }

        /// <summary>One loop whose body holds <paramref name="statements"/> statements, string accumulations among them.</summary>
        public static string HugeMethod(int statements)
        {
            var body = new StringBuilder();
            for (var i = 0; i < statements; i++)
            {
                var line = (i % 4) switch
                {
                    0 => $"            s += values[i].ToString();",
                    1 => $"            total += values[i] * {i % 97};",
                    2 => $"            if (total > {i}) {{ s = s + \"{i % 10}\"; }}",
                    _ => $"            var local{i} = total - {i};",
                };
                body.AppendLine(line);
            }

            return $$"""
                using System;

                public static class Generated
                {
                    public static string Huge(int[] values)
                    {
                        string s = "";
                        long total = 0;
                        for (int i = 0; i < values.Length; i++)
                        {
                {{body}}
                        }

                        return s + total;
                    }
                }
                """;
        }

        /// <summary>A string accumulation whose right-hand side is a chain of <paramref name="terms"/> concatenations.</summary>
        public static string LongExpression(int terms)
        {
            var chain = new StringBuilder("s");
            for (var i = 0; i < terms; i++)
            {
                chain.Append(i % 2 == 0 ? " + a" : " + " + i.ToString(CultureInfo.InvariantCulture));
            }

            return $$"""
                public static class Generated
                {
                    public static string Long(string a, int n)
                    {
                        string s = "";
                        for (int i = 0; i < n; i++)
                        {
                            s = {{chain}};
                        }

                        return s;
                    }
                }
                """;
        }

        private static string Service(int index)
        {
            // Every 10th service carries anti-patterns, so the rules have something to report.
            var antiPattern = index % 10 == 0
                ? """
                        public string Describe(IEnumerable<Order> orders)
                        {
                            var text = "";
                            foreach (var order in orders)
                            {
                                text += order.Id + ": " + order.Total + "\n";
                            }

                            return text;
                        }
                """
                : """
                        public string Describe(IEnumerable<Order> orders)
                        {
                            var text = new StringBuilder();
                            foreach (var order in orders)
                            {
                                text.Append(order.Id).Append(": ").Append(order.Total).Append('\n');
                            }

                            return text.ToString();
                        }
                """;

            return $$"""
                using System;
                using System.Collections.Generic;
                using System.IO;
                using System.Linq;
                using System.Text;
                using System.Threading;
                using System.Threading.Tasks;

                namespace Corpus.Services{{index}}
                {
                    public sealed record Order(int Id, string Customer, decimal Total, DateTime Placed);

                    public interface IOrderStore{{index}}
                    {
                        Task<IReadOnlyList<Order>> LoadAsync(CancellationToken cancellationToken);
                    }

                    public sealed class OrderService{{index}}
                    {
                        private readonly IOrderStore{{index}} _store;
                        private readonly Dictionary<int, Order> _cache = new();
                        private readonly object _gate = new();
                        private int _hits;

                        public OrderService{{index}}(IOrderStore{{index}} store) => _store = store;

                        public event EventHandler<Order>? OrderSeen;

                        public int Hits => _hits;

                        public async Task<decimal> TotalForAsync(string customer, CancellationToken cancellationToken)
                        {
                            var orders = await _store.LoadAsync(cancellationToken).ConfigureAwait(false);
                            decimal total = 0;
                            foreach (var order in orders)
                            {
                                if (!string.Equals(order.Customer, customer, StringComparison.Ordinal))
                                {
                                    continue;
                                }

                                total += order.Total;
                                OrderSeen?.Invoke(this, order);
                            }

                            return total;
                        }

                        public IEnumerable<Order> Recent(IEnumerable<Order> orders, DateTime since)
                        {
                            foreach (var order in orders)
                            {
                                if (order.Placed >= since)
                                {
                                    yield return order;
                                }
                            }
                        }

                        public Dictionary<string, decimal> ByCustomer(IEnumerable<Order> orders)
                            => orders.GroupBy(o => o.Customer).ToDictionary(g => g.Key, g => g.Sum(o => o.Total));

                        public Order? Find(int id)
                        {
                            lock (_gate)
                            {
                                if (_cache.TryGetValue(id, out var order))
                                {
                                    _hits++;
                                    return order;
                                }
                            }

                            return null;
                        }

                        public void Remember(Order order)
                        {
                            lock (_gate)
                            {
                                _cache[order.Id] = order;
                            }
                        }

                        public string Classify(Order order) => order switch
                        {
                            { Total: > 1000m } => "large",
                            { Total: > 100m, Customer.Length: > 3 } => "medium",
                            _ => "small",
                        };

                        public async Task SaveAsync(string path, IEnumerable<Order> orders, CancellationToken cancellationToken)
                        {
                            await using var stream = new FileStream(path, FileMode.Create, FileAccess.Write);
                            using var writer = new StreamWriter(stream);
                            foreach (var order in orders)
                            {
                                await writer.WriteLineAsync($"{order.Id},{order.Customer},{order.Total}").ConfigureAwait(false);
                            }
                        }

                        public int[] Histogram(IReadOnlyList<Order> orders, int buckets)
                        {
                            var counts = new int[buckets];
                            for (var i = 0; i < orders.Count; i++)
                            {
                                var bucket = (int)(orders[i].Total % buckets);
                                counts[bucket]++;
                            }

                            return counts;
                        }

                        public Func<decimal> Threshold(decimal factor)
                        {
                            var baseline = _hits * factor;
                            return () => baseline * 2;
                        }

                {{antiPattern}}
                    }
                }
                """;
        }
    }

    public enum CorpusKind
    {
        ValidCode,
        Realistic,
        HugeMethod,
        LongExpression,
    }
}
