using System.Threading.Tasks;
using Xunit;
using VerifyCS = MemoryAnalyzers.Tests.Verifiers.CSharpCodeFixVerifier<
    MemoryAnalyzers.Rules.StringConcatenationInLoopAnalyzer,
    MemoryAnalyzers.CodeFixes.Rules.StringConcatenationInLoopFixer>;

namespace MemoryAnalyzers.Tests.Rules
{
    /// <summary>
    /// The "Use StringBuilder" fix on strings that leave the loop early (returned or thrown from inside it) and on
    /// strings others see: <c>out</c> parameters and members of a local object, written back before every exit.
    /// </summary>
    public sealed class StringConcatenationInLoopFixerWriteBackTests
    {
        [Fact]
        public Task Returns_the_builder_from_inside_a_loop_that_never_ends_normally() => VerifyCS.VerifyCodeFixAsync("""
            using System.IO;

            class C
            {
                string ReadFormat(TextReader reader)
                {
                    var format = "";
                    while (true)
                    {
                        var line = reader.ReadLine();
                        if (line == null || line.Length == 0) return format; // done
                        {|MEM001:format += line + ";"|};
                    }
                }
            }
            """, """
            using System.IO;
            using System.Text;

            class C
            {
                string ReadFormat(TextReader reader)
                {
                    var format = "";
                    var formatBuilder = new StringBuilder(format);
                    while (true)
                    {
                        var line = reader.ReadLine();
                        if (line == null || line.Length == 0) return formatBuilder.ToString(); // done
                        formatBuilder.Append(line).Append(";");
                    }
                }
            }
            """);

        [Fact]
        public Task Reads_the_builder_in_returns_and_throws_that_leave_the_loop() => VerifyCS.VerifyCodeFixAsync("""
            using System;

            class C
            {
                string Join(string[] items)
                {
                    var s = "";
                    foreach (var item in items)
                    {
                        if (item == "end")
                        {
                            return "[" + s + "]";
                        }

                        if (item.Length > 80) throw new ArgumentException(s.Length + ": " + s);
                        {|MEM001:s += item|};
                    }

                    return s;
                }
            }
            """, """
            using System;
            using System.Text;

            class C
            {
                string Join(string[] items)
                {
                    var s = "";
                    var sBuilder = new StringBuilder(s);
                    foreach (var item in items)
                    {
                        if (item == "end")
                        {
                            return "[" + sBuilder.ToString() + "]";
                        }

                        if (item.Length > 80) throw new ArgumentException(sBuilder.ToString().Length + ": " + sBuilder.ToString());
                        sBuilder.Append(item);
                    }
                    s = sBuilder.ToString();

                    return s;
                }
            }
            """);

        [Fact]
        public Task Writes_an_out_parameter_back_before_every_exit() => VerifyCS.VerifyCodeFixAsync("""
            using System;
            using System.IO;

            class C
            {
                bool TryReadToken(TextReader reader, out string token)
                {
                    token = "";
                    while (reader.Peek() >= 0)
                    {
                        var c = (char)reader.Read();
                        if (c == ';') return true;
                        if (c == '!')
                            throw new FormatException(token);
                        if (c == ' ')
                            break;
                        switch (c)
                        {
                            case '\r': continue;
                            case '#': return false;
                        }

                        {|MEM001:token += c|};
                    }

                    return token.Length > 0;
                }
            }
            """, """
            using System;
            using System.IO;
            using System.Text;

            class C
            {
                bool TryReadToken(TextReader reader, out string token)
                {
                    token = "";
                    var tokenBuilder = new StringBuilder(token);
                    while (reader.Peek() >= 0)
                    {
                        var c = (char)reader.Read();
                        if (c == ';') { token = tokenBuilder.ToString(); return true; }
                        if (c == '!')
                        {
                            token = tokenBuilder.ToString();
                            throw new FormatException(token);
                        }
                        if (c == ' ')
                            break;
                        switch (c)
                        {
                            case '\r': continue;
                            case '#': token = tokenBuilder.ToString(); return false;
                        }

                        tokenBuilder.Append(c);
                    }
                    token = tokenBuilder.ToString();

                    return token.Length > 0;
                }
            }
            """);

