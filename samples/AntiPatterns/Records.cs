using System.Collections.Generic;
using System.Dynamic;

namespace AntiPatterns
{
    /// <summary>MEM017: a dictionary and an ExpandoObject with fixed keys, used where a record would do.</summary>
    public static class Records
    {
        public static string Describe(string name, int age, double score)
        {
            var person = new Dictionary<string, object> { ["name"] = name, ["age"] = age, ["score"] = score }; // MEM017
            return (string)person["name"] + " (" + (int)person["age"] + "): " + (double)person["score"];
        }

        public static int Area(int width, int height)
        {
            var box = new Dictionary<string, int>(); // MEM017
            box["width"] = width;
            box["height"] = height;
            return box["width"] * box["height"];
        }

        public static string Greet(string name, string city)
        {
            dynamic visitor = new ExpandoObject(); // MEM017
            visitor.Name = name;
            visitor.City = city;
            return "Hello " + visitor.Name + " from " + visitor.City;
        }
    }
}
