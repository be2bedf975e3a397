using System.Text;
using System.Text.RegularExpressions;

namespace FakeRooms.Domain.Tests.Architecture;

/// <summary>
/// Measures C# type declarations without a compiler. The <c>#if</c> branches a build without conditional symbols
/// compiles are kept and the others blanked (FakeRooms.FluentAssertions builds twice from one source); comments, strings
/// and character literals are blanked (lines kept). Then every class, struct, interface, enum and record is found with
/// the line its keyword is on and the line of its closing brace (or <c>;</c>). Partial declarations add up under one
/// name (namespace, outer types, name); a nested type's lines count for its outer type too.
/// </summary>
internal static partial class TypeSizeScanner
{
    // A declaration: modifiers, then the keyword and the name. What precedes it must end a statement or a member
    // ({ } ; ] or the start), which leaves out `where T : class`, `record with { }` and other uses of the words.
    [GeneratedRegex(@"(?<=(?:^|[{};\]])\s*(?:(?:public|internal|private|protected|sealed|static|abstract|partial|readonly|file|unsafe|new|ref)\s+)*)\b(?<kind>class|struct|interface|enum|record(?:\s+(?:class|struct))?)\s+(?<name>@?[A-Za-z_]\w*)")]
    private static partial Regex Declaration();

    [GeneratedRegex(@"(?<=(?:^|[{};])\s*)\bnamespace\s+(?<name>[\w.]+)\s*(?<end>[;{])")]
    private static partial Regex Namespace();