        [Fact]
        public Task Accumulates_a_plain_property_of_a_local_struct_and_writes_it_back_after_the_loop() => VerifyCS.VerifyCodeFixAsync("""
            using System.IO;

            struct Reply
            {
                private string _code;
                private string _infoMessages;

                public string Code { get { return _code; } set { _code = value; } }

                public string InfoMessages
                {
                    get => _infoMessages;
                    set => _infoMessages = value;
                }
            }

            class Client
            {
                Reply GetReply(TextReader reader)
                {
                    Reply reply = new Reply();
                    string line;
                    while ((line = reader.ReadLine()) != null)
                    {
                        if (line.Length > 3 && line[3] == ' ')
                        {
                            reply.Code = line.Substring(0, 3);
                            break;
                        }

                        // continuation line
                        {|MEM001:reply.InfoMessages += (line + "\n")|};
                    }

                    return reply;
                }
            }
            """, """
            using System.IO;
            using System.Text;

            struct Reply
            {
                private string _code;
                private string _infoMessages;

                public string Code { get { return _code; } set { _code = value; } }

                public string InfoMessages
                {
                    get => _infoMessages;
                    set => _infoMessages = value;
                }
            }

            class Client
            {
                Reply GetReply(TextReader reader)
                {
                    Reply reply = new Reply();
                    string line;
                    var infoMessagesBuilder = new StringBuilder(reply.InfoMessages);
                    while ((line = reader.ReadLine()) != null)
                    {
                        if (line.Length > 3 && line[3] == ' ')
                        {
                            reply.Code = line.Substring(0, 3);
                            break;
                        }

                        // continuation line
                        infoMessagesBuilder.Append(line).Append("\n");
                    }
                    reply.InfoMessages = infoMessagesBuilder.ToString();

                    return reply;
                }
            }
            """);

        [Fact]
        public Task Writes_a_member_of_a_new_object_back_before_each_return_from_the_loop() => VerifyCS.VerifyCodeFixAsync("""
            using System.IO;

            class Reply
            {
                public Reply(int code) { Code = code; this.Lines = 0; }

                public int Code { get; set; }
                public int Lines;
                public string Text { get; set; } = "";
            }

            class Client
            {
                Reply Read(TextReader reader)
                {
                    var reply = new Reply(0) { Lines = 1 };
                    reply.Text = "> ";
                    while (true)
                    {
                        var line = reader.ReadLine();
                        if (line is null)
                        {
                            return reply;
                        }

                        if (line.Length > 3 && line[3] == ' ')
                        {
                            reply.Code = int.Parse(line.Substring(0, 3));
                            return reply;
                        }

                        reply.Lines++;
                        {|MEM001:reply.Text = reply.Text + line + "\n"|};
                    }
                }
            }
            """, """
            using System.IO;
            using System.Text;

            class Reply
            {
                public Reply(int code) { Code = code; this.Lines = 0; }

                public int Code { get; set; }
                public int Lines;
                public string Text { get; set; } = "";
            }

            class Client
            {
                Reply Read(TextReader reader)
                {
                    var reply = new Reply(0) { Lines = 1 };
                    reply.Text = "> ";
                    var textBuilder = new StringBuilder(reply.Text);
                    while (true)
                    {
                        var line = reader.ReadLine();
                        if (line is null)
                        {
                            reply.Text = textBuilder.ToString();
                            return reply;
                        }

                        if (line.Length > 3 && line[3] == ' ')
                        {
                            reply.Code = int.Parse(line.Substring(0, 3));
                            reply.Text = textBuilder.ToString();
                            return reply;
                        }

                        reply.Lines++;
                        textBuilder.Append(line).Append("\n");
                    }
                }
            }
            """);

