using System;
using System.Collections.Generic;
using System.Dynamic;
using System.Linq;

namespace ValidCode
{
    /// <summary>Dictionaries with string keys that are real dictionaries, and the record that replaces a fixed set of keys.</summary>
    public static class Records
    {
        /// <summary>The keys come from the data.</summary>
        public static Dictionary<string, int> CountWords(IEnumerable<string> words)
        {
            var counts = new Dictionary<string, int>();
            foreach (var word in words)
            {
                counts[word] = counts.TryGetValue(word, out var count) ? count + 1 : 1;
            }

            return counts;
        }

        /// <summary>Fixed keys, but the dictionary is handed on: its keys are a contract with the callee.</summary>
        public static string Headers(string token, Func<IReadOnlyDictionary<string, string>, string> send)
        {
            var headers = new Dictionary<string, string> { ["Authorization"] = "Bearer " + token, ["Accept"] = "application/json" };
            return send(headers);
        }

        /// <summary>Fixed keys, enumerated: the pairs are the data.</summary>
        public static string Query(string name, int page)
        {
            var parameters = new Dictionary<string, object> { ["name"] = name, ["page"] = page };
            return string.Join("&", parameters.Select(pair => pair.Key + "=" + pair.Value));
        }

        /// <summary>A lookup table read with a key from the caller (its rates change, so it is no constant table either).</summary>
        public static double Rate(string currency, double usdRate)
        {
            var rates = new Dictionary<string, double> { ["EUR"] = 1.0, ["USD"] = usdRate };
            return rates.TryGetValue(currency, out var rate) ? rate : 0;
        }

        /// <summary>Probed with ContainsKey, and extended after it is filled.</summary>
        public static int Settings(bool verbose)
        {
            var settings = new Dictionary<string, int> { ["level"] = 1, ["depth"] = 2 };
            if (verbose)
            {
                settings["trace"] = 1;
            }

            return settings.ContainsKey("trace") ? settings["level"] : settings["depth"];
        }

        /// <summary>Keys compared without case: a record would not find "LEVEL".</summary>
        public static int IgnoringCase()
        {
            var settings = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase) { ["level"] = 1, ["depth"] = 2 };
            return settings["LEVEL"] + settings["Depth"];
        }

        /// <summary>An ExpandoObject handed to a serializer or a template engine.</summary>
        public static object Model(string name, int age)
        {
            dynamic model = new ExpandoObject();
            model.Name = name;
            model.Age = age;
            return model;
        }

        /// <summary>The fixed shape as a record.</summary>
        public static string Describe(string name, int age)
        {
            var person = new Person(name, age);
            return person.Name + " " + person.Age;
        }

        private sealed record Person(string Name, int Age);
    }
}
