using System.Globalization;

namespace MemoryAnalyzers.Demo
{
    internal static class Format
    {
        private static readonly CultureInfo s_culture = CultureInfo.InvariantCulture;

        public static string Bytes(double bytes) => bytes switch
        {
            >= 1 << 30 => (bytes / (1 << 30)).ToString("0.0", s_culture) + " GiB",
            >= 1 << 20 => (bytes / (1 << 20)).ToString("0.0", s_culture) + " MiB",
            >= 1 << 10 => (bytes / (1 << 10)).ToString("0.0", s_culture) + " KiB",
            _ => bytes.ToString("0", s_culture) + " B",
        };

        public static string Count(long value) => value.ToString("N0", s_culture);

        public static string Ratio(double ratio) => ratio >= 100 ? ratio.ToString("N0", s_culture) : ratio.ToString("0.#", s_culture);

        public static string Milliseconds(System.TimeSpan elapsed) => elapsed.TotalMilliseconds.ToString("0.0", s_culture) + " ms";
    }
}