        [Fact]
        public Task Gives_two_members_their_own_builders_written_back_together_one_by_one_and_with_fix_all() => VerifyCS.VerifyCodeFixAsync("""
            using System.Collections.Generic;

            class Result
            {
                public string Errors = "";
                public string Warnings { get; set; } = "";
            }

            class C
            {
                Result Check(IEnumerable<string> lines)
                {
                    var result = new Result();
                    foreach (var line in lines)
                    {
                        if (line == "stop") return result;
                        if (line.StartsWith("E")) {|MEM001:result.Errors += line|};
                        else {|MEM001:result.Warnings += line|};
                    }

                    return result;
                }
            }
            """, """
            using System.Collections.Generic;
            using System.Text;

            class Result
            {
                public string Errors = "";
                public string Warnings { get; set; } = "";
            }

            class C
            {
                Result Check(IEnumerable<string> lines)
                {
                    var result = new Result();
                    var errorsBuilder = new StringBuilder(result.Errors);
                    var warningsBuilder = new StringBuilder(result.Warnings);
                    foreach (var line in lines)
                    {
                        if (line == "stop") { result.Errors = errorsBuilder.ToString(); result.Warnings = warningsBuilder.ToString(); return result; }
                        if (line.StartsWith("E")) errorsBuilder.Append(line);
                        else warningsBuilder.Append(line);
                    }
                    result.Warnings = warningsBuilder.ToString();
                    result.Errors = errorsBuilder.ToString();

                    return result;
                }
            }
            """, """
            using System.Collections.Generic;
            using System.Text;

            class Result
            {
                public string Errors = "";
                public string Warnings { get; set; } = "";
            }

            class C
            {
                Result Check(IEnumerable<string> lines)
                {
                    var result = new Result();
                    var errorsBuilder = new StringBuilder(result.Errors);
                    var warningsBuilder = new StringBuilder(result.Warnings);
                    foreach (var line in lines)
                    {
                        if (line == "stop") { result.Errors = errorsBuilder.ToString(); result.Warnings = warningsBuilder.ToString(); return result; }
                        if (line.StartsWith("E")) errorsBuilder.Append(line);
                        else warningsBuilder.Append(line);
                    }
                    result.Errors = errorsBuilder.ToString();
                    result.Warnings = warningsBuilder.ToString();

                    return result;
                }
            }
            """);

        [Fact]
        public Task Combines_a_read_and_a_write_back_at_one_exit_of_nested_loops() => VerifyCS.VerifyCodeFixAsync("""
            class Reply { public string Text = ""; }

            class C
            {
                string M(string[][] groups)
                {
                    var all = "";
                    foreach (var group in groups)
                    {
                        var reply = new Reply();
                        foreach (var item in group)
                        {
                            if (item.Length == 0)
                                return all + reply.Text;
                            {|MEM001:reply.Text += item|};
                        }

                        {|MEM001:all += reply.Text|};
                    }

                    return all;
                }
            }
            """, """
            using System.Text;

            class Reply { public string Text = ""; }

            class C
            {
                string M(string[][] groups)
                {
                    var all = "";
                    var allBuilder = new StringBuilder(all);
                    foreach (var group in groups)
                    {
                        var reply = new Reply();
                        var textBuilder = new StringBuilder(reply.Text);
                        foreach (var item in group)
                        {
                            if (item.Length == 0)
                            {
                                reply.Text = textBuilder.ToString();
                                return allBuilder.ToString() + reply.Text;
                            }
                            textBuilder.Append(item);
                        }
                        reply.Text = textBuilder.ToString();

                        allBuilder.Append(reply.Text);
                    }
                    all = allBuilder.ToString();

                    return all;
                }
            }
            """);

        [Fact]
        public Task Rewrites_a_loop_in_a_try_when_no_handler_can_see_the_string() => VerifyCS.VerifyCodeFixAsync("""
            using System;

            class C
            {
                string M(string[] items)
                {
                    var s = "";
                    try
                    {
                        foreach (var item in items)
                        {
                            {|MEM001:s += item|};
                        }
                    }
                    finally
                    {
                        Console.WriteLine("done");
                    }

                    return s;
                }
            }
            """, """
            using System;
            using System.Text;

            class C
            {
                string M(string[] items)
                {
                    var s = "";
                    try
                    {
                        var sBuilder = new StringBuilder(s);
                        foreach (var item in items)
                        {
                            sBuilder.Append(item);
                        }
                        s = sBuilder.ToString();
                    }
                    finally
                    {
                        Console.WriteLine("done");
                    }

                    return s;
                }
            }
            """);

        private const string Types = """
            using System;
            using System.Collections.Generic;

            class Reply
            {
                public static readonly List<Reply> All = new List<Reply>();
                private string _logged = "";

                public int Code;
                public string Text { get; set; } = "";
                public string Raw = "";
                public string Alias { get => Raw; set => Raw = value; }
                public string Logged { get => _logged; set { _logged = value; Console.WriteLine(value); } }
                public virtual string Virtual { get; set; } = "";
                public void Validate() { }
            }

            class Published
            {
                public Published() { Reply.All.Add(new Reply()); Register(this); }
                public string Text = "";
                private static void Register(Published published) { }
            }

            class Derived : Reply
            {
                public Derived() { Validate(); }
            }

            struct Point
            {
                public string Name;
            }
            """;