    /// <summary>Lines per type name over the given files (path, text).</summary>
    public static Dictionary<string, int> Measure(IEnumerable<(string Path, string Text)> files)
    {
        var sizes = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var (_, text) in files)
            foreach (var (name, lines) in MeasureFile(text))
                sizes[name] = sizes.GetValueOrDefault(name) + lines;
        return sizes;
    }

    private static List<(string Name, int Lines)> MeasureFile(string source)
    {
        var code = Blank(source);
        var lineStarts = new List<int> { 0 };
        for (var i = 0; i < code.Length; i++)
            if (code[i] == '\n')
                lineStarts.Add(i + 1);
        int LineOf(int index)
        {
            var found = lineStarts.BinarySearch(index);
            return found >= 0 ? found : ~found - 1;
        }

        var namespaces = Namespace().Matches(code)
            .Select(m => (Start: m.Index, End: m.Groups["end"].Value == "{" ? Close(code, m.Groups["end"].Index) : code.Length, Name: m.Groups["name"].Value))
            .ToList();
        var types = new List<(int Start, int End, string Name)>();
        foreach (Match m in Declaration().Matches(code))
        {
            var end = BodyEnd(code, m.Index + m.Length);
            types.Add((m.Index, end, m.Groups["name"].Value.TrimStart('@')));
        }

        var result = new List<(string, int)>();
        foreach (var type in types)
        {
            var outer = types.Where(t => t.Start < type.Start && t.End >= type.End).OrderBy(t => t.Start).Select(t => t.Name);
            var ns = namespaces.Where(n => n.Start < type.Start && n.End >= type.End).Select(n => n.Name);
            var name = string.Join(".", ns.Concat(outer).Append(type.Name));
            result.Add((name, LineOf(type.End) - LineOf(type.Start) + 1));
        }
        return result;
    }

    /// <summary>The index of the brace or semicolon that ends a declaration whose header starts at <paramref name="from"/>.</summary>
    private static int BodyEnd(string code, int from)
    {
        var depth = 0;
        for (var i = from; i < code.Length; i++)
        {
            switch (code[i])
            {
                case '(' or '[': depth++; break;
                case ')' or ']': depth--; break;
                case ';' when depth == 0: return i;
                case '{' when depth == 0: return Close(code, i);
            }
        }
        return code.Length - 1;
    }

    /// <summary>The index of the brace that closes the one at <paramref name="open"/>.</summary>
    private static int Close(string code, int open)
    {
        var depth = 0;
        for (var i = open; i < code.Length; i++)
        {
            if (code[i] == '{')
                depth++;
            else if (code[i] == '}' && --depth == 0)
                return i;
        }
        return code.Length - 1;
    }

    /// <summary>The source with comments, strings and character literals replaced by spaces (line breaks kept).</summary>
    public static string Blank(string source)
    {
        source = Preprocess(source);
        var text = new StringBuilder(source);
        var i = 0;
        while (i < source.Length)
            i = BlankAt(source, text, i);
        return text.ToString();
    }

    /// <summary>
    /// Keeps the branches a build without conditional symbols compiles (<c>#if X</c> is false, <c>#if !X</c> true, then
    /// <c>#else</c>); blanks the directives and the other branches.
    /// </summary>
    private static string Preprocess(string source)
    {
        var lines = source.Split('\n');
        // Per open #if: whether the current branch is compiled, and whether one of its branches was.
        var open = new Stack<(bool Active, bool Taken)>();
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].Trim();
            if (line.StartsWith("#if", StringComparison.Ordinal))
            {
                var active = line[3..].Trim().StartsWith('!');
                open.Push((active, active));
            }
            else if (line.StartsWith("#elif", StringComparison.Ordinal) || line.StartsWith("#else", StringComparison.Ordinal))
            {
                var (_, taken) = open.Pop();
                var active = !taken && (line.StartsWith("#else", StringComparison.Ordinal) || line[5..].Trim().StartsWith('!'));
                open.Push((active, taken || active));
            }
            else if (line.StartsWith("#endif", StringComparison.Ordinal))
                open.Pop();
            else if (!line.StartsWith('#') && open.All(b => b.Active))
                continue;
            lines[i] = lines[i].EndsWith('\r') ? "\r" : "";
        }
        return string.Join('\n', lines);
    }

    private static int BlankAt(string s, StringBuilder text, int i)
    {
        if (s[i] == '/' && At(s, i + 1) == '/')
            return Wipe(s, text, i, s.IndexOf('\n', i) is var nl and >= 0 ? nl : s.Length);
        if (s[i] == '/' && At(s, i + 1) == '*')
            return Wipe(s, text, i, s.IndexOf("*/", i + 2, StringComparison.Ordinal) is var end and >= 0 ? end + 2 : s.Length);
        if (s[i] == '\'')
            return Wipe(s, text, i, QuotedEnd(s, i + 1, '\''));
        // String prefixes: $ (one or more), @, in either order.
        var start = i;
        var dollars = 0;
        var verbatim = false;
        while (At(s, i) is '$' or '@')
        {
            if (s[i] == '$') dollars++;
            else verbatim = true;
            i++;
        }
        if (At(s, i) != '"')
            return start + 1;
        var quotes = 0;
        while (At(s, i + quotes) == '"')
            quotes++;
        if (quotes >= 3)
        {
            // Raw string: ends at the next run of as many quotes.
            var close = s.IndexOf(new string('"', quotes), i + quotes, StringComparison.Ordinal);
            return Wipe(s, text, start, close < 0 ? s.Length : close + quotes);
        }
        if (quotes == 2 && !verbatim)
            return Wipe(s, text, start, i + 2);   // ""
        return Wipe(s, text, start, StringEnd(s, i + 1, verbatim, dollars > 0));
    }

    /// <summary>After the opening quote of a regular, verbatim or interpolated string: the index past its closing quote.</summary>
    private static int StringEnd(string s, int i, bool verbatim, bool interpolated)
    {
        while (i < s.Length)
        {
            var c = s[i];
            if (!verbatim && c == '\\') { i += 2; continue; }
            if (verbatim && c == '"' && At(s, i + 1) == '"') { i += 2; continue; }
            if (c == '"') return i + 1;
            if (interpolated && c == '{')
            {
                if (At(s, i + 1) == '{') { i += 2; continue; }
                i = HoleEnd(s, i + 1);
                continue;
            }
            i++;
        }
        return s.Length;
    }

    /// <summary>Inside an interpolation hole: skips nested strings and braces up to the closing brace.</summary>
    private static int HoleEnd(string s, int i)
    {
        var depth = 1;
        while (i < s.Length && depth > 0)
        {
            var c = s[i];
            if (c is '"' or '$' or '@' or '\'')
            {
                var scratch = new StringBuilder(s);
                var next = BlankAt(s, scratch, i);
                i = next > i ? next : i + 1;
                continue;
            }
            if (c == '{') depth++;
            else if (c == '}') depth--;
            i++;
        }
        return i;
    }

    private static int QuotedEnd(string s, int i, char quote)
    {
        while (i < s.Length && s[i] != quote && s[i] != '\n')
            i += s[i] == '\\' ? 2 : 1;
        return Math.Min(i + 1, s.Length);
    }

    private static int Wipe(string s, StringBuilder text, int from, int to)
    {
        for (var k = from; k < to && k < s.Length; k++)
            if (s[k] != '\n' && s[k] != '\r')
                text[k] = ' ';
        return Math.Max(to, from + 1);
    }

    private static char At(string s, int i) => i < s.Length ? s[i] : '\0';
}