        [Theory]
        // The object is observed in the loop: passed, captured, another method runs on it, or the member is read.
        [InlineData("var reply = new Reply();", "Log(reply); {|MEM001:reply.Text += item|};")]
        [InlineData("var reply = new Reply(); Func<int> code = () => reply.Code;", "{|MEM001:reply.Text += item|};")]
        [InlineData("var reply = new Reply();", "reply.Validate(); {|MEM001:reply.Text += item|};")]
        [InlineData("var reply = new Reply();", "{|MEM001:reply.Text += item|}; if (reply.Text.Length > 80) break;")]
        [InlineData("var reply = new Reply();", "{|MEM001:reply.Text += item|}; yield return reply;")]
        [InlineData("var reply = new Reply();", "{|MEM001:reply.Alias += item|}; Log(reply.Raw);")]
        [InlineData("var reply = new Reply();", "{|MEM001:reply.Raw += item|}; reply.Code = reply.Alias.Length;")]
        // The member runs code, or may be overridden.
        [InlineData("var reply = new Reply();", "{|MEM001:reply.Logged += item|};")]
        [InlineData("var reply = new Reply();", "{|MEM001:reply.Virtual += item|};")]
        // Someone else may hold the object: it comes from elsewhere, escaped before the loop, or its constructor publishes it.
        [InlineData("var reply = Reply.All[0];", "{|MEM001:reply.Text += item|};")]
        [InlineData("var reply = new Reply(); Reply.All.Add(reply);", "{|MEM001:reply.Text += item|};")]
        [InlineData("var reply = new Reply(); var other = reply;", "{|MEM001:reply.Text += item|};")]
        [InlineData("var published = new Published();", "{|MEM001:published.Text += item|};")]
        [InlineData("var reply = new Derived();", "{|MEM001:reply.Text += item|};")]
        [InlineData("var point = new Point(); Keep(ref point);", "{|MEM001:point.Name += item|};")]
        [InlineData("var point = new Point();", "Log(point); {|MEM001:point.Name += item|};")]
        public Task Offers_no_fix_when_something_may_observe_the_object_during_the_loop(string before, string body) => VerifyCS.VerifyNoCodeFixAsync($$"""
            {{Types}}

            class C
            {
                IEnumerable<object> M(string[] items)
                {
                    {{before}}
                    foreach (var item in items)
                    {
                        {{body}}
                    }

                    yield break;
                }

                static void Log(object value) { }
                static void Keep(ref Point point) { }
            }
            """);

        [Fact]
        public Task Offers_no_fix_for_members_of_parameters_and_chains_or_disposed_locals() => VerifyCS.VerifyNoCodeFixAsync($$"""
            {{Types}}

            class Holder : IDisposable
            {
                public string Text = "";
                public Reply Inner = new Reply();
                public void Dispose() { }
            }

            class C
            {
                void M(string[] items, Reply parameter)
                {
                    var holder = new Holder();
                    using var disposed = new Holder();
                    foreach (var item in items)
                    {
                        {|MEM001:parameter.Text += item|};
                        {|MEM001:holder.Inner.Text += item|};
                        {|MEM001:disposed.Text += item|};
                    }
                }
            }
            """);

        [Fact]
        public Task Offers_no_fix_when_an_exception_or_a_jump_could_reveal_the_stale_string() => VerifyCS.VerifyNoCodeFixAsync("""
            using System;

            class Reply { public string Text = ""; }

            class C
            {
                string Caught(string[] items)
                {
                    var s = "";
                    try
                    {
                        foreach (var item in items) { {|MEM001:s += item|}; }
                    }
                    catch (FormatException)
                    {
                    }

                    return s;
                }

                bool CaughtOut(string[] items, out string text)
                {
                    text = "";
                    try
                    {
                        foreach (var item in items) { {|MEM001:text += item|}; }
                    }
                    catch (FormatException)
                    {
                        return false;
                    }

                    return true;
                }

                Reply Finally(string[] items)
                {
                    var reply = new Reply();
                    foreach (var item in items)
                    {
                        try
                        {
                            if (item.Length == 0) return reply;
                        }
                        finally
                        {
                            {|MEM001:reply.Text += item|};
                        }
                    }

                    return reply;
                }

                string Jump(string[] items)
                {
                    var s = "";
                    foreach (var item in items)
                    {
                        if (item.Length == 0) goto done;
                        {|MEM001:s += item|};
                    }

                    s = "";
                done:
                    return s;
                }

                string Again(string[] items)
                {
                    var s = "";
                again:
                    foreach (var item in items) { {|MEM001:s += item|}; }
                    if (s.Length < 10) goto again;
                    return s;
                }

                void Ref(string[] items, ref string text)
                {
                    while (text.Length < 80)
                    {
                        {|MEM001:text += items[0]|};
                    }
                }
            }
            """);
    }
}
